package org.authnz.transport.http.conformance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The results of one scenario file, in step order. */
record ScenarioReport(String file, List<StepResult> results) {

  ScenarioReport {
    results = List.copyOf(results);
  }

  long count(StepResult.Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  List<StepResult> with(StepResult.Status status) {
    return results.stream().filter(r -> r.status() == status).collect(Collectors.toList());
  }

  /** One summary line. */
  String summary() {
    Map<StepResult.Status, Long> counts = new TreeMap<>();
    for (StepResult.Status status : StepResult.Status.values()) {
      counts.put(status, count(status));
    }
    return String.format(
        "%-32s steps %3d: pass %3d, deviation-pass %2d, fail %3d, waiting %3d",
        file,
        results.size(),
        counts.get(StepResult.Status.PASS),
        counts.get(StepResult.Status.DEVIATION_PASS),
        counts.get(StepResult.Status.FAIL),
        counts.get(StepResult.Status.WAITING));
  }

  /** The summary line and one line per step, with the details of failed and waiting steps. */
  String render() {
    StringBuilder out = new StringBuilder(summary()).append('\n');
    for (StepResult result : results) {
      out.append(
          String.format("  %-14s %-26s %s%n", result.status(), result.action(), result.step()));
      for (String detail : result.details()) {
        out.append("                 - ").append(detail).append('\n');
      }
    }
    return out.toString();
  }
}
