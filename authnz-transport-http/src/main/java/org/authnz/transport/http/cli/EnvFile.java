package org.authnz.transport.http.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.authnz.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes env files ({@code spec/server-config.md} section 5): the INI-like {@code
 * KEY=value} format that authnzerver reads with Python's configuration parser.
 *
 * <p>Rules: one {@code KEY=value} or {@code KEY: value} a line, split at the first {@code =} or
 * {@code :}; key and value trimmed; keys case-insensitive (returned upper-case); blank lines and
 * lines starting with {@code #} or {@code ;} ignored; no inline comments; quotes kept; {@code %%}
 * is a literal {@code %} and {@code %(key)s} the value of another key, any other {@code %} an
 * error; a line indented deeper than its key's line continues the value on a new line; a repeated
 * key is an error. Section headers ({@code [name]}) are not supported.
 *
 * <p>Stateless and thread-safe. Error messages give the line number, never the line.
 */
final class EnvFile {
  private static final int MAX_INTERPOLATION_DEPTH = 10;

  private EnvFile() {}

  /**
   * Reads an env file.
   *
   * @throws InvalidConfigurationException when the file cannot be read or breaks a rule
   */
  static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          "cannot read the env file " + file + ": " + FailureText.of(e), e);
    }
    try {
      return parse(lines);
    } catch (InvalidConfigurationException e) {
      throw new InvalidConfigurationException("env file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Parses the lines of an env file into upper-case keys and interpolated values, in file order.
   *
   * @throws InvalidConfigurationException when a line breaks a rule
   */
  static Map<String, String> parse(List<String> lines) {
    Map<String, String> raw = new LinkedHashMap<>();
    Map<String, Integer> lineOfKey = new LinkedHashMap<>();
    @Nullable String currentKey = null;
    int currentIndent = 0;

    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int number = i + 1;
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        currentKey = null; // a blank line ends a multi-line value
        continue;
      }
      if (stripped.startsWith("#") || stripped.startsWith(";")) {
        continue;
      }

      int indent = line.length() - line.stripLeading().length();
      if (currentKey != null && indent > currentIndent) {
        raw.merge(currentKey, "\n" + stripped, String::concat);
        continue;
      }
      if (stripped.startsWith("[")) {
        throw new InvalidConfigurationException("line " + number + ": sections are not supported");
      }

      int split = firstDelimiter(stripped);
      if (split < 0) {
        throw new InvalidConfigurationException("line " + number + ": expected KEY=value");
      }
      String key = stripped.substring(0, split).strip().toUpperCase(Locale.ROOT);
      if (key.isEmpty()) {
        throw new InvalidConfigurationException("line " + number + ": the key is empty");
      }
      Integer previous = lineOfKey.putIfAbsent(key, number);
      if (previous != null) {
        throw new InvalidConfigurationException(
            "line " + number + ": " + key + " repeats the key of line " + previous);
      }
      raw.put(key, stripped.substring(split + 1).strip());
      currentKey = key;
      currentIndent = indent;
    }

    Map<String, String> values = new LinkedHashMap<>();
    for (String key : raw.keySet()) {
      values.put(key, interpolate(key, raw, lineOfKey.get(key), 0));
    }
    return values;
  }

  /**
   * Formats {@code entries} as {@code KEY=value} lines in order, escaping {@code %}.
   *
   * @throws IllegalArgumentException when a value cannot be read back unchanged
   */
  static String format(Map<String, String> entries) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      String value = entry.getValue();
      if (!value.equals(value.strip()) || value.contains("\n") || value.contains("\r")) {
        throw new IllegalArgumentException(entry.getKey() + " cannot be written to an env file");
      }
      text.append(entry.getKey()).append('=').append(value.replace("%", "%%")).append('\n');
    }
    return text.toString();
  }

  private static int firstDelimiter(String line) {
    int equals = line.indexOf('=');
    int colon = line.indexOf(':');
    if (equals < 0) {
      return colon;
    }
    return colon < 0 ? equals : Math.min(equals, colon);
  }

  private static String interpolate(String key, Map<String, String> raw, int line, int depth) {
    if (depth > MAX_INTERPOLATION_DEPTH) {
      throw new InvalidConfigurationException(
          "line " + line + ": " + key + " refers to itself through %(...)s");
    }
    String value = raw.get(key);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      char c = value.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      if (value.startsWith("%%", i)) {
        out.append('%');
        i += 2;
        continue;
      }
      String reference = referenceAt(value, i);
      if (reference == null) {
        throw new InvalidConfigurationException(
            "line " + line + ": " + key + " has a lone '%' (write '%%' for a literal '%')");
      }
      String target = reference.toUpperCase(Locale.ROOT);
      if (!raw.containsKey(target)) {
        throw new InvalidConfigurationException(
            "line " + line + ": " + key + " refers to the missing key " + target);
      }
      out.append(interpolate(target, raw, line, depth + 1));
      i += reference.length() + 4; // "%(" + name + ")s"
    }
    return out.toString();
  }

  private static @Nullable String referenceAt(String value, int percent) {
    if (!value.startsWith("%(", percent)) {
      return null;
    }
    int close = value.indexOf(")s", percent + 2);
    return close < 0 ? null : value.substring(percent + 2, close);
  }
}
