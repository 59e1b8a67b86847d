package org.authnz.transport.http.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Looks values up by the dotted paths of the scenario format (section 6): object keys, integer list
 * indexes, and {@code @json} to parse the current string as JSON. The empty path is the whole
 * document.
 */
final class JsonPaths {

  private JsonPaths() {}

  /** The value at {@code path}, or empty when any segment does not exist. */
  static Optional<JsonNode> find(JsonNode document, String path) {
    if (path.isEmpty()) {
      return Optional.of(document);
    }
    JsonNode current = document;
    for (String segment : path.split("\\.", -1)) {
      Optional<JsonNode> next = step(current, segment);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.get();
    }
    return Optional.of(current);
  }

  private static Optional<JsonNode> step(JsonNode current, String segment) {
    if (segment.equals("@json")) {
      if (!current.isTextual()) {
        return Optional.empty();
      }
      try {
        return Optional.of(JsonValues.parse(current.textValue()));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    if (current.isObject()) {
      return Optional.ofNullable(current.get(segment));
    }
    if (current.isArray() && segment.matches("-?\\d+")) {
      int index = Integer.parseInt(segment);
      // Python indexes from the end for negative numbers; the recorded runner was Python.
      int effective = index < 0 ? current.size() + index : index;
      return effective >= 0 && effective < current.size()
          ? Optional.of(current.get(effective))
          : Optional.empty();
    }
    return Optional.empty();
  }
}
