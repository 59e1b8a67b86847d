package org.authnz.transport.http.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

  private final JsonNode doc =
      JsonValues.parse(
          "{\"response\": {\"user_id\": 7, \"none\": null,"
              + " \"problems\": [{\"param\": \"email\"}, {\"param\": \"password\"}],"
              + " \"apikey\": \"{\\\"tkn\\\": \\\"abc\\\", \\\"n\\\": [1, 2]}\"}}");

  @Test
  void find_emptyPath_isTheWholeDocument() {
    assertThat(JsonPaths.find(doc, "")).contains(doc);
  }

  @Test
  void find_nestedKeysAndListIndexes_followThem() {
    assertThat(JsonPaths.find(doc, "response.user_id")).contains(JsonValues.parse("7"));
    assertThat(JsonPaths.find(doc, "response.problems.1.param"))
        .contains(JsonValues.parse("\"password\""));
  }

  @Test
  void find_presentNull_isFoundNotMissing() {
    assertThat(JsonPaths.find(doc, "response.none")).contains(JsonValues.parse("null"));
  }

  @Test
  void find_missingKeyOrIndexOutOfRange_isEmpty() {
    assertThat(JsonPaths.find(doc, "response.nope")).isEmpty();
    assertThat(JsonPaths.find(doc, "response.problems.2")).isEmpty();
    assertThat(JsonPaths.find(doc, "response.problems.x")).isEmpty();
    assertThat(JsonPaths.find(doc, "response.user_id.deeper")).isEmpty();
  }

  @Test
  void find_atJson_parsesTheStringAndContinues() {
    assertThat(JsonPaths.find(doc, "response.apikey.@json.tkn"))
        .contains(JsonValues.parse("\"abc\""));
    assertThat(JsonPaths.find(doc, "response.apikey.@json.n.1")).contains(JsonValues.parse("2"));
    assertThat(JsonPaths.find(doc, "response.apikey.@json"))
        .hasValueSatisfying(value -> assertThat(value.isObject()).isTrue());
  }

  @Test
  void find_atJsonOnANonStringOrNonJson_isEmpty() {
    assertThat(JsonPaths.find(doc, "response.user_id.@json")).isEmpty();
    assertThat(JsonPaths.find(JsonValues.parse("{\"s\": \"not json\"}"), "s.@json")).isEmpty();
  }
}
