package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.authnz.store.jdbc.TestRows.NOW;
import static org.authnz.store.jdbc.TestRows.connect;
import static org.authnz.store.jdbc.TestRows.execute;
import static org.authnz.store.jdbc.TestRows.newUser;
import static org.authnz.store.jdbc.TestRows.object;
import static org.authnz.store.jdbc.TestRows.queryOne;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.authnz.InvalidConfigurationException;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.spi.StoredUser;
import org.authnz.store.jdbc.internal.TokenDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreSqliteTest {
  @TempDir Path dir;

  @Test
  void sqlite_newFile_isCreatedWithMode0600() throws Exception {
    Path file = dir.resolve("auth.sqlite");

    try (JdbcStore store = TestRows.initializedStore(file)) {
      store.insertUser(newUser("wal@example.com"));

      assertThat(mode(file)).isEqualTo("rw-------");
      for (String suffix : new String[] {"-wal", "-shm"}) {
        // Both exist while the store holds WAL-mode connections.
        Path companion = dir.resolve("auth.sqlite" + suffix);
        assertThat(companion).exists();
        assertThat(mode(companion)).as(suffix).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void sqlite_existingFileWithWiderMode_isResetTo0600() throws Exception {
    Path file = dir.resolve("auth.sqlite");
    Files.createFile(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    try (JdbcStore store = JdbcStore.sqlite(file)) {
      assertThat(mode(file)).isEqualTo("rw-------");
      assertThat(store.isHealthy()).isTrue();
    }
  }

  @Test
  void sqlite_directoryPath_isRejected() {
    assertThatThrownBy(() -> JdbcStore.sqlite(dir))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void sqlite_openedFile_isInWalModeWithJournalSizeLimit() throws Exception {
    Path file = dir.resolve("auth.sqlite");

    try (JdbcStore store = JdbcStore.sqlite(file);
        Connection connection = store.writeDataSource().getConnection()) {
      assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
      assertThat(pragma(connection, "journal_size_limit")).isEqualTo("5242880");
    }
    // WAL is a property of the file: a plain connection sees it too.
    assertThat(queryOne(file, "PRAGMA journal_mode")).isEqualTo("wal");
  }

  @Test
  void sqlite_everyPooledConnection_enforcesForeignKeys() throws Exception {
    try (JdbcStore store = JdbcStore.builder().sqliteFile(dir.resolve("a.sqlite")).build()) {
      List<Connection> held = new ArrayList<>();
      try {
        // Hold every connection of both pools at once, so each one is a distinct connection.
        for (int i = 0; i < 4; i++) {
          held.add(store.readDataSource().getConnection());
        }
        held.add(store.writeDataSource().getConnection());

        for (Connection connection : held) {
          assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
        }
      } finally {
        for (Connection connection : held) {
          connection.close();
        }
      }
    }
  }

  @Test
  void storedDatetimes_readWithPlainJdbc_haveReferenceTextForm() throws Exception {
    Path file = dir.resolve("auth.sqlite");
    try (JdbcStore store = TestRows.initializedStore(file)) {
      long id = store.insertUser(newUser("time@example.com")).orElseThrow().userId();
      Instant wholeSecond = Instant.parse("2027-01-02T03:04:05Z");
      store.updateUser(id, wholeSecond, u -> u.withEmailVerifySentAt(NOW));
      store.insertSession(TestRows.session("t".repeat(43), id, wholeSecond));

      assertThat(queryOne(file, "SELECT created_on FROM users WHERE user_id = ?", id))
          .isEqualTo("2026-12-03 10:15:30.123456");
      assertThat(queryOne(file, "SELECT last_updated FROM users WHERE user_id = ?", id))
          .isEqualTo("2027-01-02 03:04:05.000000");
      assertThat(
              queryOne(file, "SELECT emailverify_sent_datetime FROM users WHERE user_id = ?", id))
          .isEqualTo("2026-12-03 10:15:30.123456");
      assertThat(queryOne(file, "SELECT typeof(created_on) FROM users WHERE user_id = ?", id))
          .isEqualTo("text");
      assertThat(queryOne(file, "SELECT expires FROM sessions"))
          .isEqualTo("2027-01-02 03:04:05.000000");
      assertThat(queryOne(file, "SELECT email_verified FROM users WHERE user_id = ?", id))
          .isEqualTo("1");
      assertThat(queryOne(file, "SELECT typeof(is_active) FROM users WHERE user_id = ?", id))
          .isEqualTo("integer");
    }
  }

  @Test
  void extraInfo_nestedObject_roundTripsInReferenceTextStyle() throws Exception {
    Path file = dir.resolve("auth.sqlite");
    ObjectNode extra =
        object(
            "{\"provenance\": \"auto-created\", \"nested\": {\"list\": [1, 2.5, true, null,"
                + " {\"deep\": \"caf\\u00e9 \\u2603\"}], \"empty\": {}}}");

    try (JdbcStore store = TestRows.initializedStore(file)) {
      long id =
          store.insertUser(newUser("json@example.com", "staff", extra)).orElseThrow().userId();

      assertThat(store.findUser(id).orElseThrow().extraInfo()).isEqualTo(extra);
      assertThat(queryOne(file, "SELECT extra_info FROM users WHERE user_id = ?", id))
          .isEqualTo(
              "{\"provenance\": \"auto-created\", \"nested\": {\"list\": [1, 2.5, true, null,"
                  + " {\"deep\": \"caf\\u00e9 \\u2603\"}], \"empty\": {}}}");
      assertThat(queryOne(file, "SELECT extra_info FROM users WHERE user_id = 1"))
          .isEqualTo("{\"type\": \"system-user\"}");
    }
  }

  @Test
  void extraInfo_nullAndEmptyObject_areStoredAsSqlNullAndBraces() throws Exception {
    Path file = dir.resolve("auth.sqlite");
    try (JdbcStore store = TestRows.initializedStore(file)) {
      long absent = store.insertUser(newUser("null@example.com")).orElseThrow().userId();
      long empty =
          store
              .insertUser(newUser("empty@example.com", "staff", object("{}")))
              .orElseThrow()
              .userId();

      assertThat(store.findUser(absent).orElseThrow().extraInfo()).isNull();
      assertThat(store.findUser(empty).orElseThrow().extraInfo()).isEqualTo(object("{}"));
      assertThat(queryOne(file, "SELECT extra_info IS NULL FROM users WHERE user_id = ?", absent))
          .isEqualTo("1");
      assertThat(queryOne(file, "SELECT extra_info FROM users WHERE user_id = ?", empty))
          .isEqualTo("{}");

      store.updateUser(empty, NOW, u -> u.withExtraInfo(null));
      assertThat(queryOne(file, "SELECT extra_info IS NULL FROM users WHERE user_id = ?", empty))
          .isEqualTo("1");
    }
  }

  @Test
  void sqlite_reopenedFile_keepsDataAndDoesNotRerunV1() throws Exception {
    Path file = dir.resolve("auth.sqlite");
    try (JdbcStore store = TestRows.initializedStore(file)) {
      store.insertUser(newUser("kept@example.com"));
      assertThat(store.schemaVersion())
          .isEqualTo("4"); // V2 lock expiry, V3 hashed tokens, V4 counters
    }

    try (JdbcStore reopened = JdbcStore.sqlite(file)) {
      assertThat(reopened.findUserByEmail("kept@example.com")).isPresent();
      assertThat(reopened.listUsers()).hasSize(4);
      assertThat(reopened.schemaVersion()).isEqualTo("4");
      assertThat(reopened.initializeIfEmpty(TestRows.ROLES, TestRows.systemUsers())).isFalse();
    }
    assertThat(queryOne(file, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo("4");
    assertThat(queryOne(file, "SELECT type FROM flyway_schema_history WHERE version = '1'"))
        .isEqualTo("SQL");
  }

  @Test
  void sqlite_referenceDatabaseWithoutHistory_isAdoptedAsVersion1WithItsRows() throws Exception {
    Path file = dir.resolve("reference.sqlite");
    createReferenceDatabase(file);
    execute(file, "INSERT INTO roles (name, \"desc\") VALUES ('superuser', 'Role with x')");
    execute(
        file,
        "INSERT INTO users (user_id, system_id, full_name, password, email, email_verified,"
            + " is_active, failed_login_tries, extra_info, created_on, last_updated, user_role)"
            + " VALUES (1, 'b6a6e6f2-0000-4000-8000-000000000001', 'Superuser account',"
            + " '$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA', 'admin@localhost', 1, 1, 0,"
            + " '{\"provenance\": \"auto-created\", \"type\": \"system-user\"}',"
            + " '2024-01-02 03:04:05.000000', '2024-01-02 03:04:05.250000', 'superuser')");
    execute(
        file,
        "INSERT INTO sessions VALUES ('"
            + "s".repeat(43)
            + "', '10.0.0.1', 'ua', 1,"
            + " '2024-01-02 03:04:05.000000', '2024-01-09 03:04:05.000000', NULL)");
    execute(
        file,
        "INSERT INTO apikeys VALUES ('"
            + "k".repeat(43)
            + "', '2024-01-02 03:04:05.000000', '2024-01-09 03:04:05.000000',"
            + " '2024-01-02 03:04:05.000000', 1, 'superuser', '"
            + "s".repeat(43)
            + "')");
    execute(
        file,
        "INSERT INTO apikeys_nosession VALUES ('"
            + "n".repeat(43)
            + "', '2024-01-02 03:04:05.000000', '2024-01-09 03:04:05.000000',"
            + " '2024-01-02 03:04:05.000000', '$argon2id$refresh', '2024-01-02 03:04:05.000000',"
            + " '2024-01-09 03:04:05.000000', '2024-01-02 03:04:05.000000', 1, 'superuser')");

    try (JdbcStore store = JdbcStore.sqlite(file)) {
      assertThat(store.schemaVersion())
          .isEqualTo("4"); // V2 lock expiry, V3 hashed tokens, V4 counters
      StoredUser admin = store.findUser(1).orElseThrow();
      assertThat(admin.email()).isEqualTo("admin@localhost");
      assertThat(admin.createdOn()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
      assertThat(admin.lastUpdated()).isEqualTo(Instant.parse("2024-01-02T03:04:05.25Z"));
      assertThat(admin.extraInfo())
          .isEqualTo(object("{\"provenance\": \"auto-created\", \"type\": \"system-user\"}"));
      assertThat(store.findSession(SessionToken.of("s".repeat(43)))).isPresent();
      assertThat(store.findApiKey(ApiKeyToken.of("k".repeat(43)))).isPresent();
      assertThat(store.findNoSessionKey(ApiKeyToken.of("n".repeat(43)))).isPresent();
      assertThat(admin.password().reveal())
          .isEqualTo("$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$aGFzaA");
      assertThat(store.initializeIfEmpty(TestRows.ROLES, TestRows.systemUsers())).isFalse();
      store.updateUser(1, NOW, u -> u.withFullName("changed"));
    }
    assertThat(queryOne(file, "SELECT version FROM flyway_schema_history")).isEqualTo("1");
    assertThat(queryOne(file, "SELECT type FROM flyway_schema_history")).isEqualTo("BASELINE");
    assertThat(mode(file)).isEqualTo("rw-------");

    try (JdbcStore reopened = JdbcStore.sqlite(file)) {
      assertThat(reopened.findUser(1).orElseThrow().fullName()).isEqualTo("changed");
    }
  }

  @Test
  void sqlite_databaseWithOtherTablesOnly_isRefused() throws Exception {
    Path file = dir.resolve("other.sqlite");
    execute(file, "CREATE TABLE something_else (id INTEGER)");

    assertThatThrownBy(() -> JdbcStore.sqlite(file))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void open_sqliteJdbcUrl_opensTheFile() throws Exception {
    Path file = dir.resolve("url.sqlite");

    try (JdbcStore store = JdbcStore.open("jdbc:sqlite:" + file, null, null)) {
      assertThat(store.dialect()).isEqualTo(Dialect.SQLITE);
      assertThat(store.isHealthy()).isTrue();
    }
    assertThat(Files.isRegularFile(file)).isTrue();
    assertThat(mode(file)).isEqualTo("rw-------");
  }

  @Test
  void open_inMemorySqliteOrUnknownUrl_isRejected() {
    assertThatThrownBy(() -> JdbcStore.open("jdbc:sqlite::memory:", null, null))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> JdbcStore.open("jdbc:h2:mem:x", null, null))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  private static void createReferenceDatabase(Path file) throws Exception {
    String ddl;
    try (InputStream in =
        JdbcStoreSqliteTest.class.getResourceAsStream("/reference-ddl-sqlite.sql")) {
      ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection connection = connect(file);
        Statement statement = connection.createStatement()) {
      for (String sql : ddl.split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    }
  }

  private static String pragma(Connection connection, String name) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void insertNoSessionKey_storesReferenceColumnFormats() throws Exception {
    Path file = dir.resolve("keys.sqlite");
    try (JdbcStore store = TestRows.initializedStore(file)) {
      String hash = "$argon2id$v=19$m=102400,t=2,p=8$c29tZXNhbHQ$aGFzaA";
      store.insertNoSessionKey(
          new StoredNoSessionKey(
              ApiKeyToken.of("tokentokentokentokentokentokentokentokentok"),
              TestRows.NOW,
              TestRows.NOW.plus(Duration.ofMinutes(15)),
              TestRows.NOW.plusSeconds(1),
              PasswordHash.of(hash),
              TestRows.NOW,
              TestRows.NOW.plus(Duration.ofDays(1)),
              TestRows.NOW.plusSeconds(2),
              1,
              "superuser"));

      assertThat(TestRows.queryOne(file, "SELECT refresh_token FROM apikeys_nosession"))
          .isEqualTo(hash);
      assertThat(TestRows.queryOne(file, "SELECT issued FROM apikeys_nosession"))
          .isEqualTo("2026-12-03 10:15:30.123456");
      // Schema version 3: only the token's SHA-256 digest is stored.
      assertThat(TestRows.queryOne(file, "SELECT apikey FROM apikeys_nosession"))
          .isEqualTo(TokenDigest.of("tokentokentokentokentokentokentokentokentok"));
    }
  }
}
