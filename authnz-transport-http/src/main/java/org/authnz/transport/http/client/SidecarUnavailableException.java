package org.authnz.transport.http.client;

import org.authnz.AuthnzException;

/**
 * The sidecar could not be reached or did not answer in time, after the retries that were safe to
 * make.
 *
 * <p>The message never holds a secret or a request body.
 */
public final class SidecarUnavailableException extends AuthnzException {
  private static final long serialVersionUID = 1L;

  SidecarUnavailableException(String message) {
    super(message);
  }

  SidecarUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
