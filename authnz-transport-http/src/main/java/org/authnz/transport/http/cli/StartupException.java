package org.authnz.transport.http.cli;

/** A start-up step failed; the message is one line for the operator and holds no secret. */
final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StartupException(String message) {
    super(message);
  }

  StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
