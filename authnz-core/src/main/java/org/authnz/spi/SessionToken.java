package org.authnz.spi;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A session token: 32 random bytes in URL-safe base64 without padding (43 characters).
 *
 * <h2>Security</h2>
 *
 * <p>{@link #toString()} is redacted so a token never reaches a log line by accident; {@link
 * #reveal()} is the one accessor, used to write the token to the wire or to a store. Equality is
 * constant-time. Immutable and thread-safe.
 */
public final class SessionToken {
  private final String value;

  private SessionToken(String value) {
    this.value = value;
  }

  /** Wraps a token received from a client or read from a store. */
  public static SessionToken of(String value) {
    return new SessionToken(requireNonNull(value, "value"));
  }

  /** Returns the token text. Only for writing it to the wire or to a store. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SessionToken that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "SessionToken[redacted]";
  }
}
