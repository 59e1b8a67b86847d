package org.authnz.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.authnz.AuthnzService;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.limits.MemoryCounterStore;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of a real sidecar on loopback, read after a journey through it. */
class MetricsHttpTest {

  private static final String KEY = Fernet.generateKey();
  private static final WireCodec CODEC = WireCodec.of(Fernet.of(KEY));
  private static final String CLIENT_IP = "198.51.100.23";
  private static final String EMAIL = "metrics-user@example.org";
  private static final String PASSWORD = "Metered-Journey-Pass-8Qz2";

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private AuthnzService service;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private AuthnzHttpServer.Builder sidecar() {
    JdbcStore store = JdbcStore.sqlite(dir.resolve("metrics.sqlite"));
    service = AuthnzService.builder().store(store).argon2(8 * 1024, 1, 1).build();
    open.add(service);
    service.initialize("admin@example.org", "Metrics-Test-Admin-Pass-3Rv7");
    MemoryCounterStore counters = new MemoryCounterStore(Duration.ofHours(1));
    return AuthnzHttpServer.builder()
        .service(service)
        .secret(KEY)
        .port(0)
        .stopGrace(Duration.ZERO)
        .rateLimits(Map.of("user-list", 1))
        .counterStore(counters)
        // No try is free: the first failed login locks at once, without a slow-down to wait for.
        .loginThrottle(
            new FailedLoginThrottle(counters, store, Clock.systemUTC(), 0, Duration.ofHours(1)));
  }

  private AuthnzHttpServer start(AuthnzHttpServer.Builder builder) {
    AuthnzHttpServer server = builder.build();
    open.add(server);
    server.start();
    return server;
  }

  @Test
  void metrics_afterAJourney_countRequestsLimitsLocksAndStatuses() throws Exception {
    AuthnzHttpServer server = start(sidecar());

    assertThat(call(server, "user-new", signup()).statusCode()).isEqualTo(200);
    HttpResponse<String> wrong = call(server, "user-login", login("not-the-password"));
    assertThat(CODEC.decode(wrong.body()).at("/response/messages/0").asText())
        .isEqualTo(FailedLoginThrottle.LOCKED_MESSAGE);
    assertThat(call(server, "user-list", userList()).statusCode()).isEqualTo(200);
    assertThat(call(server, "user-list", userList()).statusCode()).isEqualTo(429);
    assertThat(call(server, "no-such-action", WireCodec.json().createObjectNode()).statusCode())
        .isEqualTo(400);
    assertThat(post(server.port(), "not a fernet token").statusCode()).isEqualTo(401);

    HttpResponse<String> metrics = get(server.port(), "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    String text = metrics.body();
    assertThat(value(text, "authnz_requests_total{action=\"user-new\",outcome=\"success\"}"))
        .hasValue(1.0);
    assertThat(value(text, "authnz_requests_total{action=\"user-login\",outcome=\"failure\"}"))
        .hasValue(1.0);
    assertThat(value(text, "authnz_requests_total{action=\"user-list\",outcome=\"success\"}"))
        .hasValue(1.0);
    assertThat(value(text, "authnz_request_duration_seconds_count{action=\"user-new\"}"))
        .hasValue(1.0);
    assertThat(text).contains("authnz_request_duration_seconds_bucket{action=\"user-login\",le=");
    assertThat(value(text, "authnz_rate_limited_total{action=\"user-list\"}")).hasValue(1.0);
    assertThat(value(text, "authnz_login_locked_total")).hasValue(1.0);
    assertThat(value(text, "authnz_http_responses_total{status=\"200\"}")).hasValue(3.0);
    assertThat(value(text, "authnz_http_responses_total{status=\"429\"}")).hasValue(1.0);
    assertThat(value(text, "authnz_http_responses_total{status=\"400\"}")).hasValue(1.0);
    assertThat(value(text, "authnz_http_responses_total{status=\"401\"}")).hasValue(1.0);
    assertThat(value(text, "authnz_store_errors_total{source=\"action\"}")).hasValue(0.0);
    // No personal data or secret in any label: not the e-mail, the client's address or the key.
    assertThat(text).doesNotContain(EMAIL, "metrics-user", CLIENT_IP, KEY, "no-such-action");
  }

  @Test
  void health_withTheStoreClosed_is500AndCountsAStoreError() throws Exception {
    AuthnzHttpServer server = start(sidecar());
    assertThat(get(server.port(), "/health").statusCode()).isEqualTo(200);

    service.close();

    assertThat(get(server.port(), "/health").statusCode()).isEqualTo(500);
    String text = get(server.port(), "/metrics").body();
    assertThat(value(text, "authnz_store_errors_total{source=\"health\"}")).hasValue(1.0);
  }

  @Test
  void metrics_includeTheJvmHeapThreadAndGcMeters() throws Exception {
    AuthnzHttpServer server = start(sidecar());

    String text = get(server.port(), "/metrics").body();

    assertThat(text).containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\",.*\\} [0-9.E]+$");
    assertThat(value(text, "jvm_threads_live_threads")).isPresent();
    assertThat(value(text, "jvm_threads_live_threads").getAsDouble()).isPositive();
    assertThat(text).contains("jvm_gc_memory_allocated_bytes_total");
  }

