package org.authnz.transport.http.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.authnz.limits.RedisCounterStore;
import org.authnz.testing.MachineServices;
import org.authnz.transport.http.testing.PostgresqlSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two sidecars, as two hosts of one deployment, on one PostgreSQL schema (each with its own pool)
 * and the machine's Redis (one key prefix), sharing a Fernet key: what one does, the other sees.
 * Skipped without the servers, failing instead when {@code AUTHNZ_REQUIRE_SERVICES=true}.
 */
class ClusterPostgresqlTest {
  private static final String REDIS = "redis://127.0.0.1:6379";
  private static final String CLIENT_IP = "203.0.113.5";
  private static final String PASSWORD = "Cluster-Member-Pass-8Vq3";
  private static final AtomicLong REQIDS = new AtomicLong(900);

  private final String prefix = "authnz-test:" + UUID.randomUUID() + ":";
  private final List<RedisCounterStore> counters = new ArrayList<>();
  private PostgresqlSchema schema;
  private Sidecar a;
  private Sidecar b;

  @BeforeEach
  void startTwoSidecars() throws Exception {
    MachineServices.requireRedis();
    schema = PostgresqlSchema.create();
    String key = WireClient.freshKey();
    a = Sidecar.start(schema.open(), counters(), key, UnaryOperator.identity());
    b = Sidecar.start(schema.open(), counters(), key, UnaryOperator.identity());
  }

  @AfterEach
  void stopAndClean() throws Exception {
    for (Sidecar sidecar : new Sidecar[] {a, b}) {
      if (sidecar != null) {
        sidecar.close();
      }
    }
    counters.forEach(RedisCounterStore::close);
    if (schema != null) {
      schema.close();
      deleteRedisKeys();
    }
  }

  private RedisCounterStore counters() {
    RedisCounterStore store = new RedisCounterStore(REDIS, prefix, Duration.ofHours(1));
    counters.add(store);
    return store;
  }

  @Test
  void session_createdThroughOne_isSeenEditedAndDeletedThroughTheOther() throws Exception {
    JsonNode created =
        call(
            a,
            "session-new",
            "{\"ip_address\": \"203.0.113.5\", \"user_agent\": \"cluster/1\", \"user_id\": 1,"
                + " \"expires\": \"2099-01-02T03:04:05.600000\", \"extra_info_json\": null}");
    String token = created.get("session_token").textValue();

    JsonNode seen = call(b, "session-exists", "{\"session_token\": \"" + token + "\"}");
    assertThat(seen.get("success").booleanValue()).as("%s", seen).isTrue();
    assertThat(seen.at("/session_info/user_id").longValue()).isEqualTo(1);

    JsonNode edited =
        call(
            b,
            "internal-session-edit",
            "{\"target_session_token\": \""
                + token
                + "\", \"update_dict\": {\"theme\": \"dark\"}}");
    assertThat(edited.get("success").booleanValue()).as("%s", edited).isTrue();
    JsonNode seenEdited = call(a, "session-exists", "{\"session_token\": \"" + token + "\"}");
    assertThat(seenEdited.at("/session_info/extra_info_json/theme").textValue()).isEqualTo("dark");

    JsonNode deleted = call(b, "session-delete", "{\"session_token\": \"" + token + "\"}");
    assertThat(deleted.get("success").booleanValue()).as("%s", deleted).isTrue();
    JsonNode gone = call(a, "session-exists", "{\"session_token\": \"" + token + "\"}");
    assertThat(gone.get("success").booleanValue()).isFalse();
    assertThat(gone.get("failure_reason").textValue())
        .isEqualTo("session does not exist or expired");
  }

  @Test
  void user_lockedThroughOne_cannotLogInThroughTheOther() throws Exception {
    String email = "member-" + REQIDS.get() + "@cluster.test";
    JsonNode created =
        call(
            a,
            "user-new",
            "{\"full_name\": \"Clu Ster\", \"email\": \""
                + email
                + "\", \"password\": \""
                + PASSWORD
                + "\"}");
    assertThat(created.get("success").booleanValue()).as("%s", created).isTrue();
    long userId = created.get("user_id").longValue();
    call(a, "user-set-emailverified", "{\"email\": \"" + email + "\"}");
    assertThat(login(b, email).get("success").booleanValue()).isTrue();

    JsonNode locked =
        call(a, "internal-user-lock", "{\"target_userid\": " + userId + ", \"action\": \"lock\"}");
    assertThat(locked.get("success").booleanValue()).as("%s", locked).isTrue();

    JsonNode refused = login(b, email);
    assertThat(refused.get("success").booleanValue()).isFalse();
  }

  /** Logs in through {@code sidecar} from a new anonymous session made there. */
  private static JsonNode login(Sidecar sidecar, String email) throws Exception {
    JsonNode anon =
        call(
            sidecar,
            "session-new",
            "{\"ip_address\": \"203.0.113.5\", \"user_agent\": \"cluster/1\", \"user_id\": null,"
                + " \"expires\": \"2099-01-02T03:04:05.600000\", \"extra_info_json\": null}");
    return call(
        sidecar,
        "user-login",
        "{\"session_token\": \""
            + anon.get("session_token").textValue()
            + "\", \"email\": \""
            + email
            + "\", \"password\": \""
            + PASSWORD
            + "\"}");
  }

  /** Sends one action to {@code sidecar} and returns the decrypted {@code response}. */
  private static JsonNode call(Sidecar sidecar, String action, String body) throws Exception {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("request", action);
    envelope.set("body", JsonValues.parse(body));
    envelope.put("reqid", REQIDS.getAndIncrement());
    envelope.put("client_ipaddr", CLIENT_IP);
    WireClient client = sidecar.client();
    Observed observed =
        client.send(
            new WireClient.Request(
                "POST", "/", Map.of(), client.body(envelope), envelope.get("reqid")));
    assertThat(observed.status())
        .as("HTTP status of %s: %s", action, observed.text())
        .isEqualTo(200);
    assertThat(observed.envelope()).as("decrypted envelope of %s", action).isNotNull();
    return observed.envelope().get("response");
  }

  private void deleteRedisKeys() {
    RedisClient client = RedisClient.create(REDIS);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = connection.sync().keys(prefix + "*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown();
    }
  }
}
