package org.authnz.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.authnz.spi.ApiKeyStoreContract;
import org.authnz.spi.AuthnzStore;

/**
 * The API key store contract on the PostgreSQL server on loopback (database {@code test}, user
 * {@code postgres}), in a schema of its own; skipped when no server answers.
 */
class JdbcStoreApiKeysPostgresqlTest extends ApiKeyStoreContract {
  private static final String BASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String USER = "postgres";

  private String schema;

  @Override
  protected AuthnzStore openStore() throws SQLException {
    schema = "authnz_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = DriverManager.getConnection(BASE_URL, USER, null)) {
      connection.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      // CI starts the server and sets AUTHNZ_REQUIRE_SERVICES, so there a missing server fails
      if ("true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
        throw e;
      }
      assumeTrue(false, "no PostgreSQL server on 127.0.0.1:5432");
    }
    return JdbcStore.open(BASE_URL + "?currentSchema=" + schema, USER, null);
  }

  @Override
  protected void closeStore() throws SQLException {
    store.close();
    try (Connection connection = DriverManager.getConnection(BASE_URL, USER, null)) {
      connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
