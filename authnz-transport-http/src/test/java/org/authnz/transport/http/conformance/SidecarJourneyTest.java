package org.authnz.transport.http.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frontend's whole journey against a real sidecar with real Fernet requests: anonymous session,
 * sign-up, verification, login, session check, password check, logout; and the transport's
 * refusals. Expected keys and texts are those of spec/actions-users-sessions.md,
 * spec/actions-passwords-email.md and spec/wire-protocol.md section 7.
 */
class SidecarJourneyTest {

  private static final String TEXT_PLAIN = "text/plain; charset=UTF-8";
  private static final String HTTP_400 =
      "HTTP 400: Could not service this request because of invalid request parameters.";
  private static final String HTTP_401 =
      "HTTP 401: Could not service this request because of invalid request authentication token"
          + " or violation of host restriction.";
  private static final String HTTP_405 = "HTTP 405: Could not service this request.";
  private static final String PASSWORD = "vQ7#kLm2$Rt9!pXw-journey";
  private static final String CLIENT_IP = "10.9.8.7";

  @TempDir static Path dir;
  private static Sidecar sidecar;
  private static WireClient client;
  private static final AtomicLong REQIDS = new AtomicLong(100);

  @BeforeAll
  static void start() {
    sidecar = Sidecar.start(dir);
    client = sidecar.client();
  }

  @AfterAll
  static void stop() {
    if (sidecar != null) {
      sidecar.close();
    }
  }

