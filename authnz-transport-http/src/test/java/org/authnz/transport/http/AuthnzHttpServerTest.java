package org.authnz.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.authnz.InvalidConfigurationException;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.authnz.transport.http.protocol.WorkedExample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthnzHttpServerTest {

  private static final String KEY = Fernet.generateKey();
  private static final String BAD_REQUEST =
      "HTTP 400: Could not service this request because of invalid request parameters.";
  private static final String UNAUTHORIZED =
      "HTTP 401: Could not service this request because of invalid request authentication token"
          + " or violation of host restriction.";
  private static final String NOT_FOUND_PAGE =
      "<html><title>404: Not Found</title><body>404: Not Found</body></html>";
  private static final String TEXT = "text/plain; charset=UTF-8";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final WireCodec CODEC = WireCodec.of(Fernet.of(KEY));
  private static final TestDispatcher DISPATCHER = new TestDispatcher();
  private static final AtomicBoolean STORE_HEALTHY = new AtomicBoolean(true);

  private static AuthnzHttpServer server;

  @BeforeAll
  static void startServer() {
    server = start(builder -> {});
    DISPATCHER.sessions.add("live-token");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  // --- 200: the envelope of section 5 ---

  @Test
  void post_failedAction_envelopeHasFailureReasonAndResponseVerbatim() throws Exception {
    JsonNode envelope = decrypt(post(server, envelope("session-exists", 17)), 200);

    assertThat(fieldNames(envelope))
        .containsExactly("success", "response", "messages", "reqid", "failure_reason");
    assertThat(envelope.get("success").booleanValue()).isFalse();
    assertThat(envelope.get("failure_reason").asText())
        .isEqualTo("session does not exist or expired");
    assertThat(envelope.get("messages")).isEqualTo(envelope.get("response").get("messages"));
    assertThat(fieldNames(envelope.get("response")))
        .containsExactlyInAnyOrder("success", "session_info", "failure_reason", "messages");
    assertThat(envelope.get("reqid").intValue()).isEqualTo(17);
  }

  @Test
  void post_successfulAction_envelopeHasNoFailureReason() throws Exception {
    ObjectNode request = envelope("session-exists", 18);
    ((ObjectNode) request.get("body")).put("session_token", "live-token");

    JsonNode envelope = decrypt(post(server, request), 200);

    assertThat(fieldNames(envelope)).containsExactly("success", "response", "messages", "reqid");
    assertThat(envelope.get("success").booleanValue()).isTrue();
    assertThat(envelope.at("/response/session_info/user_id").intValue()).isEqualTo(2);
  }

  @Test
  void post_workedExampleOfTheSpec_answersTheSchemaFailureEnvelope() throws Exception {
    try (AuthnzHttpServer example = start(builder -> builder.secret(WorkedExample.KEY))) {
      HttpResponse<String> response = post(example, WorkedExample.REQUEST_BODY);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).startsWith("Z0FBQUFB");
      JsonNode envelope = WireCodec.of(Fernet.of(WorkedExample.KEY)).decode(response.body());
      assertThat(envelope).isEqualTo(WireCodec.json().readTree(WorkedExample.RESPONSE_JSON));
      assertThat(envelope.has("failure_reason")).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "42",
        "0",
        "123456789012345678901234567890",
        "\"101\"",
        "\"abc-def\"",
        "1.0",
        "0.25",
        "{\"n\": 1}"
      })
  void post_reqidOfAnyJsonType_isEchoedExactly(String reqid) throws Exception {
    ObjectNode request = envelope("session-exists", 1);
    JsonNode sent = WireCodec.json().readTree(reqid);
    request.set("reqid", sent);

    JsonNode echoed = decrypt(post(server, request), 200).get("reqid");

    assertThat(echoed).isEqualTo(sent);
    assertThat(echoed.isIntegralNumber()).isEqualTo(sent.isIntegralNumber());
    assertThat(echoed.isTextual()).isEqualTo(sent.isTextual());
  }

  @Test
  void post_bodyReqidAndPiiSalt_actionSeesEnvelopeReqidAndNoClientSalt() throws Exception {
    ObjectNode request = envelope("test-body", 5);
    ((ObjectNode) request.get("body")).put("reqid", "forged").put("pii_salt", "forged");

    JsonNode body = decrypt(post(server, request), 200).at("/response/body");

    assertThat(body.get("reqid").intValue()).isEqualTo(5);
    assertThat(body.has("pii_salt")).isFalse();
  }

  @Test
  void post_formContentType_isIgnored() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri(server, "127.0.0.1", "/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString(CODEC.encode(envelope("session-exists", 6))))
            .build();

    HttpResponse<String> response = HTTP.send(request, BodyHandlers.ofString());

    assertThat(decrypt(response, 200).get("reqid").intValue()).isEqualTo(6);
  }

  @Test
  void post_rateLimitingOff_needsNoClientIpaddr() throws Exception {
    try (AuthnzHttpServer unlimited = start(builder -> builder.rateLimitingEnabled(false))) {
      ObjectNode request = envelope("session-exists", 7);
      request.remove("client_ipaddr");

      assertThat(decrypt(post(unlimited, request), 200).get("reqid").intValue()).isEqualTo(7);
      request.remove("body");
      assertPlain(post(unlimited, request), 400, BAD_REQUEST);
    }
  }

  // --- 401: undecryptable or falsy ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "this is not an encrypted request !!!",
        "aGVsbG8gd29ybGQgdGhpcyBpcyBub3QgYSBmZXJuZXQgdG9rZW4=",
        "Z0FBQUFB"
      })
  void post_garbageOrEmptyBody_is401(String body) throws Exception {
    assertPlain(post(server, body), 401, UNAUTHORIZED);
  }

  @Test
  void post_wrongKeyTamperedTruncatedOrBareToken_is401() throws Exception {
    JsonNode request = envelope("session-exists", 8);
    String good = CODEC.encode(request);
    String token = new String(Base64.getDecoder().decode(good), StandardCharsets.US_ASCII);
    String tampered =
        outer(token.substring(0, 40) + (token.charAt(40) == 'A' ? 'B' : 'A') + token.substring(41));

    for (String body :
        List.of(
            WireCodec.of(Fernet.of(Fernet.generateKey())).encode(request),
            tampered,
            outer(token.substring(0, token.length() - 8)),
            token)) {
      assertPlain(post(server, body), 401, UNAUTHORIZED);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{}", "[]", "null", "0", "0.0", "false", "\"\""})
  void post_plaintextNotJsonOrFalsy_is401(String plaintext) throws Exception {
    assertPlain(post(server, encryptText(plaintext)), 401, UNAUTHORIZED);
  }

  @Test
  void post_tokenOlderThanOptInMaxAge_is401() throws Exception {
    try (AuthnzHttpServer strict = start(builder -> builder.maxTokenAge(Duration.ofMinutes(1)))) {
      byte[] json = WireCodec.json().writeValueAsBytes(envelope("session-exists", 9));
      String old = Fernet.of(KEY).encrypt(json, java.time.Instant.now().minusSeconds(3600));

      assertPlain(post(strict, outer(old)), 401, UNAUTHORIZED);
      assertThat(post(strict, CODEC.encode(envelope("session-exists", 9))).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void post_oldTokenWithoutMaxAge_isAccepted() throws Exception {
    byte[] json = WireCodec.json().writeValueAsBytes(envelope("session-exists", 10));
    String old = Fernet.of(KEY).encrypt(json, java.time.Instant.ofEpochSecond(946_684_800L));

    assertThat(decrypt(post(server, outer(old)), 200).get("reqid").intValue()).isEqualTo(10);
  }

  // --- 400: malformed envelopes (the reference's 500s among them), refused actions ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[1, 2, 3]",
        "\"session-exists\"",
        "42",
        "{\"body\": {}, \"reqid\": 1, \"client_ipaddr\": \"10.0.0.1\"}",
        "{\"request\": \"session-exists\", \"body\": {}, \"client_ipaddr\": \"10.0.0.1\"}",
        "{\"request\": \"session-exists\", \"body\": {}, \"reqid\": null, \"client_ipaddr\": \"1\"}",
        "{\"request\": \"session-exists\", \"reqid\": 4, \"client_ipaddr\": \"10.0.0.1\"}",
        "{\"request\": 42, \"body\": {}, \"reqid\": 1, \"client_ipaddr\": \"10.0.0.1\"}",
        "{\"request\": null, \"body\": {}, \"reqid\": 1, \"client_ipaddr\": \"10.0.0.1\"}",
        "{\"request\": \"session-exists\", \"body\": [\"x\"], \"reqid\": 1, \"client_ipaddr\": \"a\"}",
        "{\"request\": \"session-exists\", \"body\": \"x\", \"reqid\": 1, \"client_ipaddr\": \"a\"}",
        "{\"request\": \"session-exists\", \"body\": {}, \"reqid\": 2}",
        "{\"request\": \"session-exists\", \"body\": {}, \"reqid\": 3, \"client_ipaddr\": \"\"}",
        "{\"request\": \"session-exists\", \"body\": {}, \"reqid\": 3, \"client_ipaddr\": 0}",
        "{\"request\": \"session-exists\", \"body\": {}, \"reqid\": NaN, \"client_ipaddr\": \"a\"}",
        "{\"request\": \"echo\", \"body\": {}, \"reqid\": 1, \"client_ipaddr\": \"10.0.0.1\"}",
        "{\"request\": \"no-such-action\", \"body\": {}, \"reqid\": 1, \"client_ipaddr\": \"a\"}"
      })
  void post_malformedEnvelopeOrRefusedRequest_is400(String plaintext) throws Exception {
    assertPlain(post(server, encryptText(plaintext)), 400, BAD_REQUEST);
  }

  @ParameterizedTest
  @ValueSource(strings = {"test-raise", "test-bad", "test-nan"})
  void post_actionThatFailsOrGivesUnserialisableResult_is400WithoutDetail(String action)
      throws Exception {
    HttpResponse<String> response = post(server, envelope(action, 11));

    assertPlain(response, 400, BAD_REQUEST);
    assertThat(response.body()).doesNotContain(TestDispatcher.RAISED_SECRET);
  }

  @Test
  void post_bodyOverTheLimit_is413NotA500() throws Exception {
    // The server answers on the declared length, before the body: a client that wrote all of a
    // large body first could see the connection close instead of reading the answer.
    int status =
        rawStatus("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + 600 * 1024 + "\r\n");

    assertThat(status).isEqualTo(413);
  }

  @ParameterizedTest
  @ValueSource(ints = {600 * 1024, 5 * 1024 * 1024, AuthnzHttpServer.MAX_DISCARDED_BYTES})
  void post_wholeBodyOverTheLimitWrittenBeforeReading_gets413NotAReset(int length)
      throws Exception {
    // Regression: Python's urllib writes the whole body, then reads; the server answered on the
    // declared length and closed without reading, so the client got a broken pipe or a reset.
    assertThat(statusAfterWriting(length, false)).isEqualTo(413);
  }

  @Test
  void post_wholeChunkedBodyOverTheLimitWrittenBeforeReading_gets413NotAReset() throws Exception {
    assertThat(statusAfterWriting(5 * 1024 * 1024, true)).isEqualTo(413);
  }

  /** Writes a body of {@code length} bytes in full before reading the status, as urllib does. */
  private static int statusAfterWriting(int length, boolean chunked) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) uri(server, "127.0.0.1", "/").toURL().openConnection();
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setReadTimeout(30_000);
    if (chunked) {
      connection.setChunkedStreamingMode(64 * 1024);
    } else {
      connection.setFixedLengthStreamingMode(length);
    }
    byte[] block = "A".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = connection.getOutputStream()) {
      for (int written = 0; written < length; written += block.length) {
        out.write(block, 0, Math.min(block.length, length - written));
      }
    }
    try {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  @Test
  void post_chunkedBodyOverTheLimit_is413() throws Exception {
    byte[] chunk = "A".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    HttpRequest request =
        HttpRequest.newBuilder(uri(server, "127.0.0.1", "/"))
            .POST(BodyPublishers.ofInputStream(() -> new RepeatedStream(chunk, 10)))
            .build();

    HttpResponse<String> response = HTTP.send(request, BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "zz\r\nabc\r\n0\r\n\r\n", // a size that is not hexadecimal
        "2\r\nabcdef\r\n0\r\n\r\n", // a chunk longer than its size
        "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n" // a size that overflows
      })
  void post_brokenChunkedEncoding_is400Not413(String chunks) throws Exception {
    String request =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
            + "Connection: close\r\n\r\n"
            + chunks;

    assertThat(rawRequestStatus(request)).isEqualTo(400);
  }

  @Test
  void request_headersOverTheLimit_isA4xxNotA500() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri(server, "127.0.0.1", "/"))
            .header("X-Padding", "p".repeat(AuthnzHttpServer.MAX_HEADER_BYTES + 10))
            .POST(BodyPublishers.ofString(CODEC.encode(envelope("session-exists", 12))))
            .build();

    HttpResponse<String> response = HTTP.send(request, BodyHandlers.ofString());

    assertPlain(response, 431, "HTTP 431: Could not service this request.");
  }

  @Test
  void post_actionOverTheTimeLimit_is503AndFreesTheRequest() throws Exception {
    try (AuthnzHttpServer hasty =
        start(builder -> builder.requestTimeLimit(Duration.ofMillis(300)))) {
      HttpResponse<String> response = post(hasty, envelope("test-block", 19));

      assertPlain(response, 503, "HTTP 503: Could not service this request.");
    } finally {
      DISPATCHER.release.countDown();
    }
  }

  // --- 429 through the rate-limit seam ---

  @Test
  void post_refusedByTheLimiter_is429WithRetryAfter() throws Exception {
    try (AuthnzHttpServer limited =
        start(builder -> builder.rateLimiter((action, client, body) -> false))) {
      HttpResponse<String> response = post(limited, envelope("session-exists", 13));

      assertPlain(
          response,
          429,
          "HTTP 429: Could not service this request because the set rate limit has been exceeded.");
      assertThat(response.headers().firstValue("Retry-After")).hasValue("180");
      assertThat(get(limited, "127.0.0.1", "/health").statusCode()).isEqualTo(429);
    }
  }

  @Test
  void post_limiter_seesActionClientIpAndBody() throws Exception {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (AuthnzHttpServer counting =
        start(
            builder ->
                builder.rateLimiter(
                    (action, client, body) -> seen.add(action + "|" + client + "|" + body)))) {
      post(counting, envelope("session-exists", 14));
      get(counting, "127.0.0.1", "/health");

      assertThat(seen)
          .containsExactly(
              "session-exists|203.0.113.9|{\"session_token\":\"nope\"}",
              "apikey-healthcheck|127.0.0.1|");
    }
  }

  // --- 404, 405: routing and the Host allow-list ---

  @Test
  void request_unknownPaths_are404WithTheTornadoPage() throws Exception {
    for (String path : List.of("/no-such-path", "/health/", "//", "/echo", "/index")) {
      HttpResponse<String> response = get(server, "127.0.0.1", path);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("text/html; charset=UTF-8");
      assertThat(response.body()).isEqualTo(NOT_FOUND_PAGE);
    }
  }

  @Test
  void request_wrongMethods_are405() throws Exception {
    String expected = "HTTP 405: Could not service this request.";
    assertPlain(send(server, "GET", "/", ""), 405, expected);
    assertPlain(send(server, "PUT", "/", "x"), 405, expected);
    assertPlain(send(server, "DELETE", "/", ""), 405, expected);
    assertPlain(send(server, "OPTIONS", "/", ""), 405, expected);
    assertPlain(send(server, "POST", "/health", ""), 405, expected);
    assertThat(send(server, "HEAD", "/health", "").statusCode()).isEqualTo(405);
  }

  @Test
  void post_hostLocalhostWithPort_isServed() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri(server, "localhost", "/"))
            .POST(BodyPublishers.ofString(CODEC.encode(envelope("session-exists", 15))))
            .build();

    assertThat(decrypt(HTTP.send(request, BodyHandlers.ofString()), 200).get("reqid").intValue())
        .isEqualTo(15);
  }

  @Test
  void post_hostNotAllowed_is404() throws Exception {
    try (AuthnzHttpServer onlyLocalhost =
        start(builder -> builder.allowedHosts(List.of("localhost")))) {
      HttpResponse<String> response = post(onlyLocalhost, envelope("session-exists", 16));

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body()).isEqualTo(NOT_FOUND_PAGE);
      assertThat(get(onlyLocalhost, "127.0.0.1", "/health").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void request_rawHostHeaders_followTheAllowList() throws Exception {
    assertThat(rawStatus("GET /health HTTP/1.1\r\nHost: LOCALHOST\r\n")).isEqualTo(200);
    assertThat(rawStatus("GET /health HTTP/1.1\r\nHost: 127.0.0.1:9999\r\n")).isEqualTo(200);
    assertThat(rawStatus("GET /health HTTP/1.1\r\nHost: localhost.evil.example.com\r\n"))
        .isEqualTo(404);
    assertThat(rawStatus("GET /health HTTP/1.1\r\nHost: 127.0.0.1.evil.example.com\r\n"))
        .isEqualTo(404);
    assertThat(
            rawStatus(
                "GET /health HTTP/1.1\r\nHost: evil.example.com\r\n"
                    + "X-Forwarded-Host: localhost\r\n"))
        .isEqualTo(404);
    assertThat(rawStatus("GET /health HTTP/1.0\r\n")).isEqualTo(400);
    assertThat(rawStatus("GET /health HTTP/1.1\r\n")).isEqualTo(400);
  }

  // --- /health ---

  @Test
  void health_storeHealthy_is200WithTheReferenceKeys() throws Exception {
    HttpResponse<String> response = get(server, "127.0.0.1", "/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=UTF-8");
    JsonNode json = WireCodec.json().readTree(response.body());
    assertThat(fieldNames(json))
        .containsExactly("Expected-Workers", "Workers", "Check-Time", "Health-Ok");
    assertThat(json.get("Health-Ok").booleanValue()).isTrue();
    assertThat(json.get("Expected-Workers").intValue()).isEqualTo(2);
    assertThat(json.get("Workers").size()).isEqualTo(2);
    assertThat(json.get("Workers").get("authnz-worker-1").asText()).isEqualTo("ok");
    assertThat(json.get("Check-Time").isFloatingPointNumber()).isTrue();
  }

  @Test
  void health_queryString_isIgnoredForRouting() throws Exception {
    assertThat(get(server, "127.0.0.1", "/health?verbose=1").statusCode()).isEqualTo(200);
    assertThat(
            send(server, "POST", "/?action=x", CODEC.encode(envelope("session-exists", 20)))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void health_storeBroken_is500AndSaysSo() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(false);
    try (AuthnzHttpServer broken = start(builder -> builder.healthCheck(healthy::get))) {
      HttpResponse<String> response = get(broken, "127.0.0.1", "/health");

      assertThat(response.statusCode()).isEqualTo(500);
      JsonNode json = WireCodec.json().readTree(response.body());
      assertThat(json.get("Health-Ok").booleanValue()).isFalse();
      assertThat(json.get("Workers").get("authnz-worker-2").asText()).isEqualTo("database broken");
    }
  }

  @Test
  void health_checkThrows_is500NotAStackTrace() throws Exception {
    try (AuthnzHttpServer failing =
        start(
            builder ->
                builder.healthCheck(
                    () -> {
                      throw new IllegalStateException(TestDispatcher.RAISED_SECRET);
                    }))) {
      HttpResponse<String> response = get(failing, "127.0.0.1", "/health");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body())
          .contains("\"Health-Ok\":false")
          .doesNotContain(TestDispatcher.RAISED_SECRET);
    }
  }

  @Test
  void health_rateLimitingOff_is200NotTheReference500() throws Exception {
    try (AuthnzHttpServer unlimited = start(builder -> builder.rateLimitingEnabled(false))) {
      assertThat(get(unlimited, "127.0.0.1", "/health").statusCode()).isEqualTo(200);
    }
  }

  // --- building ---

  @Test
  void build_invalidSecret_isRefusedWithoutEchoingIt() {
    String secret = "not-a-fernet-key-but-a-secret-all-the-same";

    assertThatThrownBy(() -> builder().secret(secret).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
  }

  @Test
  void build_withoutDispatcherOrHealth_isRefused() {
    assertThatThrownBy(() -> AuthnzHttpServer.builder().secret(KEY).build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> AuthnzHttpServer.builder().secret(KEY).dispatcher(DISPATCHER).build())
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void port_beforeStart_isAnError() {
    try (AuthnzHttpServer idle = builder().build()) {
      assertThatThrownBy(idle::port).isInstanceOf(IllegalStateException.class);
    }
  }

  // --- helpers ---

  private static AuthnzHttpServer.Builder builder() {
    return AuthnzHttpServer.builder()
        .secret(KEY)
        .listen("127.0.0.1")
        .port(0)
        .workers(2)
        .stopGrace(Duration.ZERO)
        .dispatcher(DISPATCHER)
        .healthCheck(STORE_HEALTHY::get);
  }

  private static AuthnzHttpServer start(Consumer<AuthnzHttpServer.Builder> settings) {
    AuthnzHttpServer.Builder builder = builder();
    settings.accept(builder);
    AuthnzHttpServer started = builder.build();
    started.start();
    return started;
  }

  private static ObjectNode envelope(String action, int reqid) {
    ObjectNode envelope = WireCodec.json().createObjectNode();
    envelope.put("request", action);
    envelope.putObject("body").put("session_token", "nope");
    envelope.put("reqid", reqid);
    envelope.put("client_ipaddr", "203.0.113.9");
    return envelope;
  }

  private static String encryptText(String plaintext) {
    return outer(Fernet.of(KEY).encrypt(plaintext.getBytes(StandardCharsets.UTF_8)));
  }

  private static String outer(String token) {
    return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.US_ASCII));
  }

  private static URI uri(AuthnzHttpServer target, String host, String path) {
    return URI.create("http://" + host + ":" + target.port() + path);
  }

  private static HttpResponse<String> post(AuthnzHttpServer target, JsonNode envelope)
      throws IOException, InterruptedException {
    return post(target, CODEC.encode(envelope));
  }

  private static HttpResponse<String> post(AuthnzHttpServer target, String body)
      throws IOException, InterruptedException {
    return send(target, "POST", "/", body);
  }

  private static HttpResponse<String> get(AuthnzHttpServer target, String host, String path)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(target, host, path)).GET().build();
    return HTTP.send(request, BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(
      AuthnzHttpServer target, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(target, "127.0.0.1", path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method, body.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, BodyHandlers.ofString());
  }

  private static JsonNode decrypt(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(TEXT);
    return CODEC.decode(response.body());
  }

  private static void assertPlain(HttpResponse<String> response, int status, String body) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(TEXT);
    assertThat(response.body()).isEqualTo(body);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Sends a hand-written request head (for Host headers the JDK client will not set). */
  private static int rawStatus(String head) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Only the status line: a refused body's connection stays open for the announced body.
      byte[] statusLine = socket.getInputStream().readNBytes(12); // "HTTP/1.1 200"
      return Integer.parseInt(new String(statusLine, StandardCharsets.US_ASCII).substring(9));
    }
  }

  /** Sends a whole hand-written request and reads the status of its answer. */
  private static int rawRequestStatus(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] statusLine = socket.getInputStream().readNBytes(12); // "HTTP/1.1 200"
      return Integer.parseInt(new String(statusLine, StandardCharsets.US_ASCII).substring(9));
    }
  }

  /** An input stream that repeats {@code chunk} {@code times} times, sent chunked. */
  private static final class RepeatedStream extends InputStream {
    private final byte[] chunk;
    private int remaining;
    private int position;

    RepeatedStream(byte[] chunk, int times) {
      this.chunk = chunk;
      this.remaining = times;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      int value = chunk[position++];
      if (position == chunk.length) {
        position = 0;
        remaining--;
      }
      return value;
    }
  }
}
