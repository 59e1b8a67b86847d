package org.authnz.transport.http.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks an {@code expect} object (FORMAT.md section 5, already substituted) against an answer and
 * lists every difference as one precise line. An empty list means the step passed.
 */
final class Expectations {

  private static final Set<String> KNOWN =
      Set.of(
          "http_status",
          "headers",
          "text",
          "text_contains",
          "json_keys",
          "success",
          "envelope_keys",
          "failure_reason",
          "response_keys",
          "messages",
          "reqid_echoed",
          "values",
          "types",
          "lengths",
          "contains");
  private static final List<String> ENVELOPE_KEYS =
      List.of(
          "success",
          "envelope_keys",
          "failure_reason",
          "response_keys",
          "messages",
          "reqid_echoed");
  private static final int SHOWN_TEXT = 300;

  private Expectations() {}

  static List<String> check(JsonNode expect, Observed observed) {
    List<String> diffs = new ArrayList<>();
    expect
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!KNOWN.contains(key)) {
                diffs.add("unknown expectation key '" + key + "'");
              }
            });

    if (expect.has("http_status") && expect.get("http_status").asInt() != observed.status()) {
      diffs.add(
          "http_status: expected "
              + expect.get("http_status").asInt()
              + " but got "
              + observed.status()
              + bodyHint(observed));
    }
    checkHeaders(expect.get("headers"), observed, diffs);
    if (expect.has("text") && !expect.get("text").asText().equals(observed.text())) {
      diffs.add(
          "text: expected "
              + quote(expect.get("text").asText())
              + " but got "
              + quote(shorten(observed.text())));
    }
    if (expect.has("text_contains")
        && !observed.text().contains(expect.get("text_contains").asText())) {
      diffs.add(
          "text_contains: "
              + quote(expect.get("text_contains").asText())
              + " not in "
              + quote(shorten(observed.text())));
    }
    if (expect.has("json_keys")) {
      checkJsonKeys(expect.get("json_keys"), observed, diffs);
    }

    if (ENVELOPE_KEYS.stream().anyMatch(expect::has)) {
      checkEnvelope(expect, observed, diffs);
    }
    checkPaths(expect, observed, diffs);
    return diffs;
  }

  private static void checkHeaders(JsonNode headers, Observed observed, List<String> diffs) {
    if (headers == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      Optional<String> actual = observed.header(header.getKey());
      String wanted = header.getValue().asText();
      if (actual.isEmpty() || !actual.get().equals(wanted)) {
        diffs.add(
            "headers."
                + header.getKey()
                + ": expected "
                + quote(wanted)
                + " but got "
                + actual.map(Expectations::quote).orElse("no such header"));
      }
    }
  }

  private static void checkJsonKeys(JsonNode wanted, Observed observed, List<String> diffs) {
    JsonNode plain;
    try {
      plain = JsonValues.parse(observed.text());
    } catch (IllegalArgumentException e) {
      diffs.add("json_keys: body is not plain JSON: " + quote(shorten(observed.text())));
      return;
    }
    if (!plain.isObject()) {
      diffs.add("json_keys: body is JSON " + JsonValues.typeName(plain) + ", not an object");
      return;
    }
    compareKeys("json_keys", wanted, plain, diffs);
  }

  private static void checkEnvelope(JsonNode expect, Observed observed, List<String> diffs) {
    JsonNode envelope = observed.envelope();
    if (observed.status() != 200 || envelope == null) {
      diffs.add(
          "expected an encrypted HTTP 200 envelope but got HTTP "
              + observed.status()
              + (observed.decryptProblem() == null ? "" : " (" + observed.decryptProblem() + ")")
              + bodyHint(observed));
      return;
    }
    if (!envelope.isObject()) {
      diffs.add("envelope is JSON " + JsonValues.typeName(envelope) + ", not an object");
      return;
    }

    if (expect.has("success")) {
      JsonNode wanted = expect.get("success");
      JsonNode actual = envelope.get("success");
      if (actual == null || !JsonValues.same(wanted, actual)) {
        diffs.add("success: expected " + wanted + " but got " + describe(actual));
      }
    }
    if (expect.has("envelope_keys")) {
      compareKeys("envelope_keys", expect.get("envelope_keys"), envelope, diffs);
    }
    if (expect.has("failure_reason")) {
      checkFailureReason(expect.get("failure_reason"), envelope, diffs);
    }
    if (expect.has("response_keys")) {
      JsonNode response = envelope.get("response");
      if (response == null || !response.isObject()) {
        diffs.add("response_keys: .response is " + describe(response) + ", not an object");
      } else {
        compareKeys("response_keys", expect.get("response_keys"), response, diffs);
      }
    }
    if (expect.has("messages")) {
      checkMessages(expect.get("messages").asText(), envelope.get("messages"), diffs);
    }
    if (expect.has("reqid_echoed")) {
      boolean wanted = expect.get("reqid_echoed").asBoolean();
      JsonNode sent = observed.sentReqid();
      JsonNode got = envelope.get("reqid");
      boolean echoed = sent != null && got != null && JsonValues.same(sent, got);
      if (echoed != wanted) {
        diffs.add(
            "reqid_echoed: expected "
                + wanted
                + " but sent reqid "
                + describe(sent)
                + " and got back "
                + describe(got));
      }
    }
  }

  private static void checkFailureReason(JsonNode wanted, JsonNode envelope, List<String> diffs) {
    JsonNode actual = envelope.get("failure_reason");
    if (wanted.isNull()) {
      if (actual != null) {
        diffs.add("failure_reason: expected the key to be absent but got " + actual);
      }
    } else if (actual == null || !JsonValues.same(wanted, actual)) {
      diffs.add("failure_reason: expected " + wanted + " but got " + describe(actual));
    }
  }

  private static void checkMessages(String wanted, JsonNode messages, List<String> diffs) {
    if (messages == null || !messages.isArray()) {
      diffs.add("messages: expected a list (" + wanted + ") but got " + describe(messages));
      return;
    }
    boolean ok =
        switch (wanted) {
          case "nonempty" -> messages.size() > 0;
          case "empty" -> messages.size() == 0;
          default -> throw new IllegalArgumentException("messages expectation " + wanted);
        };
    if (!ok) {
      diffs.add("messages: expected " + wanted + " but got " + messages);
    }
  }

  private static void compareKeys(
      String label, JsonNode wanted, JsonNode object, List<String> diffs) {
    TreeSet<String> expected = new TreeSet<>();
    wanted.forEach(key -> expected.add(key.asText()));
    List<String> actual = JsonValues.sortedKeys(object);
    if (!new ArrayList<>(expected).equals(actual)) {
      TreeSet<String> missing = new TreeSet<>(expected);
      missing.removeAll(actual);
      TreeSet<String> extra = new TreeSet<>(actual);
      extra.removeAll(expected);
      diffs.add(
          label
              + ": expected "
              + expected
              + " but got "
              + actual
              + " (missing "
              + missing
              + ", unexpected "
              + extra
              + ")");
    }
  }

  private static void checkPaths(JsonNode expect, Observed observed, List<String> diffs) {
    if (!(expect.has("values")
        || expect.has("types")
        || expect.has("lengths")
        || expect.has("contains"))) {
      return;
    }
    Optional<JsonNode> document = observed.document();
    if (document.isEmpty()) {
      diffs.add(
          "values/types/lengths/contains: the answer is neither an encrypted envelope nor JSON"
              + bodyHint(observed));
      return;
    }
    JsonNode root = document.get();

    forEachField(
        expect.get("values"),
        (path, wanted) -> {
          Optional<JsonNode> actual = JsonPaths.find(root, path);
          if (actual.isEmpty()) {
            diffs.add("values." + path + ": expected " + wanted + " but the path does not exist");
          } else if (!JsonValues.same(wanted, actual.get())) {
            diffs.add("values." + path + ": expected " + wanted + " but got " + actual.get());
          }
        });
    forEachField(
        expect.get("types"),
        (path, wanted) -> {
          List<String> alternatives = new ArrayList<>();
          if (wanted.isArray()) {
            wanted.forEach(type -> alternatives.add(type.asText()));
          } else {
            alternatives.add(wanted.asText());
          }
          Optional<JsonNode> actual = JsonPaths.find(root, path);
          boolean ok =
              actual.isEmpty()
                  ? alternatives.contains("absent")
                  : alternatives.stream().anyMatch(type -> JsonValues.hasType(actual.get(), type));
          if (!ok) {
            diffs.add(
                "types."
                    + path
                    + ": expected "
                    + String.join(" | ", alternatives)
                    + " but got "
                    + actual
                        .map(value -> JsonValues.typeName(value) + " " + shorten(value.toString()))
                        .orElse("absent"));
          }
        });
    forEachField(expect.get("lengths"), (path, wanted) -> checkLength(root, path, wanted, diffs));
    forEachField(
        expect.get("contains"),
        (path, wanted) -> {
          Optional<JsonNode> actual = JsonPaths.find(root, path);
          String haystack =
              actual
                  .map(v -> v.isTextual() ? v.textValue() : JsonValues.pythonDumps(v))
                  .orElse(null);
          if (haystack == null || !haystack.contains(wanted.asText())) {
            diffs.add(
                "contains."
                    + path
                    + ": "
                    + quote(wanted.asText())
                    + " not in "
                    + (haystack == null ? "(path does not exist)" : quote(shorten(haystack))));
          }
        });
  }

  private static void checkLength(JsonNode root, String path, JsonNode wanted, List<String> diffs) {
    Optional<JsonNode> actual = JsonPaths.find(root, path);
    if (actual.isEmpty()) {
      diffs.add("lengths." + path + ": the path does not exist");
      return;
    }
    JsonNode value = actual.get();
    int length;
    if (value.isTextual()) {
      length = value.textValue().codePointCount(0, value.textValue().length());
    } else if (value.isArray() || value.isObject()) {
      length = value.size();
    } else {
      diffs.add("lengths." + path + ": " + JsonValues.typeName(value) + " has no length");
      return;
    }
    boolean ok;
    if (wanted.isObject()) {
      ok =
          (!wanted.has("min") || length >= wanted.get("min").asInt())
              && (!wanted.has("max") || length <= wanted.get("max").asInt());
    } else {
      ok = length == wanted.asInt();
    }
    if (!ok) {
      diffs.add("lengths." + path + ": expected " + wanted + " but the length is " + length);
    }
  }

  private interface FieldCheck {
    void check(String path, JsonNode wanted);
  }

  private static void forEachField(JsonNode object, FieldCheck check) {
    if (object == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      check.check(field.getKey(), field.getValue());
    }
  }

  private static String describe(JsonNode node) {
    return node == null ? "(absent)" : shorten(node.toString());
  }

  private static String bodyHint(Observed observed) {
    if (observed.envelope() != null) {
      return " with envelope " + shorten(observed.envelope().toString());
    }
    return observed.text().isEmpty() ? "" : " with body " + quote(shorten(observed.text()));
  }

  private static String quote(String text) {
    return '"' + text + '"';
  }

  private static String shorten(String text) {
    return text.length() <= SHOWN_TEXT ? text : text.substring(0, SHOWN_TEXT) + "...";
  }
}
