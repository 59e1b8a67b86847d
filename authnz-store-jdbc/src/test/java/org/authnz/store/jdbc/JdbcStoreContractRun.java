package org.authnz.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.AuthnzStoreContract;

/**
 * Every storage contract on {@link JdbcStore} over one kind of database: each test gets a fresh
 * {@link TestDatabase} and drops it afterwards. A database's run is a subclass naming how to make
 * one, for example {@code super(scratch -> TestDatabase.postgresql())}.
 */
abstract class JdbcStoreContractRun extends AuthnzStoreContract {

  /** Makes a fresh database; {@code scratch} is an empty directory deleted after the test. */
  interface Databases {
    TestDatabase create(Path scratch) throws Exception;
  }

  private final Databases databases;
  private Path scratch;
  private TestDatabase database;

  JdbcStoreContractRun(Databases databases) {
    this.databases = databases;
  }

  @Override
  protected AuthnzStore openStore() throws Exception {
    scratch = Files.createTempDirectory("authnz-contract");
    database = databases.create(scratch);
    return database.open();
  }

  @Override
  protected void closeStore(AuthnzStore store) throws Exception {
    try {
      store.close();
      database.close();
    } finally {
      try (Stream<Path> files = Files.walk(scratch)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
