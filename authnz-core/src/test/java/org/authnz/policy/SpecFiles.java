package org.authnz.policy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the project's shared specification at test time: {@code ../shared/spec} beside the
 * repository root, else {@code /work/shared/spec} (or the {@code authnz.shared.dir} property).
 * Nothing from it is copied into the repository.
 */
final class SpecFiles {

  private SpecFiles() {}

  /** The spec file {@code name}, or skips the calling test with the reason when it is absent. */
  static Path require(String name) {
    Optional<Path> found = find(name);
    assumeTrue(found.isPresent(), "shared spec file " + name + " not found; skipped");
    return found.get();
  }

  /** The spec file {@code name}, when present. */
  static Optional<Path> find(String name) {
    return candidates().stream()
        .map(shared -> shared.resolve("spec").resolve(name))
        .filter(Files::isRegularFile)
        .findFirst();
  }

  private static List<Path> candidates() {
    List<Path> candidates = new ArrayList<>();
    String override = System.getProperty("authnz.shared.dir");
    if (override != null) {
      candidates.add(Path.of(override));
      return candidates;
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir != null && dir.getParent() != null) {
      candidates.add(dir.resolveSibling("shared"));
    }
    candidates.add(Path.of("/work/shared"));
    return candidates;
  }
}
