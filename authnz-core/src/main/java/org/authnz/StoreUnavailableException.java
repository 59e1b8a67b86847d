package org.authnz;

/** Thrown when the store cannot be reached or fails; the operation had no effect or is unknown. */
public final class StoreUnavailableException extends AuthnzException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
