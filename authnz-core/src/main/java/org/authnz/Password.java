package org.authnz;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A plaintext password on its way to be hashed or verified.
 *
 * <h2>Security</h2>
 *
 * <p>{@link #toString()} is redacted, so a request record holding a password never prints it;
 * {@link #reveal()} is the single accessor. Equality is constant-time. Immutable and thread-safe.
 */
public final class Password {
  private final String value;

  private Password(String value) {
    this.value = value;
  }

  /** Wraps a password received from a user. */
  public static Password of(String value) {
    return new Password(requireNonNull(value, "value"));
  }

  /** Returns the plaintext. Only for hashing, verifying or checking it against the policy. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Password that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // equal passwords must share a hash code; a constant leaks nothing
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}
