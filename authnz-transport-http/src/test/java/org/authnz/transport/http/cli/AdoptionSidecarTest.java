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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.authnz.internal.password.Argon2idHasher;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.SessionToken;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sidecar started on an authnzerver SQLite database (the reference DDL of {@code
 * spec/storage-schema.md} 10.1 with reference rows, no Flyway history) adopts it: users log in with
 * their old passwords, old session tokens still verify, and no row is lost.
 */
class AdoptionSidecarTest {
  private static final String KEY = AdminAccount.newFernetKey();
  private static final ObjectMapper JSON = WireCodec.json();
  // spec/golden-cases.md: user 4 and its password; the hash uses authnzerver's old Argon2id
  // parameters (argon2-cffi 18.2 to 21.1: m=102400, t=2, p=8), as the recorded reference wrote.
  private static final String EMAIL = "testuser@test.org";
  private static final String PASSWORD = "aROwQin9L8nNtPTEMLXd";
  private static final String OLD_SESSION = "oldSessionTokenOfTheReference_0123456789abc";
  private static final String SESSION_KEY = "oldSessionTiedApiKeyTokenOfTheReference_012";
  private static final String NOSESSION_KEY = "oldNoSessionApiKeyTokenOfTheReference_01234";
  private static final String EXTRA =
      "{\"team\": \"blue\", \"score\": 0.1, \"caf\\u00e9\": [1, 2]}";
  private static final String PAST = "'2024-01-02 03:04:05.000000'";
  private static final String FUTURE = "'2099-01-02 03:04:05.000000'";

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
  void sidecar_authnzerverSqliteDatabase_keepsUsersPasswordsSessionsAndKeys() throws Exception {
    Path file = dir.resolve("auth.sqlite");
    createReferenceDatabase(file);
    Map<String, String> before = counts(file);

    start();
    JsonNode exists = call("session-exists", "{\"session_token\": \"" + OLD_SESSION + "\"}");
    String anonymous = newAnonymousSession();
    JsonNode login =
        call(
            "user-login",
            "{\"session_token\": \""
                + anonymous
                + "\", \"email\": \""
                + EMAIL
                + "\", \"password\": \""
                + PASSWORD
                + "\"}");
    sidecar.close();
    sidecar = null;

    assertThat(exists.get("success").asBoolean()).as(exists.toString()).isTrue();
    assertThat(exists.get("session_info").get("user_id").asLong()).isEqualTo(4);
    assertThat(exists.get("session_info").get("email").asText()).isEqualTo(EMAIL);
    assertThat(login.get("success").asBoolean()).as(login.toString()).isTrue();
    assertThat(login.get("user_id").asLong()).isEqualTo(4);

    Map<String, String> after = counts(file);
    assertThat(after.get("users")).isEqualTo(before.get("users"));
    assertThat(after.get("roles")).isEqualTo(before.get("roles"));
    assertThat(after.get("apikeys")).isEqualTo(before.get("apikeys"));
    assertThat(after.get("apikeys_nosession")).isEqualTo(before.get("apikeys_nosession"));
    // The old session is kept (checked below); the anonymous one is gone with the login.
    assertThat(Long.parseLong(after.get("sessions")))
        .isGreaterThanOrEqualTo(Long.parseLong(before.get("sessions")));
    try (JdbcStore store = JdbcStore.sqlite(file)) {
      assertThat(store.schemaVersion()).isEqualTo("4");
      assertThat(store.findSession(SessionToken.of(OLD_SESSION))).isPresent();
      assertThat(store.findApiKey(ApiKeyToken.of(SESSION_KEY))).isPresent();
      assertThat(store.findNoSessionKey(ApiKeyToken.of(NOSESSION_KEY))).isPresent();
      assertThat(store.findUser(4).orElseThrow().extraInfo()).isEqualTo(JSON.readTree(EXTRA));
      assertThat(store.findUser(1).orElseThrow().email()).isEqualTo("admin@localhost");
    }
  }

