package org.authnz.store.jdbc;

/** Every storage contract on JdbcStore over a real SQLite file. */
class JdbcStoreSqliteContractTest extends JdbcStoreContractRun {
  JdbcStoreSqliteContractTest() {
    super(scratch -> TestDatabase.sqlite(scratch.resolve("auth.sqlite")));
  }
}
