package org.authnz.transport.http.internal;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer of the sidecar: status, content type and body text.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header value
 * @param body the body text, sent as UTF-8
 */
public record Reply(int status, String contentType, String body) {

  /** Checks the components. */
  public Reply {
    requireNonNull(contentType, "contentType");
    requireNonNull(body, "body");
  }

  /** A plain-text error answer with the reference's wording for {@code status}. */
  public static Reply error(int status) {
    return new Reply(status, ErrorBodies.TEXT_PLAIN, ErrorBodies.text(status));
  }

  /** The HTML 404 page. */
  public static Reply notFound() {
    return new Reply(404, ErrorBodies.TEXT_HTML, ErrorBodies.NOT_FOUND_HTML);
  }

  /** The body as UTF-8 bytes. */
  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
