package org.authnz.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link JdbcCounterStoreContract} on the PostgreSQL server on loopback, in a schema of its own;
 * skipped when no server answers (failing instead under {@code AUTHNZ_REQUIRE_SERVICES=true}).
 */
class JdbcCounterStorePostgresqlTest extends JdbcCounterStoreContract {
  private static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";

  private String schema;

  @BeforeEach
  void createSchema() throws SQLException {
    schema = "authnz_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = DriverManager.getConnection(BASE_URL, USER, null)) {
      connection.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
        throw e;
      }
      schema = null;
      assumeTrue(false, "no PostgreSQL server on 127.0.0.1:5432");
    }
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (schema == null) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(BASE_URL, USER, null)) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Override
  JdbcStore openStore() {
    return JdbcStore.open(BASE_URL + "?currentSchema=" + schema, USER, null);
  }
}
