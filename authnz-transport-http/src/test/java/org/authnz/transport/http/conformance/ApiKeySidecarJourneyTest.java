package org.authnz.transport.http.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys end to end through a real sidecar with real Fernet requests ({@code
 * actions-apikeys.md}): a session-tied key dies with its session at logout; a no-session key is
 * refreshed, after which only the new key verifies, and revoke-all leaves none that verifies.
 */
class ApiKeySidecarJourneyTest {
  private static final String PASSWORD = "vQ7#kLm2$Rt9!pXw-apikeys";
  private static final String CLIENT_IP = "10.9.8.7";
  private static final String UA = "apikey-journey/1";
  private static final String INVALID_KEY =
      "key validation failed, provided key does not match stored key or has expired";

  @TempDir static Path dir;
  private static Sidecar sidecar;
  private static WireClient client;
  private static final AtomicLong REQIDS = new AtomicLong(500);

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

  /** Sends an action and returns the decrypted envelope's {@code response} after basic checks. */
  private static JsonNode call(String action, JsonNode body) throws Exception {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("request", action);
    envelope.set("body", body);
    envelope.put("reqid", REQIDS.getAndIncrement());
    envelope.put("client_ipaddr", CLIENT_IP);
    Observed observed =
        client.send(
            new WireClient.Request(
                "POST", "/", Map.of(), client.body(envelope), envelope.get("reqid")));
    assertThat(observed.status())
        .as("HTTP status of %s: %s", action, observed.text())
        .isEqualTo(200);
    JsonNode env = observed.envelope();
    assertThat(env).as("decrypted envelope of %s", action).isNotNull();
    assertThat(env.get("success")).isEqualTo(env.at("/response/success"));
    return env.get("response");
  }

  private static JsonNode call(String action, String body) throws Exception {
    return call(action, JsonValues.parse(body));
  }

  private static JsonNode keyDict(JsonNode issued) {
    assertThat(issued.get("success").booleanValue()).as("%s", issued).isTrue();
    return JsonValues.parse(issued.get("apikey").textValue());
  }

  private static JsonNode onKey(String action, JsonNode dict, long userId) throws Exception {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.set("apikey_dict", dict);
    body.put("user_id", userId);
    body.put("user_role", "authenticated");
    return call(action, body);
  }

  private static long signUpAndLogIn(String email) throws Exception {
    JsonNode anon =
        call(
            "session-new",
            "{\"ip_address\": \""
                + CLIENT_IP
                + "\", \"user_agent\": \""
                + UA
                + "\", \"user_id\": null, \"expires\": \"2099-01-02T03:04:05.600000\","
                + " \"extra_info_json\": null}");
    call(
        "user-new",
        "{\"full_name\": \"Key Holder\", \"email\": \""
            + email
            + "\", \"password\": \""
            + PASSWORD
            + "\"}");
    call("user-set-emailverified", "{\"email\": \"" + email + "\"}");
    JsonNode login =
        call(
            "user-login",
            "{\"session_token\": \""
                + anon.get("session_token").textValue()
                + "\", \"email\": \""
                + email
                + "\", \"password\": \""
                + PASSWORD
                + "\"}");
    assertThat(login.get("success").booleanValue()).as("%s", login).isTrue();
    return login.get("user_id").longValue();
  }

