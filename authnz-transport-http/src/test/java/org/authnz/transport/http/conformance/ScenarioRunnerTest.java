package org.authnz.transport.http.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.authnz.transport.http.conformance.StepResult.Status;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The runner's own logic against a scripted transport (no server). */
class ScenarioRunnerTest {

  /** Answers every envelope with {@code answer}; "encrypts" as {@code ENC:} + plaintext. */
  private static final class FakeTransport implements ScenarioRunner.Transport {
    final List<WireClient.Request> requests = new ArrayList<>();
    final List<String> encryptions = new ArrayList<>();
    final Function<JsonNode, JsonNode> answer;

    FakeTransport(Function<JsonNode, JsonNode> answer) {
      this.answer = answer;
    }

    @Override
    public String body(
        byte[] plaintext, WireClient.Encryption encryption, @Nullable Long fernetTime) {
      encryptions.add(encryption + "@" + fernetTime);
      return "ENC:" + new String(plaintext, UTF_8);
    }

    @Override
    public String body(JsonNode envelope) {
      encryptions.add("DEFAULT@null");
      return "ENC:" + JsonValues.compact(envelope);
    }

    @Override
    public Observed send(WireClient.Request request) {
      requests.add(request);
      String body = request.body();
      if (body == null || !body.startsWith("ENC:{")) {
        return new Observed(200, Map.of(), body == null ? "" : body, null, null, null);
      }
      JsonNode envelope = JsonValues.parse(request.body().substring(4));
      ObjectNode reply = (ObjectNode) answer.apply(envelope);
      reply.set("reqid", envelope.get("reqid"));
      return new Observed(200, Map.of(), "x", reply, null, request.reqid());
    }
  }

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

  private final List<Duration> slept = new ArrayList<>();

  private ScenarioRunner runner(
      FakeTransport transport, Deviations deviations, ScenarioRunner.StepClassifier classifier) {
    return new ScenarioRunner(
        transport, deviations, classifier, CLOCK, new Random(1), slept::add, "a@b.c", "pw");
  }

  private static ScenarioRunner.StepClassifier waitingFor(String action) {
    return (file, step, sent) ->
        sent.equals(action) ? Optional.of("later issue: " + action) : Optional.empty();
  }

  private static JsonNode echoBody(JsonNode envelope) {
    return JsonValues.parse(
        "{\"success\": true, \"response\": " + JsonValues.compact(envelope.get("body")) + "}");
  }

  @Test
  void run_defaultEnvelopeWithMergeAndOmit_isBuiltAsSpecified() throws Exception {
    FakeTransport transport = new FakeTransport(ScenarioRunnerTest::echoBody);
    JsonNode scenario =
        JsonValues.parse(
            "{\"vars\": {\"v\": 5}, \"steps\": [{\"name\": \"s\", \"action\": \"a\", \"body\":"
                + " {\"n\": \"${v}\"}, \"envelope_merge\": {\"reqid\": \"r-${v}\","
                + " \"client_ipaddr\": \"$omit\", \"x\": 1}, \"expect\": {\"success\": true,"
                + " \"reqid_echoed\": true, \"values\": {\"response.n\": 5}}}]}");

    ScenarioReport report =
        runner(transport, Deviations.none(), waitingFor("none")).run("f", scenario);

    assertThat(report.results()).extracting(StepResult::status).containsExactly(Status.PASS);
    JsonNode sent = JsonValues.parse(transport.requests.get(0).body().substring(4));
    assertThat(sent)
        .isEqualTo(
            JsonValues.parse(
                "{\"request\": \"a\", \"body\": {\"n\": 5}, \"reqid\": \"r-5\", \"x\": 1}"));
  }

  @Test
  void run_defaultReqids_areFreshIntegersAndClientIpIsTheRunOne() throws Exception {
    FakeTransport transport = new FakeTransport(ScenarioRunnerTest::echoBody);
    JsonNode scenario =
        JsonValues.parse(
            "{\"steps\": [{\"name\": \"1\", \"action\": \"a\", \"body\": {}, \"expect\": {}},"
                + " {\"name\": \"2\", \"action\": \"a\", \"body\": {\"ip\": \"${client_ip}\"},"
                + " \"expect\": {}}]}");

    runner(transport, Deviations.none(), waitingFor("none")).run("f", scenario);

    JsonNode first = JsonValues.parse(transport.requests.get(0).body().substring(4));
    JsonNode second = JsonValues.parse(transport.requests.get(1).body().substring(4));
    assertThat(first.get("reqid").isIntegralNumber()).isTrue();
    assertThat(first.get("reqid")).isNotEqualTo(second.get("reqid"));
    assertThat(second.get("client_ipaddr")).isEqualTo(second.at("/body/ip"));
  }

