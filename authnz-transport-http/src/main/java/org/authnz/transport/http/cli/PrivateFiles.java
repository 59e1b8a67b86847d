package org.authnz.transport.http.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files readable by their owner only (mode 0600 where the file system has modes). */
final class PrivateFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates {@code file} with {@code text}; the mode is 0600 from the first byte on.
   *
   * @return false, leaving the file untouched, when it exists already
   */
  static boolean createNew(Path file, String text) throws IOException {
    try {
      Files.createFile(file, ownerOnly(file));
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    return true;
  }

  /** Writes {@code text} to {@code file}, replacing it, and sets mode 0600. */
  static void replace(Path file, String text) throws IOException {
    Path temporary = Files.createTempFile(file.getParent(), ".authnzrv-", ".tmp", ownerOnly(file));
    try {
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    restrict(file);
  }

  /** Sets mode 0600 on {@code file} when the file system supports modes. */
  static void restrict(Path file) throws IOException {
    if (supportsModes(file)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static FileAttribute<?>[] ownerOnly(Path file) {
    return supportsModes(file)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  private static boolean supportsModes(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
