package org.authnz.store.jdbc;

import java.nio.file.Path;

/** {@link JdbcStoreSessionsTest} on the PostgreSQL server on loopback, in a database of its own. */
class JdbcStoreSessionsPostgresqlTest extends JdbcStoreSessionsTest {
  @Override
  TestDatabase database(Path dir) throws Exception {
    return TestDatabase.postgresql();
  }
}
