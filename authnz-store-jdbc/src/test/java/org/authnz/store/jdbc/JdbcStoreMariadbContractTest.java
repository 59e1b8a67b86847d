package org.authnz.store.jdbc;

/**
 * Every storage contract on JdbcStore over the MariaDB server on loopback, one database per test;
 * skipped when no server answers, failing instead when {@code AUTHNZ_REQUIRE_SERVICES=true}.
 */
class JdbcStoreMariadbContractTest extends JdbcStoreContractRun {
  JdbcStoreMariadbContractTest() {
    super(scratch -> TestDatabase.mariadb());
  }
}
