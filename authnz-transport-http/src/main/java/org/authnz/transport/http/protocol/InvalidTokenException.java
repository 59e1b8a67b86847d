package org.authnz.transport.http.protocol;

/** A Fernet token that is malformed, tampered with, or made with another key. */
public final class InvalidTokenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code message} must name no key, token or plaintext. */
  public InvalidTokenException(String message) {
    super(message);
  }
}
