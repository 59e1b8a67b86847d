package org.authnz.transport.http.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.authnz.wire.ActionSchema;
import org.authnz.wire.ActionSchema.Param;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table of issue #9: for each of the 38 actions, generated from {@link ActionSchema},
 * every required key missing, every key with every wrong JSON type (nulls included), huge strings
 * just under and over the body limit, deep nesting and invalid UTF-8 in the Fernet payload, each
 * sent to a real sidecar on an SQLite file. The expected answer is computed here from the rules of
 * {@code spec/request-schema.md} sections 2-3 and {@code spec/wire-protocol.md} sections 6-7, not
 * by the validator under test, and every case checks that no table gained or lost a row.
 */
final class BadInputTableTest {

  private static final ObjectMapper JSON = WireCodec.json();
  private static final int BODY_LIMIT = 512 * 1024;

  /** JSON values of every kind, each named, to put where a key's value goes. */
  private static final Map<String, String> VALUES =
      Map.ofEntries(
          Map.entry("string", "\"text\""),
          Map.entry("empty string", "\"\""),
          Map.entry("integer", "7"),
          Map.entry("zero", "0"),
          Map.entry("big integer", "123456789012345678901234567890"),
          Map.entry("float", "1.5"),
          Map.entry("exponent", "1e3"),
          Map.entry("true", "true"),
          Map.entry("false", "false"),
          Map.entry("object", "{\"k\": 1}"),
          Map.entry("empty object", "{}"),
          Map.entry("array", "[1]"),
          Map.entry("empty array", "[]"),
          Map.entry("null", "null"));

  @TempDir static Path dir;
  private static TestSidecar sidecar;

  @BeforeAll
  static void start() {
    sidecar = TestSidecar.start(dir);
  }

  @AfterAll
  static void stop() {
    sidecar.close();
  }

  // --- the cases ---

