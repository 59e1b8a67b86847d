package org.authnz.transport.http.protocol;

/**
 * Fernet (AES-128-CBC + HMAC-SHA256) from JCA primitives.
 *
 * <p>Thread-safe.
 */
public final class Fernet {

  private Fernet() {}

  /**
   * Parses a 32-byte URL-safe base64 key.
   *
   * @throws IllegalArgumentException when the key is not a valid Fernet key
   */
  public static Fernet of(String key) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Encrypts {@code plaintext} into a Fernet token (URL-safe base64 text). */
  public String encrypt(byte[] plaintext) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Verifies and decrypts a token, ignoring its timestamp.
   *
   * @throws InvalidTokenException when the token is malformed or its MAC does not match
   */
  public byte[] decrypt(String token) {
    throw new UnsupportedOperationException("not yet");
  }
}
