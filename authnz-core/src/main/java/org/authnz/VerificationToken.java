package org.authnz;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The verification code that the frontend made for a sign-up or password reset, on its way into an
 * e-mail.
 *
 * <h2>Security</h2>
 *
 * <p>{@link #toString()} is redacted; {@link #reveal()} is the single accessor. Equality is
 * constant-time. Immutable and thread-safe.
 */
public final class VerificationToken {
  private final String value;

  private VerificationToken(String value) {
    this.value = value;
  }

  /** Wraps a token. */
  public static VerificationToken of(String value) {
    return new VerificationToken(requireNonNull(value, "value"));
  }

  /** Returns the token text. Only for writing it into the e-mail. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VerificationToken that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // equal tokens must share a hash code; a constant leaks nothing
  }

  @Override
  public String toString() {
    return "VerificationToken[redacted]";
  }
}
