package org.authnz.transport.http.client;

import org.authnz.AuthnzException;

/**
 * The sidecar refused the request's encryption (HTTP 401): the client's Fernet secret is not the
 * sidecar's, or the sidecar's Host allow-list refuses the client's address.
 *
 * <p>The message never holds a secret or a request body.
 */
public final class SidecarKeyRejectedException extends AuthnzException {
  private static final long serialVersionUID = 1L;

  SidecarKeyRejectedException(String message) {
    super(message);
  }

  SidecarKeyRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
