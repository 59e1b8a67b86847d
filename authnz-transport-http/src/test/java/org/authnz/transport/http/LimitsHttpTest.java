package org.authnz.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.authnz.AuthnzService;
import org.authnz.limits.CounterStore;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.limits.MemoryCounterStore;
import org.authnz.limits.RedisCounterStore;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.testing.MachineServices;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limits and the failed-login throttle through real sidecars on loopback. */
class LimitsHttpTest {

  private static final String KEY = Fernet.generateKey();
  private static final WireCodec CODEC = WireCodec.of(Fernet.of(KEY));
  private static final String ADMIN = "admin@test.org";
  private static final String PASSWORD = "Limits-Test-Admin-Pass-4Kw9";
  private static final String RATE_LIMITED =
      "HTTP 429: Could not service this request because the set rate limit has been exceeded.";

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);
  private final HttpClient http = HttpClient.newBuilder().executor(clientThreads).build();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    clientThreads.shutdownNow();
  }

  private AuthnzHttpServer sidecar(
      Path database, CounterStore counters, int tries, Map<String, Integer> limits) {
    return sidecar(database, counters, tries, limits, Duration.ZERO);
  }

  private AuthnzHttpServer sidecar(
      Path database,
      CounterStore counters,
      int tries,
      Map<String, Integer> limits,
      Duration stopGrace) {
    JdbcStore store = JdbcStore.sqlite(database);
    // A light Argon2id cost: these tests are about counting and threads, and 200 default-cost
    // hashes on a 2-core machine would outlast the 30 s action time limit.
    AuthnzService service =
        AuthnzService.builder().store(store).userLockTries(tries).argon2(8 * 1024, 1, 1).build();
    open.add(service);
    service.initialize(ADMIN, PASSWORD);
    AuthnzHttpServer server =
        AuthnzHttpServer.builder()
            .service(service)
            .secret(KEY)
            .port(0)
            .stopGrace(stopGrace)
            .rateLimits(limits)
            .counterStore(counters)
            .loginThrottle(
                new FailedLoginThrottle(
                    counters, store, Clock.systemUTC(), tries, Duration.ofHours(1)))
            .build();
    open.add(server);
    server.start();
    return server;
  }

  /** A login without a password: fails schema validation, so it counts without an Argon2 check. */
  private static String loginWithoutPassword(String email, String client) {
    ObjectNode envelope = WireCodec.json().createObjectNode();
    envelope.put("request", "user-login");
    envelope.put("reqid", 3);
    envelope.put("client_ipaddr", client);
    envelope.putObject("body").put("email", email).put("session_token", "no-such-session");
    return CODEC.encode(envelope);
  }

  private static String login(String email, String password, String client) {
    ObjectNode envelope = WireCodec.json().createObjectNode();
    envelope.put("request", "user-login");
    envelope.put("reqid", 1);
    envelope.put("client_ipaddr", client);
    ObjectNode body = envelope.putObject("body");
    body.put("email", email);
    body.put("password", password);
    body.put("session_token", "no-such-session");
    return CODEC.encode(envelope);
  }

  private static String userList(String client) {
    ObjectNode envelope = WireCodec.json().createObjectNode();
    envelope.put("request", "user-list");
    envelope.put("reqid", 2);
    envelope.put("client_ipaddr", client);
    envelope.putObject("body").putNull("user_id");
    return CODEC.encode(envelope);
  }

  private CompletableFuture<HttpResponse<String>> post(AuthnzHttpServer server, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
            .timeout(Duration.ofMinutes(2))
            .POST(BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, BodyHandlers.ofString());
  }

  @Test
  void post_overTheAggressiveLimit_is429WithRetryAfterAndTheReferenceText() throws Exception {
    AuthnzHttpServer server =
        sidecar(
            dir.resolve("a.sqlite"),
            new MemoryCounterStore(Duration.ofHours(1)),
            10,
            Map.of("user-list", 3));
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i < 5; i++) {
      last = post(server, userList("198.51.100.7")).get(30, TimeUnit.SECONDS);
      statuses.add(last.statusCode());
    }
    assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
    assertThat(last.headers().firstValue("Retry-After")).hasValue("180");
    assertThat(last.headers().firstValue("Content-Type")).hasValue("text/plain; charset=UTF-8");
    assertThat(last.body()).isEqualTo(RATE_LIMITED);
  }

  @Test
  void post_200ConcurrentFailedLogins_allAnsweredLaterWithoutAThreadEach() throws Exception {
    AuthnzHttpServer server =
        sidecar(dir.resolve("b.sqlite"), new MemoryCounterStore(Duration.ofHours(1)), 10, Map.of());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int before = threads.getThreadCount();
    threads.resetPeakThreadCount();

    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // distinct clients: the aggressive user-login limit is per client
      sent.add(
          post(
              server,
              login("nobody" + i + "@test.org", "wrong", "10.1." + i / 250 + "." + i % 250)));
    }
    int answered = 0;
    for (CompletableFuture<HttpResponse<String>> reply : sent) {
      HttpResponse<String> response = reply.get(2, TimeUnit.MINUTES);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode envelope = CODEC.decode(response.body());
      assertThat(envelope.get("success").booleanValue()).isFalse();
      answered++;
    }

    assertThat(answered).isEqualTo(200);
    assertThat(threads.getPeakThreadCount() - before).isLessThan(100);
  }

  @Test
  void close_whileAFailedLoginIsHeldBack_sendsItsAnswerAndStopsWithinTheGrace() throws Exception {
    // Regression: a stop (SIGTERM) during a failed login's delay closed the connection unanswered
    // and the HTTP server's stop timed out.
    String email = "slowed@test.org";
    MemoryCounterStore memory = new MemoryCounterStore(Duration.ofHours(1));
    for (int i = 0; i < 9; i++) {
      memory.addFailure(email, Instant.now()); // the next failure is held back 38.4 s
    }
    CountDownLatch tenthFailure = new CountDownLatch(1);
    CounterStore counters =
        new CounterStore() {
          @Override
          public Count increment(String key, Instant now) {
            return memory.increment(key, now);
          }

          @Override
          public long addFailure(String key, Instant now) {
            long failures = memory.addFailure(key, now);
            tenthFailure.countDown();
            return failures;
          }

          @Override
          public void clearFailures(String key) {
            memory.clearFailures(key);
          }
        };
    Duration grace = Duration.ofSeconds(10);
    AuthnzHttpServer server = sidecar(dir.resolve("e.sqlite"), counters, 10, Map.of(), grace);

    CompletableFuture<HttpResponse<String>> reply =
        post(server, login(email, "wrong", "192.0.2.4"));
    assertThat(tenthFailure.await(30, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    server.close();
    Duration stopping = Duration.ofNanos(System.nanoTime() - start);

    HttpResponse<String> response = reply.get(5, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode envelope = CODEC.decode(response.body());
    assertThat(envelope.get("success").booleanValue()).isFalse();
    assertThat(envelope.get("failure_reason").asText()).isNotBlank();
    assertThat(stopping).isLessThan(grace); // the stop did not wait out its time-out
  }

  @Test
  void twoSidecarsOnOneDatabaseAndRedis_shareFailedLoginsAndRateLimits() throws Exception {
    MachineServices.requireRedis();
    String prefix = "authnz-test:" + UUID.randomUUID() + ":";
    open.add(() -> deleteRedisKeys(prefix)); // closed last, after the stores
    RedisCounterStore sharedA =
        new RedisCounterStore("redis://127.0.0.1:6379", prefix, Duration.ofHours(1));
    RedisCounterStore sharedB =
        new RedisCounterStore("redis://127.0.0.1:6379", prefix, Duration.ofHours(1));
    open.add(sharedA);
    open.add(sharedB);
    Path database = dir.resolve("shared.sqlite");
    AuthnzHttpServer a = sidecar(database, sharedA, 2, Map.of("user-list", 3));
    AuthnzHttpServer b = sidecar(database, sharedB, 2, Map.of("user-list", 3));

    List<String> messages = new ArrayList<>();
    AuthnzHttpServer[] order = {a, b, a};
    for (AuthnzHttpServer server : order) {
      JsonNode envelope =
          CODEC.decode(
              post(server, login(ADMIN, "wrong", "192.0.2.1")).get(60, TimeUnit.SECONDS).body());
      messages.add(envelope.get("messages").toString());
    }
    assertThat(messages.get(2)).contains("has been locked after repeated login failures");
    JsonNode correct =
        CODEC.decode(post(b, login(ADMIN, PASSWORD, "192.0.2.2")).get(60, TimeUnit.SECONDS).body());
    assertThat(correct.get("success").booleanValue()).isFalse();

    List<Integer> statuses = new ArrayList<>();
    for (AuthnzHttpServer server : new AuthnzHttpServer[] {a, b, a, b}) {
      statuses.add(post(server, userList("192.0.2.9")).get(30, TimeUnit.SECONDS).statusCode());
    }
    assertThat(statuses).containsExactly(200, 200, 200, 429);
  }

  private static void deleteRedisKeys(String prefix) {
    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = connection.sync().keys(prefix + "*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown();
    }
  }
}
