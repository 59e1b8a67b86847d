package org.authnz.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own in the PostgreSQL server on loopback (database {@code test}, user {@code
 * postgres}, trust authentication), dropped with everything in it.
 */
final class PostgresqlTestSchema implements TestDatabase {
  static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String USER = "postgres";

  final String schema = "authnz_test_" + UUID.randomUUID().toString().replace("-", "");

  @Override
  public JdbcStore open() throws SQLException {
    try {
      execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      // CI starts the server and sets AUTHNZ_REQUIRE_SERVICES, so there a missing server fails
      if ("true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
        throw e;
      }
      assumeTrue(false, "no PostgreSQL server on 127.0.0.1:5432");
    }
    try {
      return JdbcStore.open(url(), USER, null);
    } catch (RuntimeException e) {
      drop();
      throw e;
    }
  }

  @Override
  public void drop() throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  String url() {
    return BASE_URL + "?currentSchema=" + schema;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(BASE_URL, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
