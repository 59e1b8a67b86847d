package org.authnz.transport.http.conformance;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The outcome of one scenario step.
 *
 * @param step the step's name
 * @param action the envelope action the step sends, or a description of a transport-level step
 * @param status the verdict
 * @param details why: the differences of a failure, the reason a step is waiting, and what a
 *     waiting step observed
 */
record StepResult(String step, String action, Status status, List<String> details) {

  /** The verdicts of FORMAT.md as this runner reports them. */
  enum Status {
    PASS,
    FAIL,
    DEVIATION_PASS,
    WAITING
  }

  StepResult {
    requireNonNull(step, "step");
    requireNonNull(action, "action");
    requireNonNull(status, "status");
    details = List.copyOf(details);
  }

  boolean isGood() {
    return status == Status.PASS || status == Status.DEVIATION_PASS;
  }
}
