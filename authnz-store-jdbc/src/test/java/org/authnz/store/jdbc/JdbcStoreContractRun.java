package org.authnz.store.jdbc;

import java.util.function.Supplier;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.AuthnzStoreContract;

/**
 * Every storage contract on {@link JdbcStore} over one kind of database: each test gets a fresh
 * database from the supplier and drops it afterwards. A database's run is a subclass naming its
 * {@link TestDatabase}, for example {@code super(PostgresqlTestSchema::new)}.
 */
abstract class JdbcStoreContractRun extends AuthnzStoreContract {
  private final Supplier<TestDatabase> databases;
  private TestDatabase database;

  JdbcStoreContractRun(Supplier<TestDatabase> databases) {
    this.databases = databases;
  }

  @Override
  protected AuthnzStore openStore() throws Exception {
    database = databases.get();
    return database.open();
  }

  @Override
  protected void closeStore(AuthnzStore store) throws Exception {
    try {
      store.close();
    } finally {
      database.drop();
    }
  }
}
