package org.authnz.store.jdbc;

import java.sql.SQLException;

/**
 * Runs the store against the MariaDB server on loopback (user {@code root}, no password), in a
 * database of its own; skipped when no server answers.
 */
class JdbcStoreMariadbTest extends JdbcStoreServerTest {
  @Override
  TestDatabase database() throws SQLException {
    return TestDatabase.mariadb();
  }

  @Override
  Dialect dialect() {
    return Dialect.MARIADB;
  }
}
