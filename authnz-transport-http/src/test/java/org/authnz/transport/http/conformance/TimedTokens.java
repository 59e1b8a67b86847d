package org.authnz.transport.http.conformance;

import java.time.Instant;
import org.authnz.transport.http.protocol.Fernet;

/** Fernet tokens with a chosen timestamp, for the {@code fernet_time} step key. */
final class TimedTokens {

  private final Fernet fernet;

  TimedTokens(String key) {
    this.fernet = Fernet.of(key);
  }

  /** A token stamped {@code unixSeconds}, under the shared key or, if asked, a fresh one. */
  String encrypt(byte[] plaintext, long unixSeconds, boolean wrongKey) {
    Fernet using = wrongKey ? Fernet.of(WireClient.freshKey()) : fernet;
    return using.encrypt(plaintext, Instant.ofEpochSecond(unixSeconds));
  }
}
