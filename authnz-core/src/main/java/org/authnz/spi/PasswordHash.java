package org.authnz.spi;

import static java.util.Objects.requireNonNull;

/**
 * A stored password hash in PHC string form ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}).
 *
 * <p>{@link #toString()} is redacted; {@link #reveal()} gives the encoded text for a store or a
 * verifier. Immutable and thread-safe.
 */
public final class PasswordHash {
  private final String encoded;

  private PasswordHash(String encoded) {
    this.encoded = encoded;
  }

  /** Wraps an encoded hash. */
  public static PasswordHash of(String encoded) {
    return new PasswordHash(requireNonNull(encoded, "encoded"));
  }

  /** Returns the encoded PHC string. */
  public String reveal() {
    return encoded;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash that && encoded.equals(that.encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "PasswordHash[redacted]";
  }
}
