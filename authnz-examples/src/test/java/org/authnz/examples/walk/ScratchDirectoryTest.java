package org.authnz.examples.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchDirectoryTest {

  @Test
  void close_deletesTheDirectoryWithEverythingInIt() throws Exception {
    Path path;
    try (ScratchDirectory scratch = ScratchDirectory.create("authnz-scratch-test-")) {
      path = scratch.path();
      Files.createDirectories(path.resolve("nested"));
      Files.writeString(path.resolve("nested/users.sqlite"), "data");
      Files.writeString(path.resolve("users.sqlite-wal"), "data");
      assertThat(path).isDirectory();
    }

    assertThat(path).doesNotExist();
  }
}
