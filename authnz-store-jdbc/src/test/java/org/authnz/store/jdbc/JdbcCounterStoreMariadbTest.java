package org.authnz.store.jdbc;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link JdbcCounterStoreContract} on the MariaDB server on loopback, in a database of its own;
 * skipped when no server answers (failing instead under {@code AUTHNZ_REQUIRE_SERVICES=true}).
 */
class JdbcCounterStoreMariadbTest extends JdbcCounterStoreContract {

  private TestDatabase database;

  @BeforeEach
  void createDatabase() throws SQLException {
    database = TestDatabase.mariadb();
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    if (database != null) {
      database.close();
    }
  }

  @Override
  JdbcStore openStore() {
    return database.open();
  }
}
