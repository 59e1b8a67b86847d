package org.authnz.transport.http.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real sidecar started with {@code --permissions} decides access and limits by that file (the
 * newsroom policy of core's tests), not by the bundled default, and seeds the roles table from it.
 */
class SidecarPermissionsTest {
  private static final String KEY = AdminAccount.newFernetKey();
  private static final ObjectMapper JSON = WireCodec.json();
  private static final String NEWSROOM = "/org/authnz/policy/newsroom-permissions.json";

  @TempDir Path dir;
  private Sidecar sidecar;
  private long reqid = 1;

  @AfterEach
  void stop() {
    if (sidecar != null) {
      sidecar.close();
    }
  }

  @Test
  void sidecar_newsroomPolicy_decidesAccessAndLimitsByItAndSeedsItsRoles() throws Exception {
    start(newsroomFile());

    JsonNode publish = call("user-check-access", access("publish", "article"));
    JsonNode viewObject = call("user-check-access", access("view", "object"));
    JsonNode under = call("user-check-limit", limit("max_drafts", "999"));
    JsonNode over = call("user-check-limit", limit("max_drafts", "1000"));
    JsonNode defaultLimit = call("user-check-limit", limit("max_requests", "99999999"));

    assertThat(publish.get("success").asBoolean()).as(publish.toString()).isTrue();
    assertThat(viewObject.get("failure_reason").asText()).isEqualTo("action not permitted");
    assertThat(under.get("success").asBoolean()).as(under.toString()).isTrue();
    assertThat(over.get("failure_reason").asText()).isEqualTo("user is over limit");
    assertThat(defaultLimit.get("success").asBoolean()).isTrue(); // no such limit here

    sidecar.close();
    sidecar = null;
    try (JdbcStore store = JdbcStore.sqlite(dir.resolve("auth.sqlite"))) {
      assertThat(store.roles()).contains("editor", "reporter");
    }
  }

  @Test
  void sidecar_defaultPolicy_deniesTheNewsroomAction() throws Exception {
    start(null);

    JsonNode publish = call("user-check-access", access("publish", "article"));
    JsonNode viewObject = call("user-check-access", access("view", "object"));
    JsonNode defaultLimit = call("user-check-limit", limit("max_requests", "99999999"));

    assertThat(publish.get("failure_reason").asText()).isEqualTo("action not permitted");
    assertThat(viewObject.get("success").asBoolean()).as(viewObject.toString()).isTrue();
    assertThat(defaultLimit.get("failure_reason").asText()).isEqualTo("user is over limit");
  }

  private Path newsroomFile() throws Exception {
    Path file = dir.resolve("newsroom.json");
    try (InputStream in = getClass().getResourceAsStream(NEWSROOM)) {
      assertThat(in).as("core's test resource " + NEWSROOM).isNotNull();
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  private void start(Path permissions) {
    Map<String, String> env = new HashMap<>();
    env.put("AUTHNZERVER_AUTHDB", "sqlite:///auth.sqlite");
    env.put("AUTHNZERVER_SECRET", KEY);
    env.put("AUTHNZERVER_PIISALT", "some-salt");
    env.put("PORT", "0");
    if (permissions != null) {
      env.put("AUTHNZERVER_PERMISSIONS", permissions.toString());
    }
    ServerSettings settings = ServerSettings.resolve(Map.of(), env, dir);
    sidecar = Sidecar.start(settings, Map.of(), Clock.systemUTC());
  }

  private static String access(String action, String item) {
    return "{\"user_id\": 1, \"user_role\": \"superuser\", \"action\": \""
        + action
        + "\", \"target_name\": \""
        + item
        + "\", \"target_owner\": 2, \"target_visibility\": \"private\","
        + " \"target_sharedwith\": \"\"}";
  }

  private static String limit(String name, String value) {
    return "{\"user_id\": 1, \"user_role\": \"superuser\", \"limit_name\": \""
        + name
        + "\", \"value_to_check\": "
        + value
        + "}";
  }

  /** Sends one Fernet request and returns the decrypted envelope after common checks. */
  private JsonNode call(String action, String body) throws Exception {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("request", action);
    envelope.set("body", JSON.readTree(body));
    envelope.put("reqid", reqid++);
    envelope.put("client_ipaddr", "10.1.2.3");
    WireCodec codec = WireCodec.of(Fernet.of(KEY));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + "/"))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(codec.encode(envelope)))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = codec.decode(response.body());
    assertThat(answer.get("messages")).isEqualTo(answer.get("response").get("messages"));
    assertThat(answer.get("messages").size()).isEqualTo(1);
    return answer;
  }
}