  private static ObjectNode envelope(String action, String body) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("request", action);
    envelope.set("body", JsonValues.parse(body));
    envelope.put("reqid", REQIDS.getAndIncrement());
    envelope.put("client_ipaddr", CLIENT_IP);
    return envelope;
  }

  private static Observed post(JsonNode envelope, Map<String, String> headers) throws Exception {
    return client.send(
        new WireClient.Request("POST", "/", headers, client.body(envelope), envelope.get("reqid")));
  }

  /** Sends an action and returns its decrypted envelope, after the checks every answer shares. */
  private static JsonNode call(String action, String body) throws Exception {
    Observed observed = post(envelope(action, body), Map.of());
    assertThat(observed.status())
        .as("HTTP status of %s: %s", action, observed.text())
        .isEqualTo(200);
    assertThat(observed.header("Content-Type")).contains(TEXT_PLAIN);
    JsonNode env = observed.envelope();
    assertThat(env).as("decrypted envelope of %s", action).isNotNull();
    assertThat(JsonValues.same(env.get("reqid"), observed.sentReqid())).as("reqid echoed").isTrue();
    assertThat(env.get("success").isBoolean()).isTrue();
    assertThat(env.get("response").isObject()).isTrue();
    assertThat(env.get("messages")).isEqualTo(env.get("response").get("messages"));
    return env;
  }

  private static void assertSuccess(JsonNode env, List<String> responseKeys, String message) {
    assertThat(env.get("success").booleanValue()).as("success of %s", env).isTrue();
    assertThat(JsonValues.sortedKeys(env))
        .containsExactly("messages", "reqid", "response", "success");
    assertThat(JsonValues.sortedKeys(env.get("response"))).isEqualTo(responseKeys);
    assertThat(env.at("/response/success").booleanValue()).isTrue();
    assertThat(env.get("messages")).isEqualTo(JsonValues.parse("[\"" + message + "\"]"));
  }

  private static void assertFailure(JsonNode env, String failureReason) {
    assertThat(env.get("success").booleanValue()).as("success of %s", env).isFalse();
    assertThat(env.get("failure_reason").textValue()).isEqualTo(failureReason);
    assertThat(env.at("/response/failure_reason").textValue()).isEqualTo(failureReason);
  }

  private static Observed raw(String method, String body, Map<String, String> headers)
      throws Exception {
    return client.send(new WireClient.Request(method, "/", headers, body, null));
  }

  @Test
  void journey_signupVerifyLoginCheckLogout_answersAsSpecified() throws Exception {
    String email = "Journey-" + REQIDS.get() + "@Test.org";
    String stored = email.toLowerCase(java.util.Locale.ROOT);

    JsonNode anon =
        call(
            "session-new",
            "{\"ip_address\": \""
                + CLIENT_IP
                + "\", \"user_agent\": \"journey/1\","
                + " \"user_id\": null, \"expires\": \"2099-01-02T03:04:05.600000\","
                + " \"extra_info_json\": null}");
    assertSuccess(
        anon,
        List.of("expires", "messages", "session_token", "success"),
        "Generated session_token successfully. Session initiated.");
    String anonToken = anon.at("/response/session_token").textValue();
    assertThat(anonToken).matches("[A-Za-z0-9_-]{43}");
    assertThat(anon.at("/response/expires").textValue()).isEqualTo("2099-01-02T03:04:05.600000");

    JsonNode created =
        call(
            "user-new",
            "{\"full_name\": \"Jo Urney\", \"email\": \""
                + email
                + "\", \"password\": \""
                + PASSWORD
                + "\"}");
    assertThat(created.get("success").booleanValue()).as("%s", created).isTrue();
    assertThat(JsonValues.sortedKeys(created.get("response")))
        .containsExactly(
            "messages", "send_verification", "success", "system_id", "user_email", "user_id");
    assertThat(created.has("failure_reason")).isFalse();
    assertThat(created.at("/response/user_email").textValue()).isEqualTo(stored);
    assertThat(created.at("/response/send_verification").isBoolean()).isTrue();
    assertThat(created.at("/response/send_verification").booleanValue()).isTrue();
    assertThat(created.at("/response/system_id").textValue())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    JsonNode userId = created.at("/response/user_id");
    assertThat(userId.isIntegralNumber()).isTrue();
    assertThat(userId.longValue()).isGreaterThan(3);
    List<String> signupMessages =
        List.of("User account created. Please verify your email address to log in.");
    assertThat(created.get("messages").get(created.get("messages").size() - 1).textValue())
        .isEqualTo(signupMessages.get(0));

    JsonNode verified = call("user-set-emailverified", "{\"email\": \"" + stored + "\"}");
    assertSuccess(
        verified,
        List.of("is_active", "messages", "success", "user_id", "user_role"),
        "Email verification toggle request succeeded.");
    assertThat(verified.at("/response/user_id")).isEqualTo(userId);
    assertThat(verified.at("/response/is_active").booleanValue()).isTrue();
    assertThat(verified.at("/response/user_role").textValue()).isEqualTo("authenticated");

    JsonNode login =
        call(
            "user-login",
            "{\"session_token\": \""
                + anonToken
                + "\", \"email\": \""
                + stored
                + "\", \"password\": \""
                + PASSWORD
                + "\"}");
    assertSuccess(
        login, List.of("messages", "success", "user_id", "user_role"), "Login successful.");
    assertThat(JsonValues.same(login.at("/response/user_id"), userId)).isTrue();
    assertThat(login.at("/response/user_role").textValue()).isEqualTo("authenticated");

    JsonNode consumed = call("session-exists", "{\"session_token\": \"" + anonToken + "\"}");
    assertFailure(consumed, "session does not exist or expired");
    assertThat(consumed.at("/response/session_info").isNull()).isTrue();
    assertThat(consumed.get("messages"))
        .isEqualTo(JsonValues.parse("[\"Session look up failed.\"]"));

    JsonNode session =
        call(
            "session-new",
            "{\"ip_address\": \""
                + CLIENT_IP
                + "\", \"user_agent\": \"journey/1\", \"user_id\": "
                + userId
                + ", \"expires\": \"2099-01-02T03:04:05.600000\","
                + " \"extra_info_json\": {\"theme\": \"dark\"}}");
    String token = session.at("/response/session_token").textValue();

    JsonNode exists = call("session-exists", "{\"session_token\": \"" + token + "\"}");
    assertSuccess(
        exists, List.of("messages", "session_info", "success"), "Session look up successful.");
    JsonNode info = exists.at("/response/session_info");
    assertThat(JsonValues.sortedKeys(info))
        .containsExactly(
            "created",
            "created_on",
            "email",
            "email_verified",
            "emailverify_sent_datetime",
            "expires",
            "extra_info",
            "extra_info_json",
            "full_name",
            "ip_address",
            "is_active",
            "last_login_success",
            "last_login_try",
            "session_token",
            "system_id",
            "user_agent",
            "user_id",
            "user_role");
    assertThat(JsonValues.same(info.get("user_id"), userId)).isTrue();
    assertThat(info.get("email").textValue()).isEqualTo(stored);
    assertThat(info.get("user_role").textValue()).isEqualTo("authenticated");
    assertThat(info.get("is_active").booleanValue()).isTrue();
    assertThat(info.get("email_verified").booleanValue()).isTrue();
    assertThat(info.get("session_token").textValue()).isEqualTo(token);
    assertThat(info.get("ip_address").textValue()).isEqualTo(CLIENT_IP);
    assertThat(info.get("extra_info_json")).isEqualTo(JsonValues.parse("{\"theme\": \"dark\"}"));
    assertThat(info.get("expires").textValue()).isEqualTo("2099-01-02T03:04:05.600000");
    assertThat(info.has("password")).isFalse();

    JsonNode passcheck =
        call(
            "user-passcheck",
            "{\"session_token\": \"" + token + "\", \"password\": \"" + PASSWORD + "\"}");
    assertSuccess(
        passcheck,
        List.of("messages", "success", "user_id", "user_role"),
        "Verification successful.");
    assertThat(JsonValues.same(passcheck.at("/response/user_id"), userId)).isTrue();

    JsonNode wrong =
        call(
            "user-passcheck",
            "{\"session_token\": \"" + token + "\", \"password\": \"not-" + PASSWORD + "\"}");
    assertFailure(wrong, "user does not exist or password doesn't match");
    assertThat(wrong.at("/response/user_id").isNull()).isTrue();
    assertThat(JsonValues.sortedKeys(wrong.get("response")))
        .containsExactly("failure_reason", "messages", "success", "user_id");
    assertThat(wrong.get("messages"))
        .isEqualTo(
            JsonValues.parse("[\"Sorry, that user ID and password combination didn't work.\"]"));

    JsonNode logout =
        call("user-logout", "{\"session_token\": \"" + token + "\", \"user_id\": " + userId + "}");
    assertSuccess(logout, List.of("messages", "success", "user_id"), "Logout successful.");
    assertThat(JsonValues.same(logout.at("/response/user_id"), userId)).isTrue();

    assertFailure(
        call("session-exists", "{\"session_token\": \"" + token + "\"}"),
        "session does not exist or expired");
  }

  @Test
  void post_wrongKey_is401WithTheSpecText() throws Exception {
    String body =
        client.body(
            JsonValues.compact(envelope("session-exists", "{\"session_token\": \"x\"}"))
                .getBytes(StandardCharsets.UTF_8),
            WireClient.Encryption.WRONG_KEY,
            null);

    Observed observed = raw("POST", body, Map.of());

    assertThat(observed.status()).isEqualTo(401);
    assertThat(observed.text()).isEqualTo(HTTP_401);
    assertThat(observed.header("Content-Type")).contains(TEXT_PLAIN);
  }

  @Test
  void post_garbageBody_is401WithTheSpecText() throws Exception {
    Observed observed = raw("POST", "certainly not a Fernet token", Map.of());

    assertThat(observed.status()).isEqualTo(401);
    assertThat(observed.text()).isEqualTo(HTTP_401);
  }

  @Test
  void post_unknownAction_is400PlainText() throws Exception {
    Observed observed = post(envelope("no-such-action", "{}"), Map.of());

    assertThat(observed.status()).isEqualTo(400);
    assertThat(observed.text()).isEqualTo(HTTP_400);
    assertThat(observed.header("Content-Type")).contains(TEXT_PLAIN);
  }

  @Test
  void post_hostNotAllowed_is404() throws Exception {
    Observed observed =
        post(
            envelope("session-exists", "{\"session_token\": \"x\"}"),
            Map.of("Host", "evil.example.com"));

    assertThat(observed.status()).isEqualTo(404);
  }

  @Test
  void get_root_is405WithTheSpecText() throws Exception {
    Observed observed = raw("GET", null, Map.of());

    assertThat(observed.status()).isEqualTo(405);
    assertThat(observed.text()).isEqualTo(HTTP_405);
  }

  @Test
  void post_missingFields_is200WithTheProblemsReport() throws Exception {
    JsonNode env = call("session-new", "{}");

    assertThat(env.get("success").booleanValue()).isFalse();
    assertThat(env.has("failure_reason")).isFalse();
    assertThat(env.get("messages"))
        .isEqualTo(JsonValues.parse("[\"request 'session-new' has invalid parameters\"]"));
    assertThat(env.at("/response/response/failure_reason").textValue())
        .isEqualTo("invalid request parameters");
    assertThat(env.at("/response/response/problems"))
        .isEqualTo(
            JsonValues.parse(
                "[{\"param\": \"ip_address\", \"problem\": \"missing\", \"required_type\": \"str\","
                    + " \"required_param\": true}, {\"param\": \"user_agent\", \"problem\":"
                    + " \"missing\", \"required_type\": \"str\", \"required_param\": true},"
                    + " {\"param\": \"user_id\", \"problem\": \"missing\", \"required_type\":"
                    + " [\"int\", \"None\"], \"required_param\": true}, {\"param\": \"expires\","
                    + " \"problem\": \"missing\", \"required_type\": \"str\", \"required_param\":"
                    + " true}, {\"param\": \"extra_info_json\", \"problem\": \"missing\","
                    + " \"required_type\": [\"dict\", \"None\"], \"required_param\": true}]"));
  }
}
