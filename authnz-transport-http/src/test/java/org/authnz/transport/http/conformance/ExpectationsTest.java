package org.authnz.transport.http.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectationsTest {

  private static final String ENVELOPE =
      "{\"success\": false, \"response\": {\"success\": false, \"user_id\": 1, \"active\": true,"
          + " \"messages\": [\"m\"], \"failure_reason\": \"user exists\", \"ratio\": 0.5,"
          + " \"name\": \"abc\", \"items\": [1, 2, 3], \"none\": null},"
          + " \"messages\": [\"m\"], \"reqid\": 12, \"failure_reason\": \"user exists\"}";

  private static Observed encrypted(String envelope, JsonNode sentReqid) {
    return new Observed(
        200,
        Map.of("content-type", "text/plain; charset=UTF-8"),
        "Z0FB...",
        JsonValues.parse(envelope),
        null,
        sentReqid);
  }

  private static List<String> check(String expect, Observed observed) {
    return Expectations.check(JsonValues.parse(expect), observed);
  }

  private final Observed ok = encrypted(ENVELOPE, JsonValues.parse("12"));

  @Test
  void check_matchingEnvelope_hasNoDifferences() {
    assertThat(
            check(
                "{\"http_status\": 200, \"headers\": {\"Content-Type\":"
                    + " \"text/plain; charset=UTF-8\"}, \"success\": false, \"envelope_keys\":"
                    + " [\"failure_reason\", \"messages\", \"reqid\", \"response\", \"success\"],"
                    + " \"failure_reason\": \"user exists\", \"messages\": \"nonempty\","
                    + " \"reqid_echoed\": true, \"values\": {\"response.user_id\": 1,"
                    + " \"response.active\": true, \"response.none\": null,"
                    + " \"response.ratio\": 0.5}, \"types\": {\"response.name\": \"str\","
                    + " \"response.user_id\": [\"null\", \"int\"], \"response.nope\": \"absent\","
                    + " \"response.ratio\": \"number\"}, \"lengths\": {\"response.items\": 3,"
                    + " \"response.name\": {\"min\": 1, \"max\": 3}}, \"contains\":"
                    + " {\"response.items\": \"2, 3\", \"response.name\": \"bc\"}}",
                ok))
        .isEmpty();
  }

  @Test
  void check_booleanAgainstInt_isNotEqualAndNotAnInt() {
    assertThat(check("{\"values\": {\"response.active\": 1}}", ok))
        .containsExactly("values.response.active: expected 1 but got true");
    assertThat(check("{\"values\": {\"response.user_id\": true}}", ok))
        .containsExactly("values.response.user_id: expected true but got 1");
    assertThat(check("{\"types\": {\"response.active\": \"int\"}}", ok))
        .containsExactly("types.response.active: expected int but got bool true");
    assertThat(check("{\"types\": {\"response.user_id\": \"bool\"}}", ok)).hasSize(1);
  }

  @Test
  void check_intAgainstFloatOfSameValue_isEqualAsInPython() {
    Observed floaty = encrypted("{\"success\": true, \"v\": 1.0}", null);

    assertThat(check("{\"values\": {\"v\": 1}}", floaty)).isEmpty();
    assertThat(check("{\"types\": {\"v\": \"int\"}}", floaty)).hasSize(1);
  }

  @Test
  void check_nullFailureReason_requiresTheKeyAbsent() {
    assertThat(check("{\"failure_reason\": null}", ok))
        .containsExactly("failure_reason: expected the key to be absent but got \"user exists\"");
    assertThat(check("{\"failure_reason\": null}", encrypted("{\"success\": true}", null)))
        .isEmpty();
    assertThat(check("{\"failure_reason\": \"other\"}", ok))
        .containsExactly("failure_reason: expected \"other\" but got \"user exists\"");
  }

  @Test
  void check_keyLists_areExactSetsAndNamesTheDifference() {
    assertThat(check("{\"response_keys\": [\"messages\", \"success\", \"user_id\"]}", ok))
        .singleElement()
        .asString()
        .startsWith("response_keys: expected [messages, success, user_id]")
        .contains("unexpected [active, failure_reason, items, name, none, ratio]");
  }

  @Test
  void check_reqidEchoed_comparesTypes() {
    Observed stringReqid = encrypted(ENVELOPE, JsonValues.parse("\"12\""));

    assertThat(check("{\"reqid_echoed\": true}", stringReqid)).hasSize(1);
    assertThat(check("{\"reqid_echoed\": true}", ok)).isEmpty();
  }

  @Test
  void check_messagesEmptyVersusNonempty() {
    assertThat(check("{\"messages\": \"empty\"}", ok))
        .containsExactly("messages: expected empty but got [\"m\"]");
  }

  @Test
  void check_envelopeKeysOnAPlainTextAnswer_failOnceWithTheStatus() {
    Observed plain =
        new Observed(
            400,
            Map.of("Content-Type", "text/plain; charset=UTF-8"),
            "HTTP 400: Could not service this request because of invalid request parameters.",
            null,
            null,
            JsonValues.parse("3"));

    assertThat(
            check("{\"success\": false, \"reqid_echoed\": true, \"messages\": \"empty\"}", plain))
        .singleElement()
        .asString()
        .startsWith("expected an encrypted HTTP 200 envelope but got HTTP 400");
  }

  @Test
  void check_statusTextAndHeaders_comparedExactly() {
    Observed plain =
        new Observed(
            405, Map.of("content-type", "text/plain"), "HTTP 405: Nope.", null, null, null);

    assertThat(
            check(
                "{\"http_status\": 405, \"headers\": {\"Content-Type\": \"text/plain;"
                    + " charset=UTF-8\", \"Retry-After\": \"180\"}, \"text\": \"HTTP 405: Nope.\","
                    + " \"text_contains\": \"Nope\"}",
                plain))
        .containsExactly(
            "headers.Content-Type: expected \"text/plain; charset=UTF-8\" but got"
                + " \"text/plain\"",
            "headers.Retry-After: expected \"180\" but got no such header");
  }

  @Test
  void check_jsonKeysAndPathsOfPlainJson() {
    Observed health =
        new Observed(
            200,
            Map.of(),
            "{\"Expected-Workers\": 4, \"Health-Ok\": true, \"Workers\": {}, \"Check-Time\": 0.1}",
            null,
            null,
            null);

    assertThat(
            check(
                "{\"json_keys\": [\"Check-Time\", \"Expected-Workers\", \"Health-Ok\","
                    + " \"Workers\"], \"values\": {\"Health-Ok\": true}}",
                health))
        .isEmpty();
  }

  @Test
  void check_missingPathAndUnknownKey_areReported() {
    assertThat(check("{\"values\": {\"response.nope\": 1}, \"bogus\": 1}", ok))
        .containsExactlyInAnyOrder(
            "unknown expectation key 'bogus'",
            "values.response.nope: expected 1 but the path does not exist");
  }
}