  @Test
  void run_failingExpectation_isFailWithTheDiff() throws Exception {
    FakeTransport transport = new FakeTransport(ScenarioRunnerTest::echoBody);
    JsonNode scenario =
        JsonValues.parse(
            "{\"steps\": [{\"name\": \"s\", \"action\": \"a\", \"body\": {\"n\": true},"
                + " \"expect\": {\"values\": {\"response.n\": 1}}}]}");

    StepResult result =
        runner(transport, Deviations.none(), waitingFor("none"))
            .run("f", scenario)
            .results()
            .get(0);

    assertThat(result.status()).isEqualTo(Status.FAIL);
    assertThat(result.details()).containsExactly("values.response.n: expected 1 but got true");
  }

  @Test
  void run_listedDeviation_isCheckedAgainstTheReplacement() throws Exception {
    FakeTransport transport = new FakeTransport(ScenarioRunnerTest::echoBody);
    JsonNode scenario =
        JsonValues.parse(
            "{\"steps\": [{\"name\": \"dev\", \"action\": \"a\", \"body\": {},"
                + " \"expect\": {\"success\": false}}, {\"name\": \"bad-dev\", \"action\": \"a\","
                + " \"body\": {}, \"expect\": {\"success\": true}}]}");
    Deviations deviations =
        Deviations.of(
            JsonValues.parse(
                "{\"deviations\": [{\"file\": \"f\", \"step\": \"dev\", \"expect\":"
                    + " {\"success\": true}, \"why\": \"fixed\"}, {\"file\": \"f\", \"step\":"
                    + " \"bad-dev\", \"expect\": {\"success\": false}, \"why\": \"w\"}]}"));

    List<StepResult> results =
        runner(transport, deviations, waitingFor("none")).run("f", scenario).results();

    assertThat(results)
        .extracting(StepResult::status)
        .containsExactly(Status.DEVIATION_PASS, Status.FAIL);
    assertThat(results.get(0).details()).containsExactly("fixed");
  }

  @Test
  void run_captureFromWaitingStepMissing_makesDependentsWaiting() throws Exception {
    FakeTransport transport =
        new FakeTransport(
            env ->
                env.get("request").asText().equals("later")
                    ? JsonValues.parse("{\"success\": false, \"response\": {}}")
                    : echoBody(env));
    JsonNode scenario =
        JsonValues.parse(
            "{\"steps\": [{\"name\": \"w\", \"action\": \"later\", \"body\": {}, \"expect\": {},"
                + " \"capture\": {\"k\": \"response.key\"}}, {\"name\": \"d\", \"action\": \"now\","
                + " \"body\": {\"k\": \"${k}\"}, \"expect\": {}}]}");

    List<StepResult> results =
        runner(transport, Deviations.none(), waitingFor("later")).run("f", scenario).results();

    assertThat(results)
        .extracting(StepResult::status)
        .containsExactly(Status.WAITING, Status.WAITING);
    assertThat(results.get(1).details()).singleElement().asString().contains("'w'");
  }

  @Test
  void run_captureFromFailedStep_makesDependentsFail() throws Exception {
    FakeTransport transport =
        new FakeTransport(env -> JsonValues.parse("{\"success\": false, \"response\": {}}"));
    JsonNode scenario =
        JsonValues.parse(
            "{\"steps\": [{\"name\": \"p\", \"action\": \"now\", \"body\": {}, \"expect\": {},"
                + " \"capture\": {\"k\": \"response.key\"}}, {\"name\": \"d\", \"action\": \"now\","
                + " \"body\": {\"k\": \"${k}\"}, \"expect\": {}}]}");

    List<StepResult> results =
        runner(transport, Deviations.none(), waitingFor("none")).run("f", scenario).results();

    assertThat(results).extracting(StepResult::status).containsExactly(Status.FAIL, Status.FAIL);
    assertThat(results.get(0).details())
        .containsExactly("capture k: path 'response.key' does not exist");
  }

