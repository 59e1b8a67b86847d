package org.authnz.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;

/**
 * A client of one sidecar (or of the baseline server): builds request envelopes, encrypts each one
 * afresh (a new Fernet IV and a new {@code reqid} every time, so no two requests are alike), posts
 * it, and decrypts the answer. Thread-safe.
 */
final class LoadRequests {

  private static final ObjectMapper JSON = WireCodec.json();
  private static final AtomicLong REQIDS = new AtomicLong();

  private final HttpClient http;
  private final URI uri;
  private final WireCodec codec;

  LoadRequests(HttpClient http, int port, String fernetKey) {
    this.http = http;
    this.uri = URI.create("http://127.0.0.1:" + port + "/");
    this.codec = WireCodec.of(Fernet.of(fernetKey));
  }

  /** The request envelope of {@code spec/wire-protocol.md} section 4. */
  static ObjectNode envelope(String action, String reqid, ObjectNode body) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("request", action);
    envelope.put("reqid", reqid);
    envelope.put("client_ipaddr", "127.0.0.1");
    envelope.set("body", body);
    return envelope;
  }

  static ObjectNode body() {
    return JSON.createObjectNode();
  }

  /**
   * Sends one action and returns the decrypted response envelope.
   *
   * @throws IllegalStateException when the answer is not HTTP 200
   */
  JsonNode call(String action, ObjectNode body) throws IOException, InterruptedException {
    String reqid = Long.toString(REQIDS.incrementAndGet());
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(codec.encode(envelope(action, reqid, body))))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(action + " answered HTTP " + response.statusCode());
    }
    return codec.decode(response.body());
  }

  /** Sends one action and returns the response envelope, which must report success. */
  JsonNode succeed(String action, ObjectNode body) throws IOException, InterruptedException {
    JsonNode answer = call(action, body);
    if (!answer.path("success").asBoolean()) {
      throw new IllegalStateException(action + " failed: " + answer.path("messages"));
    }
    return answer;
  }
}
