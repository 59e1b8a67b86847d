package org.authnz.transport.http.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.authnz.transport.http.protocol.WireCodec;
import org.jspecify.annotations.Nullable;

/**
 * Sends wire requests to a sidecar for the soak test and checks each answer against the one its
 * step expects: HTTP 200, the envelope's {@code success} and {@code failure_reason}, and chosen
 * values of the {@code response}. A wrong answer is counted and thrown as {@link Mismatch}, which
 * ends the journey it belongs to. Also keeps every request's latency and a count per action.
 *
 * <p>Thread-safe.
 */
final class SoakClient {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int KEPT_ERRORS = 20;

  private final URI uri;
  private final WireCodec codec;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicLong reqids = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
  private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();

  SoakClient(URI uri, WireCodec codec) {
    this.uri = uri;
    this.codec = codec;
  }

  /** What one step expects: the outcome, its failure reason, and values of the response. */
  record Expect(boolean success, @Nullable String failureReason, Map<String, JsonNode> values) {

    static Expect ok() {
      return new Expect(true, null, Map.of());
    }

    static Expect denied(@Nullable String failureReason) {
      return new Expect(false, failureReason, Map.of());
    }

    /** Also expects the value at this JSON pointer into the {@code response}. */
    Expect with(String pointer, Object value) {
      Map<String, JsonNode> more = new LinkedHashMap<>(values);
      more.put(pointer, json(value));
      return new Expect(success, failureReason, more);
    }
  }

  /** A wrong answer: counted once, then thrown to end the journey. */
  static final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  /** Sends the action and returns the decrypted {@code response} when it is the expected one. */
  JsonNode call(String step, String action, ObjectNode body, Expect expect) {
    ObjectNode envelope = NODES.objectNode();
    envelope.put("request", action);
    envelope.put("reqid", reqids.incrementAndGet());
    envelope.put("client_ipaddr", SoakMix.CLIENT_IP);
    envelope.set("body", body);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(codec.encode(envelope)))
            .build();

    long started = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
    } catch (IOException e) {
      throw fail(step, action, "no answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw fail(step, action, "interrupted");
    } finally {
      latencies
          .computeIfAbsent(action, name -> new ConcurrentLinkedQueue<>())
          .add(System.nanoTime() - started);
    }

    if (response.statusCode() != 200) {
      throw fail(step, action, "HTTP " + response.statusCode());
    }
    JsonNode answer = codec.decode(response.body());
    check(step, action, answer, expect);
    return answer.path("response");
  }

  private void check(String step, String action, JsonNode answer, Expect expect) {
    if (answer.path("success").asBoolean() != expect.success()) {
      throw fail(step, action, "success is not " + expect.success() + ": " + summary(answer));
    }
    String reason =
        answer.hasNonNull("failure_reason") ? answer.get("failure_reason").asText() : null;
    if (!Objects.equals(reason, expect.failureReason())) {
      throw fail(
          step, action, "failure_reason is not " + expect.failureReason() + ": " + summary(answer));
    }
    for (Map.Entry<String, JsonNode> value : expect.values().entrySet()) {
      JsonNode actual = answer.path("response").at(value.getKey());
      if (!sameValue(actual, value.getValue())) {
        throw fail(step, action, value.getKey() + " is " + actual + ", not " + value.getValue());
      }
    }
  }

  private static boolean sameValue(JsonNode actual, JsonNode expected) {
    if (actual.isNumber() && expected.isNumber()) {
      return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
    }
    return actual.equals(expected);
  }

  /** The outcome of a wrong answer, without tokens or keys. */
  private static String summary(JsonNode answer) {
    return "success="
        + answer.path("success")
        + " failure_reason="
        + answer.path("failure_reason")
        + " messages="
        + answer.path("messages");
  }

  /** Counts a wrong answer and returns it to throw. */
  Mismatch fail(String step, String action, String what) {
    errors.incrementAndGet();
    if (firstErrors.size() < KEPT_ERRORS) {
      firstErrors.add(step + " (" + action + "): " + what);
    }
    return new Mismatch(step + " (" + action + "): " + what);
  }

  /** The number of wrong answers so far. */
  long errors() {
    return errors.get();
  }

  /** The first wrong answers, described. */
  List<String> firstErrors() {
    return new ArrayList<>(firstErrors);
  }

  /** The latencies so far of the requests whose action passes {@code filter}, in ns, sorted. */
  long[] sortedLatencies(Predicate<String> filter) {
    long[] all =
        latencies.entrySet().stream()
            .filter(entry -> filter.test(entry.getKey()))
            .flatMap(entry -> entry.getValue().stream())
            .mapToLong(Long::longValue)
            .toArray();
    Arrays.sort(all);
    return all;
  }

  /** Requests sent so far by action. */
  Map<String, Integer> countsByAction() {
    Map<String, Integer> counts = new TreeMap<>();
    latencies.forEach((action, times) -> counts.put(action, times.size()));
    return counts;
  }

  /** A JSON value for a Java string, number, boolean, node or null. */
  static JsonNode json(@Nullable Object value) {
    if (value == null) {
      return NODES.nullNode();
    } else if (value instanceof JsonNode node) {
      return node;
    } else if (value instanceof String text) {
      return NODES.textNode(text);
    } else if (value instanceof Boolean flag) {
      return NODES.booleanNode(flag);
    } else if (value instanceof Integer number) {
      return NODES.numberNode(number);
    } else if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    throw new IllegalArgumentException("not a JSON value: " + value.getClass());
  }

  /** A request body from key, value pairs. */
  static ObjectNode body(Object... pairs) {
    ObjectNode body = NODES.objectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      body.set((String) pairs[i], json(pairs[i + 1]));
    }
    return body;
  }
}
