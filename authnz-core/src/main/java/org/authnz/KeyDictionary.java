package org.authnz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialises an API key dictionary as the reference does ({@code actions-apikeys.md} 1.6): members
 * in insertion order, separators {@code ", "} and {@code ": "}, one line, non-ASCII escaped as
 * {@code \\uXXXX}. Thread-safe.
 */
final class KeyDictionary {
  private final Map<String, JsonNode> members = new LinkedHashMap<>();

  KeyDictionary put(String name, JsonNode value) {
    members.put(name, value);
    return this;
  }

  KeyDictionary put(String name, String value) {
    return put(name, com.fasterxml.jackson.databind.node.TextNode.valueOf(value));
  }

  String serialise() {
    StringBuilder out = new StringBuilder("{");
    String separator = "";
    for (Map.Entry<String, JsonNode> member : members.entrySet()) {
      out.append(separator).append(quote(member.getKey())).append(": ");
      write(out, member.getValue());
      separator = ", ";
    }
    return out.append('}').toString();
  }

  private static void write(StringBuilder out, JsonNode value) {
    if (value.isObject()) {
      out.append('{');
      String separator = "";
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        out.append(separator).append(quote(member.getKey())).append(": ");
        write(out, member.getValue());
        separator = ", ";
      }
      out.append('}');
    } else if (value.isArray()) {
      out.append('[');
      String separator = "";
      for (JsonNode element : value) {
        out.append(separator);
        write(out, element);
        separator = ", ";
      }
      out.append(']');
    } else if (value.isTextual()) {
      out.append(quote(value.textValue()));
    } else {
      out.append(value.toString()); // numbers, booleans, null
    }
  }

  /**
   * Quotes a string as Python's {@code json.dumps} does with {@code ensure_ascii}: quote, backslash
   * and the five named controls with a backslash, every other character outside space to tilde as
   * {@code \\u} with four lowercase hex digits (UTF-16 units, so surrogate pairs).
   */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c >= ' ' && c <= '~') {
            out.append(c);
          } else {
            out.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
