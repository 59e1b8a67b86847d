package org.authnz.transport.http.protocol;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the project's shared folder (specification, vectors) at test time: {@code ../shared} beside
 * the repository checkout, or {@code /work/shared}. Nothing from it is copied into the repository.
 */
public final class SharedFiles {

  private SharedFiles() {}

  /**
   * Returns {@code relative} inside the shared folder, or skips the calling test (JUnit assumption)
   * when the folder is absent.
   */
  public static Path require(String relative) {
    Optional<Path> found = find(relative);
    assumeTrue(found.isPresent(), "shared folder with " + relative + " not found; skipped");
    return found.get();
  }

  /** Returns {@code relative} inside the shared folder, when present. */
  public static Optional<Path> find(String relative) {
    for (Path shared : candidates()) {
      Path path = shared.resolve(relative);
      if (Files.exists(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private static List<Path> candidates() {
    String override = System.getProperty("authnz.shared.dir");
    if (override != null) {
      return List.of(Path.of(override));
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    Path besideRepository = dir == null ? null : dir.resolveSibling("shared");
    return besideRepository == null
        ? List.of(Path.of("/work/shared"))
        : List.of(besideRepository, Path.of("/work/shared"));
  }
}
