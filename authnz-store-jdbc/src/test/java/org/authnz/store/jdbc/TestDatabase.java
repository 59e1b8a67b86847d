package org.authnz.store.jdbc;

/**
 * A database made for one test: {@link #open()} creates it (a schema or a database of its own on a
 * server, a file in a temporary directory) and opens a {@link JdbcStore} on it; {@link #drop()}
 * removes it after the store is closed. When the server is absent, {@link #open()} skips the test,
 * or fails it when {@code AUTHNZ_REQUIRE_SERVICES=true} (how CI runs).
 */
interface TestDatabase {

  /** Creates the empty database and opens a store on it. */
  JdbcStore open() throws Exception;

  /** Removes the database; the store is closed already. */
  void drop() throws Exception;
}
