package org.authnz.transport.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's error pages in the reference's plain-text wording ({@link ErrorBodies#text(int)}), for
 * what Jetty refuses before the sidecar handler runs (oversized headers, malformed requests) and
 * for anything that escapes the handler. Never shows a stack trace or an exception message.
 */
public final class PlainErrorHandler extends ErrorHandler {

  private static final HttpField CONTENT_TYPE =
      new HttpField(HttpHeader.CONTENT_TYPE, ErrorBodies.TEXT_PLAIN);

  /** Creates the handler. */
  public PlainErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      @Nullable String message,
      @Nullable Throwable cause,
      Callback callback) {
    response.getHeaders().put(CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(bytes(code)), callback);
  }

  private static byte[] bytes(int status) {
    return ErrorBodies.text(status).getBytes(StandardCharsets.UTF_8);
  }
}
