package org.authnz.transport.http.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScenarioVariablesTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T10:00:00.123456Z"), ZoneOffset.UTC);

  private final ScenarioVariables vars =
      ScenarioVariables.forRun(CLOCK, new Random(42), "admin@test.org", "Admin-Pass");

  private JsonNode sub(String json) {
    return vars.substitute(JsonValues.parse(json));
  }

  @Test
  void substitute_wholeStringReference_keepsTheJsonType() {
    vars.put("user_id", JsonValues.parse("5"));
    vars.put("info", JsonValues.parse("{\"a\": [1, true]}"));

    assertThat(sub("\"${user_id}\"")).isEqualTo(JsonValues.parse("5"));
    assertThat(sub("\"${info}\"")).isEqualTo(JsonValues.parse("{\"a\": [1, true]}"));
    assertThat(sub("\"${admin_user_id}\"").isIntegralNumber()).isTrue();
  }

  @Test
  void substitute_referenceInsideText_interpolatesTextAndPythonJson() {
    vars.put("user_id", JsonValues.parse("5"));
    vars.put("info", JsonValues.parse("{\"a\": [1, true]}"));

    assertThat(sub("\"id=${user_id};${info}\"").textValue()).isEqualTo("id=5;{\"a\": [1, true]}");
    assertThat(sub("\"${str:user_id}\"")).isEqualTo(JsonValues.parse("\"5\""));
  }

  @Test
  void substitute_nestedValuesAndKeys_areAllReplaced() {
    vars.put("k", JsonValues.parse("\"key\""));

    assertThat(sub("{\"${k}\": [\"${k}\", {\"x\": \"a-${k}\"}], \"n\": 1}"))
        .isEqualTo(JsonValues.parse("{\"key\": [\"key\", {\"x\": \"a-key\"}], \"n\": 1}"));
  }

  @Test
  void forRun_builtins_haveTheFormatOfTheSpec() {
    assertThat(sub("\"${run_id}\"").textValue()).matches("[0-9a-f]{8}");
    assertThat(sub("\"${client_ip}\"").textValue()).matches("10\\.\\d+\\.\\d+\\.\\d+");
    assertThat(sub("\"${run_id}\"")).isEqualTo(sub("\"${run_id}\""));
    assertThat(sub("\"${rand:5}\"").textValue()).matches("[0-9a-f]{5}");
    assertThat(sub("\"${rand:6}\"")).isNotEqualTo(sub("\"${rand:6}\""));
    assertThat(sub("\"${uuid}\"").textValue())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(sub("\"${admin_email}\"").textValue()).isEqualTo("admin@test.org");
    assertThat(sub("[\"${anon_user_id}\", \"${locked_user_id}\"]"))
        .isEqualTo(JsonValues.parse("[2, 3]"));
  }

  @Test
  void substitute_timeBuiltins_useTheClockAndMicroseconds() {
    assertThat(sub("\"${utc:+3600}\"").textValue()).isEqualTo("2026-12-03T11:00:00.123456");
    assertThat(sub("\"${utc:-60}\"").textValue()).isEqualTo("2026-12-03T09:59:00.123456");
    assertThat(sub("\"${unix:+0}\"")).isEqualTo(JsonValues.parse("1796292000"));
    assertThat(sub("\"${unix:+10}\"").isIntegralNumber()).isTrue();
  }

  @Test
  void substitute_undefinedVariable_throwsNamingIt() {
    assertThatThrownBy(() -> sub("\"x-${nope}\""))
        .isInstanceOf(ScenarioVariables.UndefinedVariableException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void substitute_merge_isAShallowMergeLaterKeysWinning() {
    vars.put("key1", JsonValues.parse("{\"tkn\": \"t\", \"exp\": 1, \"deep\": {\"a\": 1}}"));

    assertThat(sub("{\"apikey_dict\": {\"$merge\": [\"${key1}\", {\"tkn\": \"tampered\"}]}}"))
        .isEqualTo(
            JsonValues.parse(
                "{\"apikey_dict\": {\"tkn\": \"tampered\", \"exp\": 1, \"deep\": {\"a\": 1}}}"));
  }

  @Test
  void substitute_mergeNextToOtherKeys_isLeftAlone() {
    assertThat(sub("{\"$merge\": [{\"a\": 1}], \"b\": 2}"))
        .isEqualTo(JsonValues.parse("{\"$merge\": [{\"a\": 1}], \"b\": 2}"));
  }

  @Test
  void defineAll_laterVarsSeeEarlierOnes() {
    vars.defineAll(JsonValues.parse("{\"email\": \"a-${run_id}@t.org\", \"copy\": \"${email}\"}"));

    assertThat(sub("\"${copy}\"").textValue()).isEqualTo(sub("\"a-${run_id}@t.org\"").textValue());
  }
}
