package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.store.jdbc.TestRows.newUser;
import static org.authnz.store.jdbc.TestRows.object;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.Test;

/**
 * Runs the store against the PostgreSQL server on loopback (database {@code test}, user {@code
 * postgres}, trust authentication), in a schema of its own; skipped when no server answers.
 */
class JdbcStorePostgresqlTest extends JdbcStoreServerTest {
  private static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";

  @Override
  TestDatabase database() throws SQLException {
    return TestDatabase.postgresql();
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Test
  void open_referenceSchemaWithoutHistory_isAdoptedAsVersion1WithItsRows() throws Exception {
    String adopted = "authnz_test_ref_" + java.util.UUID.randomUUID().toString().replace("-", "");
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
      assertThat(reference.schemaVersion())
          .isEqualTo("4"); // V3: hashed tokens (issue 6), V4: counters (issue 5)
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

  private static Connection plain(String url) throws SQLException {
    return DriverManager.getConnection(url, USER, null);
  }
}
