package org.authnz.transport.http.internal;

/**
 * The fixed, unencrypted bodies of the sidecar's error answers ({@code spec/wire-protocol.md}
 * sections 2 and 7). Never echoes anything from the request.
 */
public final class ErrorBodies {

  /** The content type of every plain-text answer. */
  public static final String TEXT_PLAIN = "text/plain; charset=UTF-8";

  /** The content type of the 404 page. */
  public static final String TEXT_HTML = "text/html; charset=UTF-8";

  /** Tornado's 404 page, which the reference sends for unknown paths and disallowed hosts. */
  public static final String NOT_FOUND_HTML =
      "<html><title>404: Not Found</title><body>404: Not Found</body></html>";

  private ErrorBodies() {}

  /** The plain-text body for an HTTP error status, as the reference words it. */
  public static String text(int status) {
    String ending =
        switch (status) {
          case 400 -> " because of invalid request parameters.";
          case 401 ->
              " because of invalid request authentication token or violation of host restriction.";
          case 429 -> " because the set rate limit has been exceeded.";
          default -> ".";
        };
    return "HTTP " + status + ": Could not service this request" + ending;
  }
}
