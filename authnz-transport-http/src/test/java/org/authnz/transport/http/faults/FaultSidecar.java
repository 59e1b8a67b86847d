package org.authnz.transport.http.faults;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.authnz.AuthnzService;
import org.authnz.CachingStore;
import org.authnz.limits.CounterStore;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.spi.AuthnzStore;
import org.authnz.transport.http.AuthnzHttpServer;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.jspecify.annotations.Nullable;

/**
 * A real sidecar on 127.0.0.1 put together as {@code authnzrv} does it (the store read through a
 * one-second {@link CachingStore}, counters and failed-login throttle on the given {@link
 * CounterStore}, the default worker pool and request time limit), with a light Argon2id cost, and a
 * small wire client that times every answer.
 */
final class FaultSidecar implements AutoCloseable {

  static final String ADMIN_EMAIL = "admin@faults.test";
  static final String ADMIN_PASSWORD = "Faults-Admin-Pass-4Jx8";

  /** Long enough that a hang shows up as a slow answer, not as a stuck test. */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

  private static final AtomicLong REQIDS = new AtomicLong(1);

  private final AuthnzService service;
  private final AuthnzHttpServer server;
  private final WireCodec codec;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(CLIENT_TIMEOUT).build();

  private FaultSidecar(AuthnzService service, AuthnzHttpServer server, WireCodec codec) {
    this.service = service;
    this.server = server;
    this.codec = codec;
  }

  /**
   * Starts a sidecar on {@code store} (initialised when empty). Rate limiting is on with {@code
   * limits} (the {@code ratelimits} map) when that is not null, and off otherwise. Closing the
   * sidecar closes the store, not the counters.
   */
  static FaultSidecar start(
      AuthnzStore store, CounterStore counters, @Nullable Map<String, Integer> limits) {
    CachingStore cached = CachingStore.wrap(store, Duration.ofSeconds(1));
    AuthnzService service =
        AuthnzService.builder()
            .store(cached)
            .argon2(8 * 1024, 1, 1)
            .userLockTries(1000)
            .userLockTime(Duration.ofSeconds(15))
            .build();
    try {
      service.initialize(ADMIN_EMAIL, ADMIN_PASSWORD);
      String key = Fernet.generateKey();
      AuthnzHttpServer.Builder builder =
          AuthnzHttpServer.builder()
              .service(service)
              .secret(key)
              .port(0)
              .counterStore(counters)
              .loginThrottle(
                  new FailedLoginThrottle(
                      counters, cached, Clock.systemUTC(), 1000, Duration.ofSeconds(15)))
              .rateLimitingEnabled(limits != null);
      if (limits != null) {
        builder.rateLimits(limits);
      }
      AuthnzHttpServer server = builder.build();
      server.start();
      return new FaultSidecar(service, server, WireCodec.of(Fernet.of(key)));
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /** A new, empty request body. */
  static ObjectNode body() {
    return WireCodec.json().createObjectNode();
  }

  /**
   * Sends one action and returns the timed answer; an I/O failure (the sidecar closed the
   * connection, or no answer within a minute) is an answer with status 0.
   */
  Answer call(String action, ObjectNode body, String clientIp) throws InterruptedException {
    ObjectNode envelope = WireCodec.json().createObjectNode();
    envelope.put("request", action);
    envelope.set("body", body);
    envelope.put("reqid", REQIDS.getAndIncrement());
    envelope.put("client_ipaddr", clientIp);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
            .timeout(CLIENT_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(codec.encode(envelope), US_ASCII))
            .build();
    return send(action, request, true);
  }

  /** {@code GET /health}, timed. */
  Answer health() throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
            .timeout(CLIENT_TIMEOUT)
            .GET()
            .build();
    return send("health", request, false);
  }

  private Answer send(String action, HttpRequest request, boolean encrypted)
      throws InterruptedException {
    long started = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      JsonNode envelope =
          encrypted && response.statusCode() == 200 ? codec.decode(response.body()) : null;
      return new Answer(action, response.statusCode(), response.body(), envelope, took);
    } catch (IOException e) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      return new Answer(action, 0, e.getClass().getName(), null, took);
    }
  }

  @Override
  public void close() {
    server.close();
    service.close();
  }

  /**
   * One answer.
   *
   * @param status the HTTP status, or 0 when none came
   * @param body the raw body (the exception's class name when none came)
   * @param envelope the decrypted envelope of a 200 to {@code POST /}
   */
  record Answer(
      String action, int status, String body, @Nullable JsonNode envelope, Duration took) {

    /** Whether the action succeeded ({@code success} true in a 200 envelope). */
    boolean succeeded() {
      return envelope != null && envelope.path("success").asBoolean(false);
    }

    /** The envelope's {@code response}, or a missing node. */
    JsonNode response() {
      return envelope == null ? WireCodec.json().missingNode() : envelope.path("response");
    }

    @Override
    public String toString() {
      return action + " -> " + status + " in " + took.toMillis() + " ms: " + summary();
    }

    private String summary() {
      if (envelope != null) {
        return "success=" + succeeded() + " " + envelope.path("failure_reason").asText("");
      }
      return body.length() > 120 ? body.substring(0, 120) : body;
    }
  }
}