  @Test
  void sessionKey_loginIssueVerifyLogout_keyNoLongerVerifies() throws Exception {
    long userId = signUpAndLogIn("session-key@test.org");
    String session =
        call(
                "session-new",
                "{\"ip_address\": \""
                    + CLIENT_IP
                    + "\", \"user_agent\": \""
                    + UA
                    + "\", \"user_id\": "
                    + userId
                    + ", \"expires\": \"2099-01-02T03:04:05.600000\", \"extra_info_json\": null}")
            .get("session_token")
            .textValue();

    JsonNode issued =
        call(
            "apikey-new",
            "{\"issuer\": \"authnzerver\", \"audience\": \"frontend.test\", \"subject\": \"all\","
                + " \"apiversion\": 1, \"expires_days\": 1, \"not_valid_before\": -1,"
                + " \"user_id\": "
                + userId
                + ", \"user_role\": \"authenticated\", \"ip_address\": \""
                + CLIENT_IP
                + "\", \"user_agent\": \""
                + UA
                + "\", \"session_token\": \""
                + session
                + "\"}");
    JsonNode key = keyDict(issued);
    assertThat(key.get("usa").textValue()).isEqualTo(UA);
    assertThat(key.get("exp").textValue()).isEqualTo(issued.get("expires").textValue());

    JsonNode before = onKey("apikey-verify", key, userId);
    JsonNode logout =
        call(
            "user-logout", "{\"session_token\": \"" + session + "\", \"user_id\": " + userId + "}");
    JsonNode after = onKey("apikey-verify", key, userId);

    assertThat(before.get("success").booleanValue()).as("%s", before).isTrue();
    assertThat(logout.get("success").booleanValue()).isTrue();
    assertThat(after.get("success").booleanValue()).isFalse();
    assertThat(after.get("failure_reason").textValue()).isEqualTo(INVALID_KEY);
  }

  @Test
  void noSessionKey_refreshThenRevokeAll_onlyTheNewKeyVerifiesThenNone() throws Exception {
    long userId = signUpAndLogIn("nosession-key@test.org");
    String issueBody =
        "{\"issuer\": \"authnzerver\", \"audience\": \"api.test\", \"subject\": \"/api\","
            + " \"apiversion\": \"v1\", \"expires_seconds\": 900, \"not_valid_before\": -1,"
            + " \"user_id\": "
            + userId
            + ", \"user_role\": \"authenticated\", \"ip_address\": \""
            + CLIENT_IP
            + "\", \"refresh_expires\": 86400, \"refresh_nbf\": -1}";
    JsonNode issued = call("apikey-new-nosession", issueBody);
    JsonNode oldKey = keyDict(issued);
    JsonNode other = keyDict(call("apikey-new-nosession", issueBody));

    ObjectNode refreshBody = JsonNodeFactory.instance.objectNode();
    refreshBody.set("apikey_dict", oldKey);
    refreshBody.put("user_id", userId);
    refreshBody.put("user_role", "authenticated");
    refreshBody.put("refresh_token", issued.get("refresh_token").textValue());
    refreshBody.put("ip_address", "10.1.1.1");
    refreshBody.put("expires_seconds", 900);
    refreshBody.put("not_valid_before", -1);
    refreshBody.put("refresh_expires", 86400);
    refreshBody.put("refresh_nbf", -1);
    JsonNode refreshed = call("apikey-refresh-nosession", refreshBody);
    JsonNode newKey = keyDict(refreshed);
    JsonNode again = call("apikey-refresh-nosession", refreshBody);

    assertThat(refreshed.get("refresh_token").textValue())
        .matches("[A-Za-z0-9_-]{43}")
        .isNotEqualTo(issued.get("refresh_token").textValue());
    assertThat(newKey.get("ipa").textValue()).isEqualTo("10.1.1.1");
    assertThat(again.get("failure_reason").textValue())
        .isEqualTo("provided API key has no stored refresh token, probably invalid");
    JsonNode oldVerify = onKey("apikey-verify-nosession", oldKey, userId);
    assertThat(oldVerify.get("failure_reason").textValue()).isEqualTo(INVALID_KEY);
    assertThat(onKey("apikey-verify-nosession", newKey, userId).get("success").booleanValue())
        .isTrue();

    JsonNode revokeAll = onKey("apikey-revokeall-nosession", newKey, userId);

    assertThat(revokeAll.get("success").booleanValue()).isTrue();
    assertThat(revokeAll.get("revoked_keys").intValue()).isEqualTo(2);
    for (JsonNode key : new JsonNode[] {oldKey, newKey, other}) {
      assertThat(onKey("apikey-verify-nosession", key, userId).get("success").booleanValue())
          .isFalse();
    }
  }
}
