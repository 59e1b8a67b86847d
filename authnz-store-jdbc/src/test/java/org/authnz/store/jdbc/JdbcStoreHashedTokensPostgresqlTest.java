package org.authnz.store.jdbc;

import java.nio.file.Path;

/**
 * {@link JdbcStoreHashedTokensTest} on the PostgreSQL server on loopback, in a database of its own.
 */
class JdbcStoreHashedTokensPostgresqlTest extends JdbcStoreHashedTokensTest {
  @Override
  TestDatabase database(Path dir) throws Exception {
    return TestDatabase.postgresql();
  }
}
