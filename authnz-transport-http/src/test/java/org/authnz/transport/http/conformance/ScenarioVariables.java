package org.authnz.transport.http.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of one scenario run (FORMAT.md section 7): the scenario's own {@code vars}, the
 * captures, and the built-ins; plus substitution into JSON values and the {@code $merge} form.
 *
 * <p>Not thread-safe: one instance per scenario run.
 */
final class ScenarioVariables {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^{}]+)}");
  private static final DateTimeFormatter UTC_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private final Map<String, JsonNode> values = new LinkedHashMap<>();
  private final Clock clock;
  private final Random random;

  /** Thrown when a referenced variable is not defined. */
  static final class UndefinedVariableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String variable;

    UndefinedVariableException(String variable) {
      super("undefined variable ${" + variable + "}");
      this.variable = variable;
    }

    String variable() {
      return variable;
    }
  }

  ScenarioVariables(Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
  }

  /** Variables with the per-run built-ins and the superuser's credentials. */
  static ScenarioVariables forRun(
      Clock clock, Random random, String adminEmail, String adminPassword) {
    ScenarioVariables vars = new ScenarioVariables(clock, random);
    vars.put("run_id", TextNode.valueOf(vars.hex(8)));
    vars.put("client_ip", TextNode.valueOf(vars.randomIp()));
    vars.put("admin_email", TextNode.valueOf(adminEmail));
    vars.put("admin_password", TextNode.valueOf(adminPassword));
    vars.put("admin_user_id", integer(1));
    vars.put("anon_user_id", integer(2));
    vars.put("locked_user_id", integer(3));
    return vars;
  }

  /** Evaluates a scenario's {@code vars} object in order, each seeing the earlier ones. */
  void defineAll(JsonNode vars) {
    for (Iterator<Map.Entry<String, JsonNode>> it = vars.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      put(field.getKey(), substitute(field.getValue()));
    }
  }

  void put(String name, JsonNode value) {
    values.put(name, value.deepCopy());
  }

  boolean isDefined(String name) {
    return values.containsKey(name);
  }

  /**
   * Substitutes every {@code ${...}} in {@code template} (strings and object keys, at any depth),
   * then resolves {@code $merge} objects. A string that is exactly one reference takes the
   * variable's JSON type; elsewhere the value is interpolated as text.
   *
   * @throws UndefinedVariableException when a referenced variable is not defined
   */
  JsonNode substitute(JsonNode template) {
    if (template.isTextual()) {
      return substituteText(template.textValue());
    }
    if (template.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      template.forEach(element -> out.add(substitute(element)));
      return out;
    }
    if (template.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.set(interpolate(field.getKey()), substitute(field.getValue()));
      }
      return resolveMerge(out);
    }
    return template.deepCopy();
  }

  private JsonNode substituteText(String text) {
    Matcher whole = REFERENCE.matcher(text);
    if (whole.matches()) {
      return resolve(whole.group(1));
    }
    return TextNode.valueOf(interpolate(text));
  }

  /** Replaces every reference in {@code text} by the variable's text form. */
  String interpolate(String text) {
    Matcher matcher = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(asText(resolve(matcher.group(1)))));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String asText(JsonNode value) {
    return value.isTextual() ? value.textValue() : JsonValues.pythonDumps(value);
  }

  private JsonNode resolve(String reference) {
    int colon = reference.indexOf(':');
    String kind = colon < 0 ? reference : reference.substring(0, colon);
    String argument = colon < 0 ? "" : reference.substring(colon + 1);
    if (colon >= 0) {
      switch (kind) {
        case "utc":
          LocalDateTime at =
              LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                  .plusSeconds(Long.parseLong(argument.replace("+", "")));
          return TextNode.valueOf(UTC_FORMAT.format(at));
        case "unix":
          return integer(
              clock.instant().getEpochSecond() + Long.parseLong(argument.replace("+", "")));
        case "rand":
          return TextNode.valueOf(hex(Integer.parseInt(argument)));
        case "str":
          return TextNode.valueOf(asText(lookup(argument)));
        default:
          return lookup(reference);
      }
    }
    switch (reference) {
      case "rand_ip":
        return TextNode.valueOf(randomIp());
      case "uuid":
        return TextNode.valueOf(
            new UUID(
                    (random.nextLong() & ~0xf000L) | 0x4000L,
                    (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L)
                .toString());
      default:
        return lookup(reference);
    }
  }

  private JsonNode lookup(String name) {
    JsonNode value = values.get(name);
    if (value == null) {
      throw new UndefinedVariableException(name);
    }
    return value.deepCopy();
  }

  private static JsonNode resolveMerge(ObjectNode object) {
    JsonNode parts = object.get("$merge");
    if (object.size() != 1 || parts == null) {
      return object;
    }
    if (!parts.isArray()) {
      throw new IllegalArgumentException("$merge needs a list of objects");
    }
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    for (JsonNode part : parts) {
      if (!part.isObject()) {
        throw new IllegalArgumentException("$merge element is not an object: " + part);
      }
      merged.setAll((ObjectNode) part);
    }
    return merged;
  }

  /** An integer node of the width Jackson itself would parse, so values compare as parsed ones. */
  private static JsonNode integer(long value) {
    return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
  }

  private String hex(int chars) {
    byte[] bytes = new byte[(chars + 1) / 2];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, chars);
  }

  private String randomIp() {
    return "10."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  /** A random source for real runs. */
  static Random secureRandom() {
    return new SecureRandom();
  }
}
