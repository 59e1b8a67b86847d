package org.authnz.store.jdbc;

import java.nio.file.Path;

/** {@link JdbcStoreUsersTest} on the MariaDB server on loopback, in a database of its own. */
class JdbcStoreUsersMariadbTest extends JdbcStoreUsersTest {
  @Override
  TestDatabase database(Path dir) throws Exception {
    return TestDatabase.mariadb();
  }
}