  @Test
  void run_captureIsTypedAndReplayResendsTheSameBytes() throws Exception {
    FakeTransport transport = new FakeTransport(ScenarioRunnerTest::echoBody);
    JsonNode scenario =
        JsonValues.parse(
            "{\"steps\": [{\"name\": \"c\", \"action\": \"a\", \"body\": {\"id\": 7},"
                + " \"expect\": {}, \"capture\": {\"id\": \"response.id\"}},"
                + " {\"name\": \"use\", \"action\": \"a\", \"body\": {\"again\": \"${id}\"},"
                + " \"envelope_merge\": {\"reqid\": 777}, \"expect\": {\"values\":"
                + " {\"response.again\": 7}}}, {\"name\": \"r\", \"action\": null, \"body\": {},"
                + " \"replay\": \"use\", \"expect\": {\"reqid_echoed\": true, \"values\":"
                + " {\"reqid\": 777}}}]}");

    ScenarioReport report =
        runner(transport, Deviations.none(), waitingFor("none")).run("f", scenario);

    assertThat(report.results()).extracting(StepResult::status).containsOnly(Status.PASS);
    assertThat(report.results().get(2).action()).isEqualTo("a");
    assertThat(transport.requests.get(2)).isSameAs(transport.requests.get(1));
  }

  @Test
  void run_transportKeys_chooseBodyMethodAndEncryption() throws Exception {
    FakeTransport transport = new FakeTransport(ScenarioRunnerTest::echoBody);
    JsonNode scenario =
        JsonValues.parse(
            "{\"steps\": [{\"name\": \"get\", \"action\": null, \"body\": {}, \"method\": \"GET\","
                + " \"path\": \"/health\", \"headers\": {\"Host\": \"h-${run_id}\"}},"
                + " {\"name\": \"raw\", \"action\": null, \"body\": {}, \"raw_body\": \"x\"},"
                + " {\"name\": \"plain\", \"action\": null, \"body\": {}, \"plaintext\": \"[1]\","
                + " \"encrypt\": \"single-b64\"}, {\"name\": \"timed\", \"action\": \"a\","
                + " \"body\": {}, \"fernet_time\": \"-60\", \"encrypt\": \"wrong-key\"},"
                + " {\"name\": \"sleepy\", \"sleep\": 1.5}]}");

    ScenarioReport report =
        runner(transport, Deviations.none(), waitingFor("none")).run("f", scenario);

    assertThat(transport.requests.get(0).method()).isEqualTo("GET");
    assertThat(transport.requests.get(0).body()).isNull();
    assertThat(transport.requests.get(0).headers().get("Host")).matches("h-[0-9a-f]{8}");
    assertThat(transport.encryptions)
        .containsExactly("SINGLE_B64@null", "WRONG_KEY@" + (CLOCK.instant().getEpochSecond() - 60));
    assertThat(slept).containsExactly(Duration.ofMillis(1500));
    assertThat(transport.requests.get(1).body()).isEqualTo("x");
    assertThat(transport.requests.get(2).body()).isEqualTo("ENC:[1]");
    assertThat(report.results()).hasSize(5);
  }

  @Test
  void run_failureAfterUnmetWaitingStepOrDoubtfulCapture_carriesHints() throws Exception {
    FakeTransport transport =
        new FakeTransport(
            env -> JsonValues.parse("{\"success\": false, \"response\": {\"k\": 1}}"));
    JsonNode scenario =
        JsonValues.parse(
            "{\"steps\": [{\"name\": \"p\", \"action\": \"now\", \"body\": {},"
                + " \"expect\": {\"success\": true}, \"capture\": {\"k\": \"response.k\"}},"
                + " {\"name\": \"w\", \"action\": \"later\", \"body\": {}, \"expect\":"
                + " {\"success\": true}}, {\"name\": \"d\", \"action\": \"now\", \"body\":"
                + " {\"k\": \"${k}\"}, \"expect\": {\"success\": true}}]}");

    List<StepResult> results =
        runner(transport, Deviations.none(), waitingFor("later")).run("f", scenario).results();

    assertThat(results)
        .extracting(StepResult::status)
        .containsExactly(Status.FAIL, Status.WAITING, Status.FAIL);
    assertThat(results.get(2).details())
        .contains(
            "(hint: uses ${k}, captured by step 'p' that did not pass)",
            "(hint: WAITING step 'w' earlier in this file does not pass yet; this step may rely on"
                + " its effect)");
  }
}
