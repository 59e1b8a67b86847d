package org.authnz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialises an API key dictionary as the reference does ({@code actions-apikeys.md} 1.6): members
 * in insertion order, separators {@code ", "} and {@code ": "}, one line, non-ASCII escaped as
 * {@code \\uXXXX}. Thread-safe.
 */
final class KeyDictionary {
  private static final ObjectWriter STRINGS =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build().writer();

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

  private static String quote(String text) {
    try {
      return STRINGS.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string could not be serialised", e);
    }
  }
}
