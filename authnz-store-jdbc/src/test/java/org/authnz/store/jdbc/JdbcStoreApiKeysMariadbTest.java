package org.authnz.store.jdbc;

import org.authnz.spi.ApiKeyStoreContract;
import org.authnz.spi.AuthnzStore;

/**
 * The API key store contract on the MariaDB server on loopback, in a database of its own; skipped
 * when no server answers.
 */
class JdbcStoreApiKeysMariadbTest extends ApiKeyStoreContract {
  private TestDatabase database;

  @Override
  protected AuthnzStore openStore() throws Exception {
    database = TestDatabase.mariadb();
    return database.open();
  }

  @Override
  protected void closeStore() throws Exception {
    store.close();
    database.close();
  }
}
