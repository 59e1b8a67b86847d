package org.authnz.transport.http.client;

import org.authnz.AuthnzException;

/**
 * The sidecar answered, but not as the protocol allows: HTTP 400 (a malformed request), an answer
 * that does not decrypt or names another request, or another unexpected status.
 *
 * <p>The message never holds a secret or a request body.
 */
public final class SidecarProtocolException extends AuthnzException {
  private static final long serialVersionUID = 1L;

  SidecarProtocolException(String message) {
    super(message);
  }

  SidecarProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
