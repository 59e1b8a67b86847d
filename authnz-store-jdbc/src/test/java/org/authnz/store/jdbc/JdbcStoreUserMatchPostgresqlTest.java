package org.authnz.store.jdbc;

import java.nio.file.Path;

/**
 * {@link JdbcStoreUserMatchTest} on the PostgreSQL server on loopback, in a database of its own.
 */
class JdbcStoreUserMatchPostgresqlTest extends JdbcStoreUserMatchTest {
  @Override
  TestDatabase database(Path dir) throws Exception {
    return TestDatabase.postgresql();
  }
}
