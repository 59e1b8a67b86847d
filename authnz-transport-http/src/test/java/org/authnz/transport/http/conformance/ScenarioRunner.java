package org.authnz.transport.http.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.authnz.transport.http.conformance.ScenarioVariables.UndefinedVariableException;
import org.authnz.transport.http.conformance.StepResult.Status;
import org.jspecify.annotations.Nullable;

/**
 * Runs scenario files of {@code /work/shared/conformance/FORMAT.md} against one sidecar.
 *
 * <p>Every step is executed, waiting ones included, so that their captures and side effects are
 * there for later steps; a step the {@link StepClassifier} marks as waiting is reported as WAITING
 * with what it observed, and never counts as a failure. A step that needs a variable that an
 * earlier step did not capture is WAITING when that earlier step was waiting, and FAIL otherwise.
 *
 * <p>Not thread-safe.
 */
final class ScenarioRunner {

  /** What the runner needs from the wire; {@link WireClient} in real runs. */
  interface Transport {
    String body(byte[] plaintext, WireClient.Encryption encryption, @Nullable Long fernetTime);

    String body(JsonNode envelope);

    Observed send(WireClient.Request request) throws IOException, InterruptedException;
  }

  /** Says which steps belong to a later issue. */
  interface StepClassifier {
    /**
     * Why the step is WAITING, or empty when it must pass now.
     *
     * @param action the action the step sends ({@link #describeAction}), e.g. {@code user-new} or
     *     {@code (GET /health)}
     */
    Optional<String> waitingReason(String file, String step, String action);
  }

  /** Waits for sleep steps and {@code sleep_before}. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Transport transport;
  private final Deviations deviations;
  private final StepClassifier classifier;
  private final Clock clock;
  private final Random random;
  private final Sleeper sleeper;
  private final String adminEmail;
  private final String adminPassword;
  private final AtomicLong nextReqid = new AtomicLong(1);

  ScenarioRunner(
      Transport transport,
      Deviations deviations,
      StepClassifier classifier,
      Clock clock,
      Random random,
      Sleeper sleeper,
      String adminEmail,
      String adminPassword) {
    this.transport = transport;
    this.deviations = deviations;
    this.classifier = classifier;
    this.clock = clock;
    this.random = random;
    this.sleeper = sleeper;
    this.adminEmail = adminEmail;
    this.adminPassword = adminPassword;
  }

  /** Where a variable that is not defined should have come from. */
  private record Missing(String producer, boolean producerWaiting) {}

  /** State of one scenario run. */
  private final class Run {
    final String file;
    final ScenarioVariables vars =
        ScenarioVariables.forRun(clock, random, adminEmail, adminPassword);
    final Map<String, JsonNode> stepsByName = new HashMap<>();
    final Map<String, WireClient.Request> sent = new HashMap<>();
    final Map<String, Missing> missing = new LinkedHashMap<>();

    /** Variables captured by a step that did not pass, with that step's name. */
    final Map<String, String> doubtful = new HashMap<>();

    /** The last earlier WAITING step that did not pass (its effects may be missing). */
    @Nullable String lastUnmetWaiting;

    Run(String file) {
      this.file = file;
    }
  }

  /** Runs one scenario file, step by step, in order. */
  ScenarioReport run(String file, JsonNode scenario) throws InterruptedException {
    Run run = new Run(file);
    List<StepResult> results = new ArrayList<>();
    run.vars.defineAll(scenario.path("vars"));
    for (JsonNode step : scenario.path("steps")) {
      results.add(runStep(run, step));
      run.stepsByName.put(step.path("name").asText(), step);
    }
    return new ScenarioReport(file, results);
  }

