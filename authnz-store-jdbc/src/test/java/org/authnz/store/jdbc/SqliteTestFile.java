package org.authnz.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** An SQLite file in a temporary directory of its own, deleted with the directory. */
final class SqliteTestFile implements TestDatabase {
  private Path dir;

  @Override
  public JdbcStore open() throws Exception {
    dir = Files.createTempDirectory("authnz-contract");
    return JdbcStore.sqlite(dir.resolve("auth.sqlite"));
  }

  @Override
  public void drop() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
