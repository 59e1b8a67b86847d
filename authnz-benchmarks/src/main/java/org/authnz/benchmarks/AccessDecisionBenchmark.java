package org.authnz.benchmarks;

import java.util.concurrent.TimeUnit;
import org.authnz.policy.PermissionPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One access decision of the bundled default policy ({@code permissions.md} section 3), the pure
 * part of {@code user-check-access} without the store: the time per decision for an owned item, an
 * item of another user, and a shared item whose list names the requester.
 *
 * <p>Run: {@code java -jar authnz-benchmarks/target/benchmarks.jar AccessDecision}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessDecisionBenchmark {

  /** The relation of the requester (user 4) to the item, as in the decision table. */
  @Param({"owned", "other", "shared-with"})
  public String relation;

  private PermissionPolicy policy;
  private long owner;
  private String sharedWith;
  private String visibility;

  // Inputs are fields, not constants, so the JIT cannot fold the decision away.
  private long userId = 4;
  private String role = "authenticated";
  private String action = "view";
  private String item = "dataset";

  @Setup
  public void setUp() {
    policy = PermissionPolicy.bundledDefault();
    switch (relation) {
      case "owned" -> {
        owner = 4;
        sharedWith = "";
        visibility = "private";
      }
      case "other" -> {
        owner = 5;
        sharedWith = "";
        visibility = "public";
      }
      case "shared-with" -> {
        owner = 5;
        sharedWith = "4,6";
        visibility = "shared";
      }
      default -> throw new IllegalArgumentException("relation " + relation);
    }
    if (!decide()) {
      throw new IllegalStateException("the benchmarked decision should be allow");
    }
  }

  /** The decision; JMH consumes the result. */
  @Benchmark
  public boolean decide() {
    return policy.allows(userId, role, action, item, owner, visibility, sharedWith);
  }
}
