package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.json;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.authnz.memory.InMemoryStore;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;
import org.junit.jupiter.api.Test;

/**
 * Runs the main flows with marker secrets and personal data, then checks that no log line written
 * meanwhile (all authnz loggers at TRACE, see {@code simplelogger.properties}) and no dispatcher
 * failure reason contains any of them (STYLE.md 2.5 and 2.8).
 */
class LogLeakTest {
  static final Path LOG = Path.of("target/authnz-test.log");
  static final String PASSWORD = "Marker-Pass-7731-qZx";
  static final String WRONG_PASSWORD = "Marker-Wrong-4410-kLp";
  static final String EMAIL = "marker.person@leak-example.org";
  static final String SALT = "marker-pii-salt-5529";
  static final String IP = "10.77.31.9";

  @Test
  void mainFlows_withMarkerSecrets_leaveNoneInLogsOrFailureReasons() throws IOException {
    InMemoryStore store = InMemoryStore.create();
    MutableClock clock = new MutableClock(Fixture.START);
    AuthnzService service =
        AuthnzService.builder()
            .store(store)
            .clock(clock)
            .piiSalt(SALT)
            .argon2(1024, 1, 1)
            .publicSuffixes(Fixture.SUFFIXES)
            .build();
    long logStart = Files.exists(LOG) ? Files.size(LOG) : 0; // logging is set up by now
    service.initialize("admin@leak-example.org", PASSWORD);
    ActionDispatcher dispatcher = ActionDispatcher.of(service);
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, EMAIL, SALT, IP));
    List<String> reasons = new ArrayList<>();

    call(dispatcher, reasons, "user-new", body("full_name", "Marker Person", "password", PASSWORD));
    call(dispatcher, reasons, "user-new", body("full_name", "Marker Person", "password", "short"));
    call(dispatcher, reasons, "user-set-emailverified", body());
    call(dispatcher, reasons, "user-set-emailsent", body("email_type", "signup"));
    call(dispatcher, reasons, "user-lookup-email", body());
    for (String password : List.of(WRONG_PASSWORD, PASSWORD)) {
      String anon = newSession(dispatcher, clock, secrets, null);
      call(dispatcher, reasons, "user-login", body("session_token", anon, "password", password));
    }
    String own = newSession(dispatcher, clock, secrets, 4L);
    call(dispatcher, reasons, "user-passcheck", body("session_token", own, "password", PASSWORD));
    call(dispatcher, reasons, "user-passcheck-nosession", body("password", WRONG_PASSWORD));
    call(dispatcher, reasons, "user-validatepass", body("full_name", "M P", "password", PASSWORD));
    call(dispatcher, reasons, "session-exists", body("session_token", own));
    ObjectNode edit = body("target_session_token", own);
    edit.set("update_dict", json("{'k': 'v'}"));
    call(dispatcher, reasons, "internal-session-edit", edit);
    apiKeyFlows(dispatcher, clock, secrets, reasons, own);
    call(dispatcher, reasons, "user-logout", body("session_token", own, "user_id", "4"));
    store.close(); // every later action fails inside: the failure reasons must stay clean
    call(dispatcher, reasons, "user-login", body("session_token", own, "password", PASSWORD));
    call(dispatcher, reasons, "user-set-emailverified", body());

    String log =
        Files.exists(LOG)
            ? new String(Files.readAllBytes(LOG), StandardCharsets.UTF_8).substring((int) logStart)
            : "";
    assertThat(log).as("log written by the flows").isNotEmpty();
    assertThat(reasons).isNotEmpty();
    for (String secret : secrets) {
      assertThat(log).doesNotContain(secret);
      assertThat(reasons).noneMatch(r -> r.contains(secret));
    }
  }

  /** Issues, verifies, refreshes and revokes API keys; their tokens join the secrets. */
  private static void apiKeyFlows(
      ActionDispatcher dispatcher,
      MutableClock clock,
      List<String> secrets,
      List<String> reasons,
      String session) {
    ObjectNode issue =
        json(
            "{'issuer': 'iss', 'audience': 'aud', 'subject': 'sub', 'apiversion': 1,"
                + " 'expires_days': 1, 'not_valid_before': 0, 'user_id': 4,"
                + " 'user_role': 'authenticated', 'user_agent': 'Leak Browser'}");
    issue.put("ip_address", IP).put("session_token", session);
    ObjectNode tied = answer(dispatcher, "apikey-new", issue);
    ObjectNode noSession =
        answer(
            dispatcher,
            "apikey-new-nosession",
            json(
                "{'issuer': 'iss', 'audience': 'aud', 'subject': 'sub', 'apiversion': 1,"
                    + " 'expires_seconds': 60, 'not_valid_before': 0, 'user_id': 4,"
                    + " 'user_role': 'authenticated', 'ip_address': '1.2.3.4',"
                    + " 'refresh_expires': 600, 'refresh_nbf': 0}"));
    clock.advance(Duration.ofSeconds(1));
    ObjectNode tiedKey = json(tied.get("apikey").asText().replace('"', '\''));
    ObjectNode key = json(noSession.get("apikey").asText().replace('"', '\''));
    secrets.add(tiedKey.get("tkn").asText());
    secrets.add(key.get("tkn").asText());
    secrets.add(noSession.get("refresh_token").asText());

    ObjectNode onKey = body("user_role", "authenticated", "user_id", "4");
    onKey.set("apikey_dict", tiedKey);
    call(dispatcher, reasons, "apikey-verify", onKey);
    call(dispatcher, reasons, "apikey-revoke", onKey);
    ObjectNode refresh =
        body("user_role", "authenticated", "user_id", "4", "refresh_token", WRONG_PASSWORD);
    refresh.set("apikey_dict", key);
    refresh.put("ip_address", IP).put("expires_seconds", 60).put("not_valid_before", 0);
    refresh.put("refresh_expires", 600).put("refresh_nbf", 0);
    call(dispatcher, reasons, "apikey-refresh-nosession", refresh);
    refresh.put("refresh_token", noSession.get("refresh_token").asText());
    ObjectNode refreshed = answer(dispatcher, "apikey-refresh-nosession", refresh);
    secrets.add(refreshed.get("refresh_token").asText());
    call(dispatcher, reasons, "apikey-refresh-nosession", refresh);
    clock.advance(Duration.ofSeconds(1));
    ObjectNode newKey = json(refreshed.get("apikey").asText().replace('"', '\''));
    secrets.add(newKey.get("tkn").asText());
    ObjectNode revokeAll = body("user_role", "authenticated", "user_id", "4");
    revokeAll.set("apikey_dict", newKey);
    call(dispatcher, reasons, "apikey-revokeall-nosession", revokeAll);
    call(dispatcher, reasons, "apikey-verify-nosession", revokeAll);
  }

  private static ObjectNode answer(ActionDispatcher dispatcher, String action, ObjectNode body) {
    DispatchResult result = dispatcher.dispatch(action, body, IntNode.valueOf(1));
    ObjectNode answer = ((DispatchResult.Answer) result).result();
    assertThat(answer.get("success").asBoolean()).as("%s: %s", action, answer).isTrue();
    return answer;
  }

  private static ObjectNode body(String... keysAndValues) {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("email", EMAIL);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i].equals("user_id")) {
        body.put("user_id", Long.parseLong(keysAndValues[i + 1]));
      } else {
        body.put(keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return body;
  }

  private static String newSession(
      ActionDispatcher dispatcher, MutableClock clock, List<String> secrets, Long userId) {
    ObjectNode body = body("ip_address", IP, "user_agent", "Leak Browser");
    body.put("user_id", userId);
    body.putNull("extra_info_json");
    body.put("expires", WireTime.format(clock.instant().plus(Duration.ofHours(1))));
    DispatchResult result = dispatcher.dispatch("session-new", body, IntNode.valueOf(1));
    String token = ((DispatchResult.Answer) result).result().get("session_token").asText();
    secrets.add(token);
    return token;
  }

  private static void call(
      ActionDispatcher dispatcher, List<String> reasons, String action, ObjectNode body) {
    DispatchResult result = dispatcher.dispatch(action, body, IntNode.valueOf(1));
    if (result instanceof DispatchResult.BadRequest bad) {
      reasons.add(bad.reason());
    } else if (result instanceof DispatchResult.Answer answer
        && answer.result().has("failure_reason")) {
      reasons.add(answer.result().get("failure_reason").asText());
    }
  }
}
