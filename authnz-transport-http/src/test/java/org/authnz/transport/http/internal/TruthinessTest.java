package org.authnz.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TruthinessTest {

  @ParameterizedTest
  @ValueSource(strings = {"null", "false", "0", "-0", "0.0", "0e5", "\"\"", "[]", "{}"})
  void isTruthy_pythonFalsyValues_areFalse(String json) throws Exception {
    assertThat(Truthiness.isTruthy(WireCodec.json().readTree(json))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"true", "1", "-1", "0.5", "NaN", "\"0\"", "\" \"", "[0]", "{\"a\": null}"})
  void isTruthy_otherValues_areTrue(String json) throws Exception {
    assertThat(Truthiness.isTruthy(WireCodec.json().readTree(json))).isTrue();
  }
}