  static Stream<Arguments> missingKeys() {
    List<Arguments> cases = new ArrayList<>();
    for (String action : ActionSchema.actions()) {
      for (Param param : params(action)) {
        if (param.required()) {
          cases.add(Arguments.of(action, param.name()));
        }
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> wrongTypes() {
    List<Arguments> cases = new ArrayList<>();
    for (String action : ActionSchema.actions()) {
      for (Param param : params(action)) {
        for (String kind : VALUES.keySet().stream().sorted().toList()) {
          if (isRejectedBySpec(param, kind)) {
            cases.add(Arguments.of(action, param.name(), kind));
          }
        }
      }
    }
    return cases.stream();
  }

  static Stream<String> actions() {
    return ActionSchema.actions().stream();
  }

  static Stream<Arguments> invalidUtf8() {
    List<String> sequences =
        List.of(
            "ff", // never valid
            "c3", // a lead byte without its continuation
            "80", // a lone continuation byte
            "c0af", // an overlong '/'
            "eda080", // a UTF-16 surrogate
            "f4908080"); // above U+10FFFF
    return ActionSchema.actions().stream()
        .flatMap(action -> sequences.stream().map(hex -> Arguments.of(action, hex)));
  }

  // --- the tests ---

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("missingKeys")
  void post_requiredKeyMissing_isTheSchemaReportAndWritesNothing(String action, String key)
      throws Exception {
    ObjectNode body = validlyTypedBody(action);
    body.remove(key);

    expectReport(action, body, List.of(problem(param(action, key), "missing")));
  }

  @ParameterizedTest(name = "{0} with {1} = {2}")
  @MethodSource("wrongTypes")
  void post_keyOfWrongType_isTheSchemaReportAndWritesNothing(String action, String key, String kind)
      throws Exception {
    ObjectNode body = validlyTypedBody(action);
    body.set(key, JSON.readTree(VALUES.get(kind)));

    expectReport(action, body, List.of(problem(param(action, key), "incorrect type")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void post_everyRequiredKeyNull_reportsEveryKeyThatRefusesNull(String action) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    List<ObjectNode> expected = new ArrayList<>();
    for (Param param : params(action)) {
      if (param.required()) {
        body.putNull(param.name());
        if (isRejectedBySpec(param, "null")) {
          expected.add(problem(param, "incorrect type"));
        }
      }
    }
    if (expected.isEmpty()) {
      return; // user-list: its only key takes null, so the request is valid
    }

    expectReport(action, body, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void post_emptyBody_reportsEveryRequiredKeyMissingInSchemaOrder(String action) throws Exception {
    List<ObjectNode> expected =
        params(action).stream()
            .filter(Param::required)
            .map(param -> problem(param, "missing"))
            .toList();

    expectReport(action, JSON.createObjectNode(), expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void post_hugeStringJustUnderTheBodyLimit_isStillValidated(String action) throws Exception {
    ObjectNode body = bodyMissingLastRequiredKey(action);
    String wire = wireBodyJustUnder(action, body);
    assertThat(wire.length()).isLessThanOrEqualTo(BODY_LIMIT).isGreaterThan(BODY_LIMIT - 200);

    Map<String, Long> before = sidecar.rowCounts();
    TestSidecar.Answer answer = decoded(sidecar.post(wire));

    assertReport(answer, action, List.of(problem(lastRequired(action), "missing")));
    assertThat(sidecar.rowCounts()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void post_hugeStringOverTheBodyLimit_is413(String action) throws Exception {
    ObjectNode body = validlyTypedBody(action);
    body.put("padding", "x".repeat(BODY_LIMIT));
    String wire = sidecar.codec().encode(envelope(action, body));

    Map<String, Long> before = sidecar.rowCounts();
    assertThat(sidecar.statusForDeclaredLength(wire.length())).isEqualTo(413);
    assertThat(sidecar.rowCounts()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void post_nestingWithinTheDepthLimit_isStillValidated(String action) throws Exception {
    ObjectNode body = bodyMissingLastRequiredKey(action);
    // envelope (1) > body (2) > padding: 60 more levels stays within the limit of 64.
    body.set("padding", JSON.readTree("[".repeat(60) + "]".repeat(60)));

    expectReport(action, body, List.of(problem(lastRequired(action), "missing")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actions")
  void post_nestingBeyondTheDepthLimit_is401AsAnUndecodableBody(String action) throws Exception {
    int depth = 10_000;
    String plaintext =
        "{\"request\": \""
            + action
            + "\", \"reqid\": 1, \"body\": {\"padding\": "
            + "[".repeat(depth)
            + "]".repeat(depth)
            + "}}";

    expectStatus(Fernet.of(sidecar.key()).encrypt(plaintext.getBytes(UTF_8)), 401);
  }

  @ParameterizedTest(name = "{0} with bytes {1}")
  @MethodSource("invalidUtf8")
  void post_invalidUtf8InThePayload_is401AsAnUndecodableBody(String action, String hex)
      throws Exception {
    // Step 1 of wire-protocol.md section 6 parses the payload as UTF-8 JSON; the reference's
    // strict decoder refuses each of these sequences, so the request never reaches the action.
    ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
    plaintext.writeBytes(
        ("{\"request\": \"" + action + "\", \"reqid\": 1, \"body\": {\"padding\": \"a")
            .getBytes(UTF_8));
    plaintext.writeBytes(HexFormat.of().parseHex(hex));
    plaintext.writeBytes("b\"}}".getBytes(UTF_8));

    expectStatus(Fernet.of(sidecar.key()).encrypt(plaintext.toByteArray()), 401);
  }

  // --- the oracle, from request-schema.md sections 2 and 3 ---

  /** Whether the validator must refuse a value of this kind for this key. */
  private static boolean isRejectedBySpec(Param param, String kind) {
    boolean accepted = param.types().stream().anyMatch(type -> accepts(type, kind));
    if (param.required()) {
      return !accepted;
    }
    return isTruthy(kind) && !accepted; // optional keys are only checked when truthy
  }

  private static boolean accepts(String type, String kind) {
    return switch (type) {
      case "str" -> kind.equals("string") || kind.equals("empty string");
      case "int" -> List.of("integer", "zero", "big integer", "true", "false").contains(kind);
      case "float" -> kind.equals("float") || kind.equals("exponent");
      case "bool" -> kind.equals("true") || kind.equals("false");
      case "dict" -> kind.equals("object") || kind.equals("empty object");
      case "list" -> kind.equals("array") || kind.equals("empty array");
      case "Any" -> !kind.equals("null");
      case "None" -> true;
      default -> throw new IllegalArgumentException(type);
    };
  }

  private static boolean isTruthy(String kind) {
    return !List.of("empty string", "zero", "false", "empty object", "empty array", "null")
        .contains(kind);
  }

  private static ObjectNode problem(Param param, String kind) {
    ObjectNode problem = JSON.createObjectNode();
    problem.put("param", param.name());
    problem.put("problem", kind);
    if (param.types().size() == 1) {
      problem.put("required_type", param.types().get(0));
    } else {
      ArrayNode types = problem.putArray("required_type");
      param.types().forEach(types::add);
    }
    problem.put("required_param", param.required());
    return problem;
  }

  /** A body holding every required key with a value of its first type. */
  private static ObjectNode validlyTypedBody(String action) {
    ObjectNode body = JSON.createObjectNode();
    for (Param param : params(action)) {
      if (param.required()) {
        body.set(param.name(), validValue(param.types().get(0)));
      }
    }
    return body;
  }

  private static JsonNode validValue(String type) {
    return switch (type) {
      case "str", "Any" -> JSON.getNodeFactory().textNode("text");
      case "int" -> JSON.getNodeFactory().numberNode(1);
      case "float" -> JSON.getNodeFactory().numberNode(0.5);
      case "bool" -> JSON.getNodeFactory().booleanNode(true);
      case "dict" -> JSON.createObjectNode();
      default -> JSON.getNodeFactory().nullNode();
    };
  }

  private static ObjectNode bodyMissingLastRequiredKey(String action) {
    ObjectNode body = validlyTypedBody(action);
    body.remove(lastRequired(action).name());
    return body;
  }

  // The last required key, never user-login's e-mail (section 6, step 12 needs it).
  private static Param lastRequired(String action) {
    List<Param> required = params(action).stream().filter(Param::required).toList();
    return required.get(required.size() - 1);
  }

  private static List<Param> params(String action) {
    return ActionSchema.params(action).orElseThrow();
  }

  private static Param param(String action, String key) {
    return params(action).stream().filter(p -> p.name().equals(key)).findFirst().orElseThrow();
  }

  // --- sending ---

  private static ObjectNode envelope(String action, ObjectNode body) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("request", action);
    envelope.put("reqid", "bad-input-" + action);
    envelope.set("body", body);
    return envelope;
  }

  /** A wire body of this request with a padding string making it just under the body limit. */
  private static String wireBodyJustUnder(String action, ObjectNode body) {
    ObjectNode padded = body.deepCopy();
    padded.put("padding", "");
    int empty = sidecar.codec().encode(envelope(action, padded)).length();
    // Each plaintext byte costs 16/9 wire characters (two base64 layers); aim low, then step up.
    int length = (int) ((BODY_LIMIT - empty) * 9L / 16) - 64;
    String wire = null;
    while (true) {
      padded.put("padding", "x".repeat(length));
      String next = sidecar.codec().encode(envelope(action, padded));
      if (next.length() > BODY_LIMIT) {
        return wire;
      }
      wire = next;
      length += 8;
    }
  }

  private static void expectReport(String action, ObjectNode body, List<ObjectNode> problems)
      throws Exception {
    Map<String, Long> before = sidecar.rowCounts();

    TestSidecar.Answer answer = sidecar.send(envelope(action, body));

    assertReport(answer, action, problems);
    assertThat(sidecar.rowCounts()).isEqualTo(before);
  }

  private static void expectStatus(String fernetToken, int status) throws Exception {
    Map<String, Long> before = sidecar.rowCounts();

    var response =
        sidecar.post(
            java.util.Base64.getEncoder()
                .encodeToString(fernetToken.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).startsWith("HTTP " + status + ": ").doesNotContain("Exception");
    assertThat(sidecar.rowCounts()).isEqualTo(before);
  }

  private static TestSidecar.Answer decoded(java.net.http.HttpResponse<String> response) {
    return new TestSidecar.Answer(
        response.statusCode(),
        response.body(),
        response.statusCode() == 200 ? sidecar.codec().decode(response.body()) : null);
  }

  /** The schema-failure envelope of request-schema.md section 3 inside wire-protocol.md's. */
  private static void assertReport(
      TestSidecar.Answer answer, String action, List<ObjectNode> problems) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);

    ObjectNode result = JSON.createObjectNode();
    result.put("success", false);
    ObjectNode response = result.putObject("response");
    response.putArray("problems").addAll(problems);
    response.put("failure_reason", "invalid request parameters");
    result.putArray("messages").add("request '" + action + "' has invalid parameters");
    ObjectNode expected = JSON.createObjectNode();
    expected.put("success", false);
    expected.set("response", result);
    expected.set("messages", result.get("messages"));
    expected.put("reqid", "bad-input-" + action);
    assertThat(answer.envelope()).isEqualTo(expected);
  }
}
