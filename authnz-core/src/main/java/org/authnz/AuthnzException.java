package org.authnz;

/**
 * Root of the unchecked exceptions authnz throws for infrastructure failures and caller bugs.
 *
 * <p>Outcomes of authentication and authorization (wrong password, locked account, ...) are never
 * exceptions: they are results. Messages of these exceptions never contain secrets or personal
 * data.
 */
public abstract class AuthnzException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected AuthnzException(String message) {
    super(message);
  }

  protected AuthnzException(String message, Throwable cause) {
    super(message, cause);
  }
}
