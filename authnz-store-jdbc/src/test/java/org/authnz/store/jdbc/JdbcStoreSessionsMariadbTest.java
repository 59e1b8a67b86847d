package org.authnz.store.jdbc;

import java.nio.file.Path;

/** {@link JdbcStoreSessionsTest} on the MariaDB server on loopback, in a database of its own. */
class JdbcStoreSessionsMariadbTest extends JdbcStoreSessionsTest {
  @Override
  TestDatabase database(Path dir) throws Exception {
    return TestDatabase.mariadb();
  }
}
