package org.authnz.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own in the MariaDB server on loopback (user {@code root}, no password), dropped
 * with everything in it. Ready for the MariaDB contract run: {@code class
 * JdbcStoreMariadbContractTest extends JdbcStoreContractRun} with {@code
 * super(MariadbTestDatabase::new)}, once JdbcStore and the driver support MariaDB.
 */
final class MariadbTestDatabase implements TestDatabase {
  static final String BASE_URL = "jdbc:mariadb://127.0.0.1:3306/";
  static final String USER = "root";

  final String database = "authnz_test_" + UUID.randomUUID().toString().replace("-", "");

  @Override
  public JdbcStore open() throws SQLException {
    try {
      execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
    } catch (SQLException e) {
      // CI starts the server and sets AUTHNZ_REQUIRE_SERVICES, so there a missing server fails
      if ("true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
        throw e;
      }
      assumeTrue(false, "no MariaDB server on 127.0.0.1:3306");
    }
    try {
      return JdbcStore.open(BASE_URL + database, USER, null);
    } catch (RuntimeException e) {
      drop();
      throw e;
    }
  }

  @Override
  public void drop() throws SQLException {
    execute("DROP DATABASE IF EXISTS " + database);
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(BASE_URL, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
