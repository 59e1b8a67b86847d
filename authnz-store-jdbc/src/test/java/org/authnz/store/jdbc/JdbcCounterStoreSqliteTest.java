package org.authnz.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link JdbcCounterStoreContract} on an SQLite file. */
class JdbcCounterStoreSqliteTest extends JdbcCounterStoreContract {
  @TempDir Path dir;

  @Override
  JdbcStore openStore() {
    return JdbcStore.sqlite(dir.resolve("counters.sqlite"));
  }
}
