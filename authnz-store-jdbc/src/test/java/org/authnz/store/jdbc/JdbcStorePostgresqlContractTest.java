package org.authnz.store.jdbc;

/**
 * Every storage contract on JdbcStore over the PostgreSQL server on loopback, one schema per test;
 * skipped when no server answers, failing instead when {@code AUTHNZ_REQUIRE_SERVICES=true}.
 */
class JdbcStorePostgresqlContractTest extends JdbcStoreContractRun {
  JdbcStorePostgresqlContractTest() {
    super(scratch -> TestDatabase.postgresql());
  }
}
