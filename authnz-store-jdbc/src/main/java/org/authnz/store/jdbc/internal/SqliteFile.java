package org.authnz.store.jdbc.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.authnz.InvalidConfigurationException;

/**
 * The SQLite database file and its {@code -wal}/{@code -shm} companions, kept at mode {@code 0600}
 * as the reference requires (spec/server-config.md section 7). Thread-safe.
 */
public final class SqliteFile {
  private static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");

  private SqliteFile() {}

  /**
   * Creates the file with mode {@code 0600} when absent, so the driver never creates it with a
   * wider mode, and resets the mode of an existing file to {@code 0600}.
   *
   * @throws InvalidConfigurationException when the path is not a regular file or cannot be made
   */
  public static void prepare(Path file) {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      // An existing database: its mode is reset below.
    } catch (IOException e) {
      throw new InvalidConfigurationException("cannot create the SQLite database file", e);
    }
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigurationException("the SQLite database path is not a regular file");
    }
    restrict(file);
  }

  /** Sets mode {@code 0600} on the database's {@code -wal} and {@code -shm} files if present. */
  public static void restrictCompanions(Path file) {
    for (String suffix : new String[] {"-wal", "-shm"}) {
      Path companion = file.resolveSibling(file.getFileName() + suffix);
      if (Files.isRegularFile(companion)) {
        restrict(companion);
      }
    }
  }

  private static void restrict(Path file) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    try {
      Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
    } catch (IOException e) {
      throw new InvalidConfigurationException("cannot set mode 0600 on the SQLite database", e);
    }
  }
}
