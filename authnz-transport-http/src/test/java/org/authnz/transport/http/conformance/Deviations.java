package org.authnz.transport.http.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The deliberate differences of {@code deviations.json} (FORMAT.md section 10). */
final class Deviations {

  /** A replacement expectation and its reason. */
  record Deviation(JsonNode expect, String why) {}

  private final Map<String, Deviation> byStep;

  private Deviations(Map<String, Deviation> byStep) {
    this.byStep = Map.copyOf(byStep);
  }

  static Deviations none() {
    return new Deviations(Map.of());
  }

  /** Reads the {@code deviations} list of a deviations document. */
  static Deviations of(JsonNode document) {
    Map<String, Deviation> byStep = new HashMap<>();
    for (JsonNode entry : document.path("deviations")) {
      String key = key(entry.get("file").asText(), entry.get("step").asText());
      if (byStep.put(key, new Deviation(entry.get("expect"), entry.path("why").asText())) != null) {
        throw new IllegalArgumentException("duplicate deviation for " + key);
      }
    }
    return new Deviations(byStep);
  }

  Optional<Deviation> find(String file, String step) {
    return Optional.ofNullable(byStep.get(key(file, step)));
  }

  private static String key(String file, String step) {
    return file + "\u0000" + step;
  }
}
