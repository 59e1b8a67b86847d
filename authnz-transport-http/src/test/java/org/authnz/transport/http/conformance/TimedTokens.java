package org.authnz.transport.http.conformance;

/**
 * Fernet tokens with a chosen timestamp, for the {@code fernet_time} step key.
 *
 * <p>{@code Fernet} has no way yet to set the timestamp of a token it makes, and a token's
 * timestamp is covered by its MAC, so this cannot be built on top of its current API; until it can,
 * steps with {@code fernet_time} fail with this explanation instead of silently sending a token
 * stamped now.
 */
final class TimedTokens {

  TimedTokens(String key) {}

  String encrypt(byte[] plaintext, long unixSeconds, boolean wrongKey) {
    throw new UnsupportedOperationException(
        "fernet_time: Fernet offers no way to stamp a token with a chosen time yet");
  }
}