  @Test
  void metrics_withADisallowedHost_is404() throws Exception {
    AuthnzHttpServer server = start(sidecar());

    assertThat(statusWithHost(server.port(), "/metrics", "evil.example")).isEqualTo(404);
    assertThat(statusWithHost(server.port(), "/metrics", "localhost")).isEqualTo(200);
  }

  @Test
  void metrics_turnedOff_is404() throws Exception {
    AuthnzHttpServer server = start(sidecar().metrics(false));

    assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(404);
    assertThat(get(server.port(), "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void metrics_onTheirOwnListener_areServedOnlyThere() throws Exception {
    AuthnzHttpServer server = start(sidecar().metricsListener("127.0.0.1", 0));
    int metricsPort = server.metricsPort().orElseThrow();

    assertThat(get(metricsPort, "/metrics").statusCode()).isEqualTo(200);
    assertThat(get(metricsPort, "/health").statusCode()).isEqualTo(404);
    assertThat(get(server.port(), "/metrics").statusCode()).isEqualTo(404);
    assertThat(get(server.port(), "/health").statusCode()).isEqualTo(200);
    assertThat(statusWithHost(metricsPort, "/metrics", "evil.example")).isEqualTo(404);
  }

  // ---- requests ------------------------------------------------------------------------------

  private static ObjectNode signup() {
    ObjectNode body = WireCodec.json().createObjectNode();
    return body.put("full_name", "Metered User").put("email", EMAIL).put("password", PASSWORD);
  }

  private static ObjectNode login(String password) {
    ObjectNode body = WireCodec.json().createObjectNode();
    return body.put("email", EMAIL).put("password", password).put("session_token", "none");
  }

  private static ObjectNode userList() {
    ObjectNode body = WireCodec.json().createObjectNode();
    body.putNull("user_id");
    return body;
  }

  private HttpResponse<String> call(AuthnzHttpServer server, String action, JsonNode body)
      throws Exception {
    ObjectNode envelope = WireCodec.json().createObjectNode();
    envelope.put("request", action);
    envelope.put("reqid", 1);
    envelope.put("client_ipaddr", CLIENT_IP);
    envelope.set("body", body);
    return post(server.port(), CODEC.encode(envelope));
  }

  private HttpResponse<String> post(int port, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The JDK client will not send a chosen Host header, so this request is written by hand. */
  private static int statusWithHost(int port, String path, String host) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String statusLine = in.readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  /** The value of one series in Prometheus text format, when it is there. */
  private static OptionalDouble value(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return OptionalDouble.of(Double.parseDouble(line.substring(series.length() + 1).strip()));
      }
    }
    return OptionalDouble.empty();
  }
}
