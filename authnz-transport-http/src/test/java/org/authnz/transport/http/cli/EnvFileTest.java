package org.authnz.transport.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.authnz.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileTest {

  @Test
  void parse_equalsAndColon_splitAtTheFirstDelimiterAndTrim() {
    Map<String, String> values =
        EnvFile.parse(
            List.of(
                "AUTHNZERVER_PORT = 8080 ",
                "AUTHNZERVER_LISTEN: 0.0.0.0",
                "AUTHNZERVER_AUTHDB=postgresql://u:p@db:5432/authnzerver",
                "AUTHNZERVER_SECRET:a=b"));

    assertThat(values)
        .containsEntry("AUTHNZERVER_PORT", "8080")
        .containsEntry("AUTHNZERVER_LISTEN", "0.0.0.0")
        .containsEntry("AUTHNZERVER_AUTHDB", "postgresql://u:p@db:5432/authnzerver")
        .containsEntry("AUTHNZERVER_SECRET", "a=b");
  }

  @Test
  void parse_lowerCaseKey_isReturnedUpperCase() {
    assertThat(EnvFile.parse(List.of("authnzerver_port=1"))).containsEntry("AUTHNZERVER_PORT", "1");
  }

  @Test
  void parse_commentsAndBlankLines_areIgnoredButInlineCommentsAreKept() {
    Map<String, String> values =
        EnvFile.parse(List.of("# comment", "; another", "", "   ", "A=1 # not a comment"));

    assertThat(values).containsExactly(Map.entry("A", "1 # not a comment"));
  }

  @Test
  void parse_quotes_areKept() {
    assertThat(EnvFile.parse(List.of("AUTHNZERVER_EMAILPASS=''")))
        .containsEntry("AUTHNZERVER_EMAILPASS", "''");
  }

  @Test
  void parse_emptyValue_isEmptyString() {
    assertThat(EnvFile.parse(List.of("AUTHNZERVER_TLSCERTFILE=")))
        .containsEntry("AUTHNZERVER_TLSCERTFILE", "");
  }

  @Test
  void parse_doublePercent_isALiteralPercent() {
    assertThat(EnvFile.parse(List.of("P=50%% off"))).containsEntry("P", "50% off");
  }

  @Test
  void parse_percentReference_isReplacedByTheOtherKeysValue() {
    assertThat(EnvFile.parse(List.of("DIR=/srv/auth", "DB=sqlite:///%(dir)s/.authdb.sqlite")))
        .containsEntry("DB", "sqlite:////srv/auth/.authdb.sqlite");
  }

  @Test
  void parse_lonePercent_failsNamingTheLine() {
    assertThatThrownBy(() -> EnvFile.parse(List.of("A=1", "B=50% off")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("line 2")
        .hasMessageNotContaining("off");
  }

  @Test
  void parse_repeatedKeyInAnyCase_fails() {
    assertThatThrownBy(() -> EnvFile.parse(List.of("A=1", "a=2")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void parse_lineWithoutDelimiter_failsWithoutEchoingIt() {
    assertThatThrownBy(() -> EnvFile.parse(List.of("s3cr3t-value")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void parse_deeperIndentedLine_continuesTheValue() {
    assertThat(EnvFile.parse(List.of("A=first", "   second", "B=2")))
        .containsEntry("A", "first\nsecond")
        .containsEntry("B", "2");
  }

  @Test
  void parse_selfReference_fails() {
    assertThatThrownBy(() -> EnvFile.parse(List.of("A=%(a)s")))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void format_thenRead_givesTheSameValues(@TempDir Path dir) throws Exception {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("AUTHNZERVER_AUTHDB", "postgresql://u:p%40ss@db/authnzerver");
    entries.put("AUTHNZERVER_EMAILPASS", "");
    Path file = dir.resolve(".env");
    Files.writeString(file, EnvFile.format(entries));

    assertThat(EnvFile.read(file)).isEqualTo(entries);
  }
}