  private StepResult runStep(Run run, JsonNode step) throws InterruptedException {
    String name = step.path("name").asText();
    if (step.has("sleep")) {
      sleeper.sleep(Duration.ofMillis(Math.round(step.get("sleep").asDouble() * 1000)));
      return new StepResult(name, "(sleep)", Status.PASS, List.of());
    }
    String action = describeAction(step, run.stepsByName);
    Optional<String> waiting = classifier.waitingReason(run.file, name, action);
    Optional<Deviations.Deviation> deviation = deviations.find(run.file, name);

    List<String> diffs = new ArrayList<>();
    Observed observed = null;
    try {
      WireClient.Request request = buildRequest(run, step);
      if (step.has("sleep_before")) {
        sleeper.sleep(Duration.ofMillis(Math.round(step.get("sleep_before").asDouble() * 1000)));
      }
      observed = transport.send(request);
      run.sent.put(name, request);
      JsonNode expect = deviation.map(Deviations.Deviation::expect).orElse(step.path("expect"));
      diffs.addAll(Expectations.check(run.vars.substitute(expect), observed));
    } catch (UndefinedVariableException e) {
      Missing source = run.missing.get(e.variable());
      if (source != null && (source.producerWaiting() || waiting.isPresent())) {
        markCapturesMissing(run, step, name, true);
        run.lastUnmetWaiting = name;
        return new StepResult(
            name,
            action,
            Status.WAITING,
            List.of(
                "needs ${"
                    + e.variable()
                    + "}, which WAITING step '"
                    + source.producer()
                    + "' did not capture"));
      }
      diffs.add(
          source == null
              ? e.getMessage()
              : "needs ${"
                  + e.variable()
                  + "}, not captured: step '"
                  + source.producer()
                  + "' failed");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      diffs.add(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    if (observed != null) {
      capture(run, step, name, observed, diffs, waiting.isPresent());
    } else {
      markCapturesMissing(run, step, name, waiting.isPresent());
    }

    boolean passed = diffs.isEmpty();
    List<String> hints = passed ? List.of() : hints(run, step);
    if (step.has("capture")) {
      step.get("capture")
          .fieldNames()
          .forEachRemaining(
              var -> {
                if (passed) {
                  run.doubtful.remove(var);
                } else {
                  run.doubtful.put(var, name);
                }
              });
    }
    if (waiting.isPresent() && !passed) {
      run.lastUnmetWaiting = name;
    }

    if (waiting.isPresent()) {
      List<String> details = new ArrayList<>();
      details.add(waiting.get());
      details.add(diffs.isEmpty() ? "(it passes already)" : "(it does not pass yet:)");
      details.addAll(diffs);
      return new StepResult(name, action, Status.WAITING, details);
    }
    if (!diffs.isEmpty()) {
      if (deviation.isPresent()) {
        diffs.add(0, "(checked against the deviations.json expectation)");
      }
      diffs.addAll(hints);
      return new StepResult(name, action, Status.FAIL, diffs);
    }
    return deviation.isPresent()
        ? new StepResult(name, action, Status.DEVIATION_PASS, List.of(deviation.get().why()))
        : new StepResult(name, action, Status.PASS, List.of());
  }

  /** Hints for a step that did not pass: doubtful inputs, and unmet WAITING steps before it. */
  private static List<String> hints(Run run, JsonNode step) {
    List<String> hints = new ArrayList<>();
    String text = step.toString();
    run.doubtful.forEach(
        (var, producer) -> {
          if (text.contains("${" + var + "}") || text.contains("${str:" + var + "}")) {
            hints.add(
                "(hint: uses ${"
                    + var
                    + "}, captured by step '"
                    + producer
                    + "' that did not pass)");
          }
        });
    if (run.lastUnmetWaiting != null) {
      hints.add(
          "(hint: WAITING step '"
              + run.lastUnmetWaiting
              + "' earlier in this file does not pass yet; this step may rely on its effect)");
    }
    return hints;
  }

  private void capture(
      Run run, JsonNode step, String name, Observed observed, List<String> diffs, boolean waiting) {
    JsonNode captures = step.get("capture");
    if (captures == null) {
      return;
    }
    Optional<JsonNode> document = observed.document();
    for (Iterator<Map.Entry<String, JsonNode>> it = captures.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> capture = it.next();
      String path = capture.getValue().asText();
      Optional<JsonNode> value = document.flatMap(doc -> JsonPaths.find(doc, path));
      if (value.isPresent()) {
        run.vars.put(capture.getKey(), value.get());
        run.missing.remove(capture.getKey());
      } else {
        diffs.add("capture " + capture.getKey() + ": path '" + path + "' does not exist");
        run.missing.put(capture.getKey(), new Missing(name, waiting));
      }
    }
  }

  private static void markCapturesMissing(Run run, JsonNode step, String name, boolean waiting) {
    JsonNode captures = step.get("capture");
    if (captures != null) {
      captures
          .fieldNames()
          .forEachRemaining(var -> run.missing.put(var, new Missing(name, waiting)));
    }
  }

  private WireClient.Request buildRequest(Run run, JsonNode step) {
    if (step.has("replay")) {
      String target = step.get("replay").asText();
      WireClient.Request earlier = run.sent.get(target);
      if (earlier == null) {
        throw new IllegalArgumentException("replay: no earlier sent step named '" + target + "'");
      }
      return earlier;
    }

    String method = step.path("method").asText("POST");
    String path = step.path("path").asText("/");
    Map<String, String> headers = new LinkedHashMap<>();
    JsonNode headerTemplate = step.get("headers");
    if (headerTemplate != null) {
      run.vars
          .substitute(headerTemplate)
          .fields()
          .forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
    }
    if (!method.equals("POST")) {
      return new WireClient.Request(method, path, headers, null, null);
    }
    if (step.has("raw_body")) {
      String raw = run.vars.substitute(step.get("raw_body")).asText();
      return new WireClient.Request(method, path, headers, raw, null);
    }

    WireClient.Encryption encryption =
        WireClient.Encryption.of(step.path("encrypt").asText("default"));
    Long fernetTime = step.has("fernet_time") ? fernetTime(step.get("fernet_time")) : null;
    if (step.has("plaintext")) {
      String plaintext = run.vars.substitute(step.get("plaintext")).asText();
      String body = transport.body(plaintext.getBytes(UTF_8), encryption, fernetTime);
      return new WireClient.Request(method, path, headers, body, null);
    }

    JsonNode envelope = envelope(run, step);
    JsonNode reqid = envelope.isObject() ? envelope.get("reqid") : null;
    String body =
        encryption == WireClient.Encryption.DEFAULT && fernetTime == null
            ? transport.body(envelope)
            : transport.body(JsonValues.compact(envelope).getBytes(UTF_8), encryption, fernetTime);
    return new WireClient.Request(method, path, headers, body, reqid);
  }

  /** The request envelope of a step: {@code envelope}, or the default one with the merge. */
  private JsonNode envelope(Run run, JsonNode step) {
    if (step.has("envelope")) {
      return run.vars.substitute(step.get("envelope"));
    }
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    // A step without "action" or "body" sends an envelope without that key.
    if (step.has("action")) {
      envelope.set("request", run.vars.substitute(step.get("action")));
    }
    if (step.has("body")) {
      envelope.set("body", run.vars.substitute(step.get("body")));
    }
    envelope.set("reqid", LongNode.valueOf(nextReqid.getAndIncrement()));
    envelope.set("client_ipaddr", run.vars.substitute(JsonValues.parse("\"${client_ip}\"")));
    JsonNode merge = step.get("envelope_merge");
    if (merge != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = run.vars.substitute(merge).fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isTextual() && field.getValue().textValue().equals("$omit")) {
          envelope.remove(field.getKey());
        } else {
          envelope.set(field.getKey(), field.getValue());
        }
      }
    }
    return envelope;
  }

  private long fernetTime(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    String text = value.asText();
    long now = clock.instant().getEpochSecond();
    if (text.startsWith("+") || text.startsWith("-")) {
      return now + Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    }
    return Long.parseLong(text);
  }

  /** A short label for what a step sends: the action, or the transport-level request. */
  static String describeAction(JsonNode step, Map<String, JsonNode> earlierSteps) {
    if (step.has("sleep")) {
      return "(sleep)";
    }
    if (step.has("replay")) {
      JsonNode target = earlierSteps.get(step.get("replay").asText());
      return target == null ? "(replay)" : describeAction(target, earlierSteps);
    }
    String method = step.path("method").asText("POST");
    if (!method.equals("POST") || step.has("path")) {
      return "(" + method + " " + step.path("path").asText("/") + ")";
    }
    if (step.has("raw_body")) {
      return "(raw body)";
    }
    if (step.has("plaintext")) {
      return "(plaintext)";
    }
    JsonNode action =
        step.has("envelope") ? step.get("envelope").get("request") : step.get("action");
    if (action != null && action.isTextual()) {
      return action.textValue();
    }
    return "(request " + (action == null ? "absent" : action.toString()) + ")";
  }
}
