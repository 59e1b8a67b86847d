package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.store.jdbc.ExtraInfoMatchCases.entries;
import static org.authnz.store.jdbc.TestRows.NOW;
import static org.authnz.store.jdbc.TestRows.newUser;
import static org.authnz.store.jdbc.TestRows.object;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the store against the PostgreSQL server on loopback (database {@code test}, user {@code
 * postgres}, trust authentication), in a schema of its own; skipped when no server answers.
 */
class JdbcStorePostgresqlTest {
  private static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";

  private String schema;
  private JdbcStore store;

  @BeforeEach
  void open() throws SQLException {
    schema = "authnz_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = plain(BASE_URL)) {
      connection.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      // CI starts the server and sets AUTHNZ_REQUIRE_SERVICES, so there a missing server fails
      if ("true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
        throw e;
      }
      assumeTrue(false, "no PostgreSQL server on 127.0.0.1:5432");
    }
    store = JdbcStore.open(url(), USER, null);
    store.initializeIfEmpty(TestRows.ROLES, TestRows.systemUsers());
  }

  @AfterEach
  void close() throws SQLException {
    if (store != null) {
      store.close();
    }
    try (Connection connection = plain(BASE_URL)) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void open_emptySchema_createsVersion1WithSystemUsersAt1To3() {
    assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(store.schemaVersion()).isEqualTo("2"); // V2: lock expiry (issue 5)
    assertThat(store.listUsers()).extracting(StoredUser::userId).containsExactly(1L, 2L, 3L);
    assertThat(store.roles()).containsExactlyInAnyOrderElementsOf(TestRows.ROLES);
    assertThat(store.isHealthy()).isTrue();
  }

  @Test
  void insertAndUpdateUser_valuesRoundTripAtMicroseconds() throws SQLException {
    ObjectNode extra = object("{\"a\": {\"b\": [1, \"\\u00e9\"]}}");
    StoredUser user = store.insertUser(newUser("pg@example.com", "staff", extra)).orElseThrow();
    Instant later = NOW.plusSeconds(5);

    StoredUser updated =
        store.updateUser(user.userId(), later, u -> u.withLastLoginTry(later)).orElseThrow();

    assertThat(updated.extraInfo()).isEqualTo(extra);
    assertThat(updated.createdOn()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
    assertThat(updated.lastUpdated()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    assertThat(updated.lastLoginTry()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    assertThat(store.findUserByEmail("pg@example.com")).contains(updated);
    assertThat(queryOne("SELECT created_on::text FROM users WHERE user_id = " + user.userId()))
        .isEqualTo("2026-12-03 10:15:30.123456");
    assertThat(store.insertUser(newUser("pg@example.com"))).isEmpty();
    assertThat(store.insertUser(newUser("null@example.com")).orElseThrow().extraInfo()).isNull();
  }

  @Test
  void findUsersByExtraInfo_stringEntries_matchLikeSqlite() {
    ExtraInfoMatchCases.insertUsers(store);

    assertThat(ExtraInfoMatchCases.ids(store.findUsersByExtraInfo(entries("type", "system-user"))))
        .containsExactly(1L, 2L);
    assertThat(
            ExtraInfoMatchCases.ids(
                store.findUsersByExtraInfo(entries("type", "normal-user", "team", "blue"))))
        .containsExactly(5L);
    assertThat(ExtraInfoMatchCases.ids(store.findUsersByExtraInfo(entries())))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(
            ExtraInfoMatchCases.ids(
                store.findUsersByExtraInfo(entries("it's \"odd\"", "caf\u00e9 '; --"))))
        .containsExactly(7L);
  }

  @Test
  void findUsersByExtraInfo_nonStringStoredValues_neverMatchTheirText() {
    ExtraInfoMatchCases.insertUsers(store);

    assertThat(store.findUsersByExtraInfo(entries("verify_retry_wait", "6"))).isEmpty();
    assertThat(store.findUsersByExtraInfo(entries("ok", "true"))).isEmpty();
    assertThat(store.findUsersByExtraInfo(entries("nested", "{\"team\": \"blue\"}"))).isEmpty();
    assertThat(ExtraInfoMatchCases.ids(store.findUsersByExtraInfo(entries("num", "6"))))
        .containsExactly(5L);
  }

  @Test
  void open_referenceSchemaWithoutHistory_isAdoptedAsVersion1WithItsRows() throws Exception {
    String adopted = schema + "_ref";
    String ddl;
    try (var in = getClass().getResourceAsStream("/reference-ddl-postgresql.sql")) {
      ddl = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String url = BASE_URL + "?currentSchema=" + adopted;
    try (Connection connection = plain(BASE_URL)) {
      connection.createStatement().execute("CREATE SCHEMA " + adopted);
    }
    try (Connection connection = plain(url);
        Statement statement = connection.createStatement()) {
      for (String sql : ddl.split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
      statement.execute("INSERT INTO roles VALUES ('superuser', 'Role with superuser privileges')");
      statement.execute(
          "INSERT INTO users (system_id, password, email, email_verified, is_active,"
              + " failed_login_tries, extra_info, created_on, last_updated, user_role) VALUES"
              + " ('sid', 'hash', 'admin@localhost', true, true, 0, '{\"type\": \"x\"}',"
              + " '2024-01-02 03:04:05', '2024-01-02 03:04:05.5', 'superuser')");
    }

    try (JdbcStore reference = JdbcStore.open(url, USER, null)) {
      assertThat(reference.schemaVersion()).isEqualTo("2"); // V2: lock expiry (issue 5)
      StoredUser admin = reference.findUser(1).orElseThrow();
      assertThat(admin.email()).isEqualTo("admin@localhost");
      assertThat(admin.lastUpdated()).isEqualTo(Instant.parse("2024-01-02T03:04:05.5Z"));
      assertThat(admin.extraInfo()).isEqualTo(object("{\"type\": \"x\"}"));
      assertThat(reference.insertUser(newUser("second@example.com", "superuser", null)))
          .hasValueSatisfying(u -> assertThat(u.userId()).isEqualTo(2));
    } finally {
      try (Connection connection = plain(BASE_URL)) {
        connection.createStatement().execute("DROP SCHEMA " + adopted + " CASCADE");
      }
    }
  }

  private String url() {
    return BASE_URL + "?currentSchema=" + schema;
  }

  private static Connection plain(String url) throws SQLException {
    return DriverManager.getConnection(url, USER, null);
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = plain(url());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private String queryOne(String sql) throws SQLException {
    try (Connection connection = plain(url());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
