package org.authnz.store.jdbc;

/** Every storage contract on JdbcStore over a real SQLite file. */
class JdbcStoreSqliteContractTest extends JdbcStoreContractRun {
  JdbcStoreSqliteContractTest() {
    super(SqliteTestFile::new);
  }
}