  private void createReferenceDatabase(Path file) throws Exception {
    String ddl;
    try (InputStream in = getClass().getResourceAsStream("/reference-ddl-sqlite.sql")) {
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String oldHash = Argon2idHasher.of(102400, 2, 8).hash(PASSWORD).reveal();
    String unknownHash = Argon2idHasher.of(102400, 2, 8).hash("nobody-knows-this-one").reveal();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      for (String sql : ddl.split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
      for (String role :
          new String[] {"superuser", "staff", "authenticated", "anonymous", "locked"}) {
        statement.execute(
            "INSERT INTO roles (name, \"desc\") VALUES ('"
                + role
                + "', 'Role with "
                + role
                + " privileges')");
      }
      insertUser(
          statement,
          1,
          "admin@localhost",
          unknownHash,
          "superuser",
          1,
          "{\"provenance\": \"auto-created\", \"type\": \"system-user\"}");
      insertUser(
          statement,
          2,
          "anonuser@localhost",
          unknownHash,
          "anonymous",
          1,
          "{\"provenance\": \"auto-created\", \"type\": \"system-user\"}");
      insertUser(
          statement,
          3,
          "dummyuser@localhost",
          unknownHash,
          "locked",
          0,
          "{\"provenance\": \"auto-created\", \"type\": \"locked-user\"}");
      insertUser(statement, 4, EMAIL, oldHash, "authenticated", 1, EXTRA);
      statement.execute(
          "INSERT INTO sessions VALUES ('"
              + OLD_SESSION
              + "', '10.0.0.1', 'Mozilla/5.0', 4, "
              + PAST
              + ", "
              + FUTURE
              + ", '{\"csrf\": \"x\"}')");
      statement.execute(
          "INSERT INTO apikeys VALUES ('"
              + SESSION_KEY
              + "', "
              + PAST
              + ", "
              + FUTURE
              + ", "
              + PAST
              + ", 4, 'authenticated', '"
              + OLD_SESSION
              + "')");
      statement.execute(
          "INSERT INTO apikeys_nosession VALUES ('"
              + NOSESSION_KEY
              + "', "
              + PAST
              + ", "
              + FUTURE
              + ", "
              + PAST
              + ", '"
              + unknownHash
              + "', "
              + PAST
              + ", "
              + FUTURE
              + ", "
              + PAST
              + ", 4, 'authenticated')");
    }
  }

  private static void insertUser(
      Statement statement, int id, String email, String hash, String role, int active, String extra)
      throws Exception {
    statement.execute(
        "INSERT INTO users (user_id, system_id, full_name, password, email, email_verified,"
            + " is_active, failed_login_tries, extra_info, created_on, last_updated, user_role)"
            + " VALUES ("
            + id
            + ", 'b6a6e6f2-0000-4000-8000-00000000000"
            + id
            + "', 'User "
            + id
            + "', '"
            + hash
            + "', '"
            + email
            + "', 1, "
            + active
            + ", 0, '"
            + extra
            + "', "
            + PAST
            + ", "
            + PAST
            + ", '"
            + role
            + "')");
  }

  private static Map<String, String> counts(Path file) throws Exception {
    Map<String, String> counts = new HashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      for (String table :
          new String[] {"roles", "users", "sessions", "apikeys", "apikeys_nosession"}) {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rows.next();
          counts.put(table, rows.getString(1));
        }
      }
    }
    return counts;
  }

  private void start() {
    Map<String, String> env = new HashMap<>();
    env.put("AUTHNZERVER_AUTHDB", "sqlite:///auth.sqlite");
    env.put("AUTHNZERVER_SECRET", KEY);
    env.put("AUTHNZERVER_PIISALT", "some-salt");
    env.put("AUTHNZERVER_RATELIMITS", "none");
    env.put("PORT", "0");
    ServerSettings settings = ServerSettings.resolve(Map.of(), env, dir);
    sidecar = Sidecar.start(settings, Map.of(), Clock.systemUTC());
  }

  private String newAnonymousSession() throws Exception {
    // The reference's session-new takes expiry times with microseconds.
    String expires =
        LocalDateTime.now(ZoneOffset.UTC)
            .plusHours(1)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS"));
    JsonNode created =
        call(
            "session-new",
            "{\"ip_address\": \"10.1.2.3\", \"user_agent\": \"Mozilla/5.0\", \"user_id\": null,"
                + " \"expires\": \""
                + expires
                + "\", \"extra_info_json\": {}}");
    assertThat(created.get("success").asBoolean()).as(created.toString()).isTrue();
    return created.get("session_token").asText();
  }

  /** Sends one Fernet request and returns the decrypted response. */
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
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(codec.encode(envelope)))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return codec.decode(response.body()).get("response");
  }
}
