package org.authnz.transport.http.cli;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * A configuration value that must not be printed: the Fernet key, the PII salt, passwords.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is redacted; {@link #reveal()} is the one way
 * to read the value.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a value. */
  public static Secret of(String value) {
    return new Secret(requireNonNull(value, "value"));
  }

  /** The value itself; pass it on, never log it. */
  public String reveal() {
    return value;
  }

  /** Whether the value is empty. */
  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Secret that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // constant, so that the hash reveals nothing about the value
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
