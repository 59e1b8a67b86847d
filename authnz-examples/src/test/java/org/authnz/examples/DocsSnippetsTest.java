package org.authnz.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java code shown in the guides is copied from the compiled examples: every {@code java} block
 * of these pages must appear, line for line (indentation aside), in an example source file.
 */
class DocsSnippetsTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path SOURCES = Path.of("src", "main", "java");

  @ParameterizedTest
  @ValueSource(strings = {"in-process.md", "sidecar.md"})
  void javaBlocks_areCopiedFromTheExamples(String page) throws IOException {
    String examples = normalised(exampleSources());
    List<String> blocks = javaBlocks(Files.readString(DOCS.resolve(page)));
    assertThat(blocks).isNotEmpty();
    for (String block : blocks) {
      assertThat(examples)
          .as("a block of %s not found in the examples", page)
          .contains(normalised(block));
    }
  }

  private static String exampleSources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      List<Path> java = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
      StringBuilder all = new StringBuilder();
      for (Path file : java) {
        all.append(Files.readString(file)).append('\n');
      }
      return all.toString();
    }
  }

  private static List<String> javaBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : markdown.split("\n", -1)) {
      if (current == null && line.strip().equals("```java")) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }

  /** Lines without leading and trailing blanks, blank lines dropped, joined by newlines. */
  private static String normalised(String text) {
    return text.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n", "\n", "\n"));
  }
}
