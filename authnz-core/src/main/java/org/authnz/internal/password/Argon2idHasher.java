package org.authnz.internal.password;

import org.authnz.spi.PasswordHash;

/**
 * Hashes and verifies passwords with Argon2id (Bouncy Castle), in PHC string form.
 *
 * <p>Thread-safe.
 */
public final class Argon2idHasher {

  private Argon2idHasher() {}

  /** A hasher with the configured default parameters. */
  public static Argon2idHasher withDefaults() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Hashes a password with fresh random salt and the current parameters. */
  public PasswordHash hash(String password) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Verifies a password against an encoded hash, taking the parameters from the hash. A malformed
   * hash verifies as false.
   */
  public boolean verify(String password, PasswordHash hash) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Whether the hash was made with other parameters than the current ones. */
  public boolean needsRehash(PasswordHash hash) {
    throw new UnsupportedOperationException("not yet");
  }
}
