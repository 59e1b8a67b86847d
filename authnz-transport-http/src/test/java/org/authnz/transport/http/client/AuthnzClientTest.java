package org.authnz.transport.http.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.authnz.AuthenticatedUser;
import org.authnz.AuthnzService;
import org.authnz.CreateSessionRequest;
import org.authnz.DeleteUserSessionsRequest;
import org.authnz.DenialCode;
import org.authnz.ForgotPasswordEmailRequest;
import org.authnz.InvalidConfigurationException;
import org.authnz.LoginRequest;
import org.authnz.MailOverrides;
import org.authnz.NewSession;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.VerificationEmail;
import org.authnz.VerificationToken;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.limits.MemoryCounterStore;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.AuthnzHttpServer;
import org.authnz.transport.http.protocol.Extensions;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link AuthnzClient} does beyond the shared behaviour: the transport's failure cases. */
class AuthnzClientTest {

  private static final String ADMIN = "admin@client.example.org";
  private static final String PASSWORD = "Client-Test-Admin-Pass-8Jw2";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private AuthnzHttpServer sidecar(String secret, Map<String, Integer> limits) {
    AuthnzService service =
        AuthnzService.builder()
            .store(JdbcStore.sqlite(dir.resolve("authnz.sqlite")))
            .argon2(1024, 1, 1)
            .build();
    open.add(service);
    service.initialize(ADMIN, PASSWORD);
    AuthnzHttpServer server =
        AuthnzHttpServer.builder()
            .service(service)
            .secret(secret)
            .port(0)
            .stopGrace(Duration.ZERO)
            .rateLimits(limits)
            .build();
    open.add(server);
    server.start();
    return server;
  }

  /** A sidecar that slows down failed logins (the first wrong password waits 1 s). */
  private AuthnzHttpServer throttledSidecar(String secret) {
    JdbcStore store = JdbcStore.sqlite(dir.resolve("throttled.sqlite"));
    AuthnzService service = AuthnzService.builder().store(store).argon2(1024, 1, 1).build();
    open.add(service);
    service.initialize(ADMIN, PASSWORD);
    MemoryCounterStore counters = new MemoryCounterStore(Duration.ofHours(1));
    AuthnzHttpServer server =
        AuthnzHttpServer.builder()
            .service(service)
            .secret(secret)
            .port(0)
            .stopGrace(Duration.ZERO)
            .counterStore(counters)
            .loginThrottle(
                new FailedLoginThrottle(
                    counters, store, Clock.systemUTC(), 10, Duration.ofHours(1)))
            .build();
    open.add(server);
    server.start();
    return server;
  }

  private static AuthnzClient client(int port, String secret) {
    return client(port, secret, UnaryOperator.identity());
  }

  private static AuthnzClient client(
      int port, String secret, UnaryOperator<AuthnzClient.Builder> settings) {
    return settings
        .apply(AuthnzClient.builder().url("http://127.0.0.1:" + port + "/").secret(secret))
        .build();
  }

  @Test
  void overTheRateLimit_isARateLimitedDenial() {
    String secret = AuthnzClientBehaviourTest.freshKey();
    AuthnzHttpServer server = sidecar(secret, Map.of("user-lookup-email", 2));
    AuthnzClient client = client(server.port(), secret);

    List<Boolean> found = new ArrayList<>();
    Outcome<StoredUser> last = null;
    for (int i = 0; i < 3; i++) {
      last = client.users().findByEmail(ADMIN);
      found.add(last.isSuccess());
    }
    assertThat(found).containsExactly(true, true, false);
    org.authnz.Denial denial = ((Outcome.Denied<StoredUser>) last).denial();
    assertThat(denial.code()).isEqualTo(DenialCode.RATE_LIMITED);
    assertThat(denial.failureReason())
        .isEqualTo(
            "HTTP 429: Could not service this request because the set rate limit has been"
                + " exceeded.");
  }

  @Test
  void login_heldBackLongerThanTheRequestTimeout_isStillAnInvalidCredentialsDenial() {
    // Regression: a slowed-down wrong login (up to 40 s) threw SidecarUnavailableException once
    // the delay passed the request time-out, instead of returning the denial.
    String secret = AuthnzClientBehaviourTest.freshKey();
    AuthnzHttpServer server = throttledSidecar(secret);
    AuthnzClient client =
        client(server.port(), secret, b -> b.requestTimeout(Duration.ofMillis(300)));

    SessionToken anonymous =
        ((Outcome.Success<NewSession>)
                client
                    .sessions()
                    .create(
                        new CreateSessionRequest(
                            "127.0.0.1", "test", null, "2099-01-02T03:04:05.600000", null)))
            .value()
            .token();

    Outcome<AuthenticatedUser> outcome =
        client.users().login(new LoginRequest(anonymous, ADMIN, Password.of("a wrong password")));

    assertThat(outcome.isSuccess()).isFalse();
    assertThat(((Outcome.Denied<AuthenticatedUser>) outcome).denial().code())
        .isEqualTo(DenialCode.INVALID_CREDENTIALS);
  }

