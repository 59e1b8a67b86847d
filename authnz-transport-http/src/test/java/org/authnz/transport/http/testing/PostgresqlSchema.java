package org.authnz.transport.http.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.testing.MachineServices;

/**
 * A schema of its own in the PostgreSQL server on loopback (database {@code test}, user {@code
 * postgres}), dropped with everything in it on {@link #close()}. Creating it skips the test when no
 * server answers, or fails it when {@code AUTHNZ_REQUIRE_SERVICES=true} (how CI runs).
 */
public final class PostgresqlSchema implements AutoCloseable {
  /** The server's port on 127.0.0.1. */
  public static final int PORT = 5432;

  /** The user the tests connect as (trust authentication, no password). */
  public static final String USER = "postgres";

  private static final String BASE_URL = "jdbc:postgresql://127.0.0.1:" + PORT + "/test";

  private final String name = "authnz_test_" + UUID.randomUUID().toString().replace("-", "");

  private PostgresqlSchema() {}

  /** Creates a new, empty schema. */
  public static PostgresqlSchema create() throws SQLException {
    PostgresqlSchema schema = new PostgresqlSchema();
    try {
      execute("CREATE SCHEMA " + schema.name);
    } catch (SQLException e) {
      if (MachineServices.required()) {
        throw e;
      }
      assumeTrue(false, "no PostgreSQL server on 127.0.0.1:" + PORT);
    }
    return schema;
  }

  /** Opens a store (with a pool of its own) on the schema; the caller closes it. */
  public JdbcStore open() {
    return JdbcStore.open(BASE_URL + "?currentSchema=" + name, USER, null);
  }

  /** The JDBC URL of the schema when the server is reached on {@code port} of 127.0.0.1. */
  public String jdbcUrl(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/test?currentSchema=" + name;
  }

  /** A new connection to the schema; the caller closes it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(PORT), USER, null);
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
