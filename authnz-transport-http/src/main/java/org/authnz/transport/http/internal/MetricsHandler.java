package org.authnz.transport.http.internal;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EventsHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Serves {@code GET /metrics} in front of the sidecar's handler and counts every HTTP answer by
 * status.
 *
 * <p>Without a metrics connector, {@code /metrics} is served on the sidecar's port next to {@code
 * /} and {@code /health}. With one, it is served only there, and that connector serves nothing
 * else. Either way the Host allow-list applies first: a disallowed Host gets 404, as everywhere.
 *
 * <p>Thread-safe.
 */
public final class MetricsHandler extends EventsHandler {

  /** The path of the metrics. */
  public static final String PATH = "/metrics";

  private final SidecarMetrics metrics;
  private final HostAllowList hosts;
  private final @Nullable Connector metricsConnector;

  /**
   * Creates the handler.
   *
   * @param metricsConnector the connector that alone serves {@code /metrics}, or null to serve it
   *     on every connector
   */
  public MetricsHandler(
      Handler sidecar,
      SidecarMetrics metrics,
      HostAllowList hosts,
      @Nullable Connector metricsConnector) {
    super(requireNonNull(sidecar, "sidecar"));
    this.metrics = requireNonNull(metrics, "metrics");
    this.hosts = requireNonNull(hosts, "hosts");
    this.metricsConnector = metricsConnector;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    boolean onMetricsConnector =
        metricsConnector != null
            && request.getConnectionMetaData().getConnector() == metricsConnector;
    boolean isMetricsPath = PATH.equals(request.getHttpURI().getPath());
    if (metricsConnector == null ? !isMetricsPath : !onMetricsConnector) {
      return super.handle(request, response, callback);
    }

    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null) {
      send(response, callback, Reply.error(400));
    } else if (!hosts.allows(host) || !isMetricsPath) {
      send(response, callback, Reply.notFound());
    } else if (!"GET".equals(request.getMethod())) {
      send(response, callback, Reply.error(405));
    } else {
      send(response, callback, new Reply(200, SidecarMetrics.CONTENT_TYPE, metrics.scrape()));
    }
    return true;
  }

  @Override
  protected void onComplete(
      Request request, int status, HttpFields headers, @Nullable Throwable failure) {
    if (!PATH.equals(request.getHttpURI().getPath())) {
      metrics.answered(status);
    }
  }

  private static void send(Response response, Callback callback, Reply reply) {
    response.setStatus(reply.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
    response.write(true, ByteBuffer.wrap(reply.bodyBytes()), callback);
  }
}