  @Test
  void aDifferentSecret_throwsKeyRejected() {
    AuthnzHttpServer server = sidecar(AuthnzClientBehaviourTest.freshKey(), Map.of());
    AuthnzClient client = client(server.port(), AuthnzClientBehaviourTest.freshKey());

    assertThatThrownBy(() -> client.users().findByEmail(ADMIN))
        .isInstanceOf(SidecarKeyRejectedException.class)
        .hasMessageContaining("401");
  }

  @Test
  void noSidecarListening_throwsUnavailableAfterTheRetries() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    AuthnzClient client =
        client(port, AuthnzClientBehaviourTest.freshKey(), b -> b.retries(2, Duration.ZERO));

    assertThatThrownBy(() -> client.emails().setVerified(ADMIN))
        .isInstanceOf(SidecarUnavailableException.class)
        .hasMessage(
            "no answer from the sidecar for user-set-emailverified: could not connect (refused or"
                + " unreachable)");
  }

  @Test
  void anAnswerForAnotherRequest_isRefused() throws IOException {
    String secret = AuthnzClientBehaviourTest.freshKey();
    WireCodec codec = WireCodec.of(Fernet.of(secret));
    ObjectNode result = JSON.objectNode().put("success", true);
    result.putArray("messages");
    ObjectNode envelope = JSON.objectNode().put("success", true);
    envelope.set("response", result);
    envelope.putArray("messages");
    envelope.put("reqid", "someone-else");
    HttpServer fake = answering(codec.encode(envelope), new AtomicInteger());

    AuthnzClient client = client(fake.getAddress().getPort(), secret);
    assertThatThrownBy(() -> client.sessions().delete(org.authnz.spi.SessionToken.of("t")))
        .isInstanceOf(SidecarProtocolException.class)
        .hasMessageContaining("another request");
  }

  @Test
  void aDenialWithoutCode_readsAsInvalidRequest() throws IOException {
    String secret = AuthnzClientBehaviourTest.freshKey();
    WireCodec codec = WireCodec.of(Fernet.of(secret));
    AtomicInteger requests = new AtomicInteger();
    HttpServer fake =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          String reqid =
              codec
                  .decode(new String(exchange.getRequestBody().readAllBytes(), UTF_8))
                  .get("reqid")
                  .textValue();
          ObjectNode result =
              JSON.objectNode().put("success", false).put("failure_reason", "no such thing");
          result.putArray("messages").add("Nope.");
          ObjectNode envelope = JSON.objectNode().put("success", false);
          envelope.set("response", result);
          envelope.set("messages", result.get("messages"));
          envelope.put("reqid", reqid);
          reply(exchange, codec.encode(envelope));
        });
    fake.start();
    open.add(() -> fake.stop(0));

    AuthnzClient client = client(fake.getAddress().getPort(), secret);
    Outcome<StoredUser> outcome = client.users().findByEmail(ADMIN);
    assertThat(((Outcome.Denied<StoredUser>) outcome).denial())
        .isEqualTo(
            new org.authnz.Denial(
                DenialCode.INVALID_REQUEST, "no such thing", List.of("Nope."), null));
    assertThat(requests).hasValue(1);
  }

  @Test
  void operations_afterClose_throwIllegalStateExceptionWithoutARequest() throws IOException {
    String secret = AuthnzClientBehaviourTest.freshKey();
    AtomicInteger requests = new AtomicInteger();
    HttpServer fake = answering("never read", requests);
    AuthnzClient client = client(fake.getAddress().getPort(), secret);
    AuthnzService.Emails emails = client.emails();
    client.close();

    assertThatThrownBy(() -> emails.setVerified(ADMIN))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("AuthnzService is closed");
    assertThatThrownBy(client::isHealthy).isInstanceOf(IllegalStateException.class);
    assertThat(requests).hasValue(0);
  }

  @Test
  void lifecycleOperations_areUnsupportedRemotely() {
    AuthnzClient client = client(1, AuthnzClientBehaviourTest.freshKey());
    assertThatThrownBy(() -> client.initialize(ADMIN, PASSWORD))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("--autosetup");
    assertThatThrownBy(client::piiSalt).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void typedResultsAndDenialCodes_areSentOnlyWhenAsked() throws Exception {
    String secret = AuthnzClientBehaviourTest.freshKey();
    AuthnzHttpServer server = sidecar(secret, Map.of());
    WireCodec codec = WireCodec.of(Fernet.of(secret));
    AuthnzClient client = client(server.port(), secret);
    SessionToken session =
        ((Outcome.Success<NewSession>)
                client
                    .sessions()
                    .create(
                        new CreateSessionRequest(
                            "127.0.0.1", "test", 1L, "2099-01-02T03:04:05.600000", null)))
            .value()
            .token();
    ObjectNode body =
        JSON.objectNode()
            .put("session_token", "")
            .put("user_id", 1)
            .put("keep_current_session", false);

    JsonNode plain = post(server.port(), codec, "session-delete-userid", body, false);
    assertThat(plain.get("success").booleanValue()).isTrue();
    assertThat(plain.properties().stream().map(Map.Entry::getKey))
        .containsExactlyInAnyOrder("success", "response", "messages", "reqid");
    assertThat(client.sessions().find(session).isSuccess()).isFalse();

    JsonNode denied = post(server.port(), codec, "session-delete-userid", body, true);
    assertThat(denied.get("authnz_denial_code").textValue()).isEqualTo("NOTHING_DELETED");
    assertThat(denied.has("authnz_typed_result")).isFalse();

    JsonNode asked =
        post(
            server.port(),
            codec,
            "user-resetpass-nosession",
            JSON.objectNode()
                .put("email_address", ADMIN)
                .put("new_password", "Another-Admin-Pass-5Tz7q")
                .put("required_active", true),
            true);
    assertThat(asked.get("authnz_typed_result")).isEqualTo(JSON.objectNode().put("user_id", 1));
    assertThat(asked.get("response").has("user_id")).isFalse();
  }

  @Test
  void aSuccessWithoutTheTypedResult_isAProtocolError() throws IOException {
    String secret = AuthnzClientBehaviourTest.freshKey();
    WireCodec codec = WireCodec.of(Fernet.of(secret));
    HttpServer fake =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext(
        "/",
        exchange -> {
          JsonNode request =
              codec.decode(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
          // authnzerver's answer: it ignores the authnz keys of the request and adds none
          ObjectNode result = JSON.objectNode().put("success", true);
          result.putArray("messages").add("Sessions delete processed. Success: True.");
          ObjectNode envelope = JSON.objectNode().put("success", true);
          envelope.set("response", result);
          envelope.set("messages", result.get("messages"));
          envelope.set("reqid", request.get("reqid"));
          reply(exchange, codec.encode(envelope));
        });
    fake.start();
    open.add(() -> fake.stop(0));

    AuthnzClient client = client(fake.getAddress().getPort(), secret);
    assertThatThrownBy(
            () -> client.sessions().deleteOfUser(new DeleteUserSessionsRequest(5, null, false)))
        .isInstanceOf(SidecarProtocolException.class)
        .hasMessageContaining("session-delete-userid");
  }

  @Test
  void anEmailWithSmtpSettingsOfItsOwn_isRefusedBeforeSending() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer fake = answering("never read", requests);
    AuthnzClient client = client(fake.getAddress().getPort(), AuthnzClientBehaviourTest.freshKey());
    VerificationEmail content =
        new VerificationEmail("S", "https://s.test", "/reset", VerificationToken.of("t"), 900);

    assertThatThrownBy(
            () ->
                client
                    .emails()
                    .sendForgotPasswordEmail(
                        new ForgotPasswordEmailRequest(
                            ADMIN,
                            SessionToken.of("s"),
                            content,
                            MailOverrides.none().server("smtp.example.org"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sidecar's settings");
    assertThat(requests).hasValue(0);
  }

  /** Posts one envelope, asking for the authnz extensions or not, and returns the answer. */
  private static JsonNode post(
      int port, WireCodec codec, String action, ObjectNode body, boolean ask) throws Exception {
    ObjectNode envelope = JSON.objectNode().put("request", action).put("reqid", "r1");
    envelope.set("body", body);
    envelope.put("client_ipaddr", "127.0.0.1");
    if (ask) {
      envelope.put(Extensions.ASK_DENIAL_CODES, true).put(Extensions.ASK_TYPED_RESULTS, true);
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString(codec.encode(envelope)))
                    .build(),
                HttpResponse.BodyHandlers.ofString(UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    return codec.decode(response.body());
  }

  @Test
  void isHealthy_asksTheSidecar() {
    String secret = AuthnzClientBehaviourTest.freshKey();
    AuthnzHttpServer server = sidecar(secret, Map.of());
    assertThat(client(server.port(), secret).isHealthy()).isTrue();
  }

  @Test
  void build_withoutSecretOrWithABadOne_fails() {
    assertThatThrownBy(() -> AuthnzClient.builder().url("http://127.0.0.1:1/").build())
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () -> AuthnzClient.builder().url("http://127.0.0.1:1/").secret("not a key").build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageNotContaining("not a key");
    assertThatThrownBy(
            () ->
                AuthnzClient.builder()
                    .url("ftp://example.org/")
                    .secret(AuthnzClientBehaviourTest.freshKey())
                    .build())
        .isInstanceOf(InvalidConfigurationException.class);
  }

  private HttpServer answering(String body, AtomicInteger requests) throws IOException {
    HttpServer fake =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          reply(exchange, body);
        });
    fake.start();
    open.add(() -> fake.stop(0));
    return fake;
  }

  private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body)
      throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
