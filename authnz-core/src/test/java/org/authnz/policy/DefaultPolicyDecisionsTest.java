package org.authnz.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default policy against the specification: every row of {@code
 * spec/default-policy-decisions.csv} ({@code permissions.md} section 5), and the bundled JSON
 * against the document of section 2.3. Both files are read from the shared folder, never copied.
 */
class DefaultPolicyDecisionsTest {
  private static final String CSV = "default-policy-decisions.csv";
  private static final String MISSING = "decision table missing";
  private static final PermissionPolicy POLICY = PermissionPolicy.bundledDefault();

  @ParameterizedTest(name = "{0} {1} {2} {3} {4} -> {5}")
  @MethodSource("rows")
  void allows_defaultPolicyRow_matchesTable(
      String role, String item, String action, String relation, String visibility, String expect) {
    assumeFalse(MISSING.equals(role), "shared spec file " + CSV + " not found; skipped");

    long owner =
        switch (relation) {
          case "owned" -> 4;
          case "other", "shared-with" -> 5;
          default -> throw new IllegalArgumentException("relation " + relation);
        };
    String sharedWith = relation.equals("shared-with") ? "4,6" : "";

    boolean allowed = POLICY.allows(4, role, action, item, owner, visibility, sharedWith);

    assertThat(allowed ? "allow" : "deny").isEqualTo(expect);
  }

  @Test
  void decisionTable_hasEveryCombination() throws IOException {
    List<String> lines = Files.readAllLines(SpecFiles.require(CSV), StandardCharsets.UTF_8);

    assertThat(lines.get(0)).isEqualTo("role,item,action,relation,visibility,expected");
    assertThat(lines.subList(1, lines.size())).hasSize(5 * 7 * 7 * 3 * 4).doesNotHaveDuplicates();
  }

  @Test
  void bundledDefault_equalsSpecSection23() throws IOException {
    String spec = Files.readString(SpecFiles.require("permissions.md"), StandardCharsets.UTF_8);
    Matcher block =
        Pattern.compile("### 2\\.3 .*?```json\\n(.*?)```", Pattern.DOTALL).matcher(spec);
    assertThat(block.find()).as("section 2.3 JSON block").isTrue();
    ObjectMapper mapper = new ObjectMapper();
    JsonNode expected = mapper.readTree(block.group(1));

    JsonNode bundled;
    try (var in = getClass().getResourceAsStream("/org/authnz/default-permissions-model.json")) {
      bundled = mapper.readTree(in);
    }

    assertThat(bundled).isEqualTo(expected);
  }

  static Stream<Arguments> rows() throws IOException {
    Optional<Path> csv = SpecFiles.find(CSV);
    if (csv.isEmpty()) {
      return Stream.of(Arguments.of(MISSING, "", "", "", "", ""));
    }
    return Files.readAllLines(csv.get(), StandardCharsets.UTF_8).stream()
        .skip(1)
        .filter(line -> !line.isBlank())
        .map(line -> (Object[]) line.split(",", -1))
        .map(Arguments::of);
  }
}
