package org.authnz.transport.http.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** JSON helpers with the comparison rules of the scenario format (booleans are not numbers). */
final class JsonValues {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonValues() {}

  /** Parses JSON text; throws {@link IllegalArgumentException} when it is not JSON. */
  static JsonNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("empty document");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Compact JSON, for request bodies. */
  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * JSON equality as the recorded runner saw it: numbers compare by value (so {@code 1} equals
   * {@code 1.0}), but a boolean never equals a number, and objects compare as unordered maps.
   */
  static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() || b.isNumber()) {
      if (!a.isNumber() || !b.isNumber()) {
        return false;
      }
      if (a.isIntegralNumber() && b.isIntegralNumber()) {
        return a.bigIntegerValue().equals(b.bigIntegerValue());
      }
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.getNodeType() != b.getNodeType()) {
      return false;
    }
    if (a.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode other = b.get(field.getKey());
        if (other == null || !same(field.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** Whether {@code node} is of the format's type name ({@code str}, {@code int}, ...). */
  static boolean hasType(JsonNode node, String type) {
    switch (type) {
      case "str":
        return node.isTextual();
      case "int":
        return node.isIntegralNumber();
      case "float":
        return node.isFloatingPointNumber();
      case "number":
        return node.isNumber();
      case "bool":
        return node.isBoolean();
      case "null":
        return node.isNull();
      case "list":
        return node.isArray();
      case "dict":
        return node.isObject();
      case "any":
        return true;
      case "absent":
        return false;
      default:
        throw new IllegalArgumentException("unknown type name in scenario: " + type);
    }
  }

  /** The format's type name of a value, for failure messages. */
  static String typeName(JsonNode node) {
    if (node.isTextual()) {
      return "str";
    } else if (node.isIntegralNumber()) {
      return "int";
    } else if (node.isNumber()) {
      return "float";
    } else if (node.isBoolean()) {
      return "bool";
    } else if (node.isNull()) {
      return "null";
    } else if (node.isArray()) {
      return "list";
    } else if (node.isObject()) {
      return "dict";
    }
    return node.getNodeType().toString();
  }

  /** Sorted field names of an object. */
  static List<String> sortedKeys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    keys.sort(null);
    return keys;
  }

  /** Text as Python's {@code json.dumps} writes it (", " and ": " separators, ASCII only). */
  static String pythonDumps(JsonNode node) {
    StringBuilder out = new StringBuilder();
    writePython(node, out);
    return out.toString();
  }

  private static void writePython(JsonNode node, StringBuilder out) {
    if (node.isTextual()) {
      writePythonString(node.textValue(), out);
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        writePython(node.get(i), out);
      }
      out.append(']');
    } else if (node.isObject()) {
      out.append('{');
      boolean first = true;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.append(first ? "" : ", ");
        first = false;
        writePythonString(field.getKey(), out);
        out.append(": ");
        writePython(field.getValue(), out);
      }
      out.append('}');
    } else {
      out.append(compact(node));
    }
  }

  private static void writePythonString(String text, StringBuilder out) {
    out.append('"');
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
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
