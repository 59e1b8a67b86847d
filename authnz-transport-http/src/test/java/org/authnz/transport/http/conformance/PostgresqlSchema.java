package org.authnz.transport.http.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.authnz.store.jdbc.JdbcStore;

/**
 * A schema of its own in the PostgreSQL server on loopback (database {@code test}, user {@code
 * postgres}), dropped with everything in it on {@link #close()}. Creating it skips the test when no
 * server answers, or fails it when {@code AUTHNZ_REQUIRE_SERVICES=true} (how CI runs).
 */
final class PostgresqlSchema implements AutoCloseable {
  private static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";

  private final String name = "authnz_test_" + UUID.randomUUID().toString().replace("-", "");

  private PostgresqlSchema() {}

  /** Creates a new, empty schema. */
  static PostgresqlSchema create() throws SQLException {
    PostgresqlSchema schema = new PostgresqlSchema();
    try {
      execute("CREATE SCHEMA " + schema.name);
    } catch (SQLException e) {
      // CI starts the server and sets AUTHNZ_REQUIRE_SERVICES, so there a missing server fails
      if ("true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
        throw e;
      }
      assumeTrue(false, "no PostgreSQL server on 127.0.0.1:5432");
    }
    return schema;
  }

  /** Opens a store (with a pool of its own) on the schema; the caller closes it. */
  JdbcStore open() {
    return JdbcStore.open(BASE_URL + "?currentSchema=" + name, USER, null);
  }

  @Override
  public void close() throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(BASE_URL, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
