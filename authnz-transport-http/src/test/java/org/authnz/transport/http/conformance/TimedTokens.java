package org.authnz.transport.http.conformance;

import java.time.Instant;
import org.authnz.transport.http.protocol.Fernet;

/** Fernet tokens with a chosen timestamp, for the {@code fernet_time} step key. */
final class TimedTokens {
  private final Fernet fernet;
  private final Fernet otherKey = Fernet.of(Fernet.generateKey());

  TimedTokens(String key) {
    this.fernet = Fernet.of(key);
  }

  String encrypt(byte[] plaintext, long unixSeconds, boolean wrongKey) {
    Fernet with = wrongKey ? otherKey : fernet;
    return with.encrypt(plaintext, Instant.ofEpochSecond(unixSeconds));
  }
}
