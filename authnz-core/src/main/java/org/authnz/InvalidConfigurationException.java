package org.authnz;

/** Thrown by builders and at start-up when a setting is missing or invalid. */
public final class InvalidConfigurationException extends AuthnzException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigurationException(String message) {
    super(message);
  }

  public InvalidConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
