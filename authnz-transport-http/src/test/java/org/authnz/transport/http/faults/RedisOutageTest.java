package org.authnz.transport.http.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.authnz.limits.CounterStore;
import org.authnz.limits.CounterStores;
import org.authnz.limits.FallbackCounterStore;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.testing.MachineServices;
import org.authnz.transport.http.faults.FaultSidecar.Answer;
import org.authnz.transport.http.faults.TcpProxy.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sidecar with {@code --ratelimitstore=redis://...} (the same {@link CounterStores#open} call),
 * its Redis reached through a {@link TcpProxy}, under a steady concurrent load of mixed actions
 * while Redis is cut for a few seconds (connections refused, or blackholed) and restored: no
 * request fails, a rate limit still refuses the request over it before, during (counted in memory)
 * and after the cut, and the sidecar counts in Redis again afterwards. Skipped without a Redis
 * server, failing instead when {@code AUTHNZ_REQUIRE_SERVICES=true}.
 */
class RedisOutageTest {
  private static final String REDIS = "redis://127.0.0.1:6379";
  private static final String PASSWORD = "Quiet-Harbor-Lantern-8152";
  private static final int LIST_LIMIT = 3;
  private static final Duration OUTAGE = Duration.ofSeconds(4);
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(45);
  private static final int LOAD_THREADS = 4;

  /** A network of client addresses of this run only, so its Redis keys are its own. */
  private final int net = new SecureRandom().nextInt(256);

  private final String run = Integer.toHexString(new SecureRandom().nextInt());
  private final AtomicInteger clients = new AtomicInteger();
  private final AtomicInteger emails = new AtomicInteger();

  @TempDir Path dir;
  private TcpProxy proxy;
  private CounterStore counters;
  private FaultSidecar sidecar;

  @BeforeEach
  void startSidecarWithRedisBehindProxy() throws IOException {
    MachineServices.requireRedis();
    proxy = TcpProxy.start(6379);
    counters =
        CounterStores.open(
            "redis://127.0.0.1:" + proxy.port(), Duration.ofHours(1), Clock.systemUTC());
    sidecar =
        FaultSidecar.start(
            JdbcStore.sqlite(dir.resolve("authnz.sqlite")),
            counters,
            Map.of("user-list", LIST_LIMIT));
  }

  @AfterEach
  void stopAndDeleteKeys() {
    if (sidecar != null) {
      sidecar.close();
    }
    if (counters != null) {
      counters.close();
    }
    if (proxy != null) {
      proxy.close();
      deleteKeys("authnz:rate:*-10." + net + ".*");
      deleteKeys("authnz:fail:*" + run + "*");
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void mixedLoad_whileRedisIsCutAndRestored_neverFailsKeepsLimitsAndCountsInRedisAgain(Fault fault)
      throws Exception {
    assertThat(counters).isInstanceOf(FallbackCounterStore.class);
    FallbackCounterStore fallback = (FallbackCounterStore) counters;
    String member = signUpVerified();
    ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < LOAD_THREADS; t++) {
      int first = t;
      Thread thread = new Thread(() -> runLoad(first, member, answers, stop), "load-" + first);
      thread.start();
      load.add(thread);
    }

    Thread.sleep(1500);
    String before = client();
    List<Integer> limitedBefore = listStatuses(before);
    boolean keptBefore = redisHas("authnz:rate:user-list-" + before);

    proxy.cut(fault);
    boolean fellBack = awaitFallingBack(fallback, true, Duration.ofSeconds(10));
    List<Integer> limitedDuring = listStatuses(client());
    Thread.sleep(OUTAGE.toMillis());
    proxy.restore();
    boolean cameBack = awaitFallingBack(fallback, false, RECOVERY_BOUND);
    int beforeAgain = listStatus(before);
    String after = client();
    List<Integer> limitedAfter = listStatuses(after);
    boolean keptAfter = redisHas("authnz:rate:user-list-" + after);
    Thread.sleep(1500);
    stop.set(true);
    for (Thread thread : load) {
      thread.join(Duration.ofSeconds(60).toMillis());
    }

    List<Answer> all = new ArrayList<>(answers);
    assertThat(load).noneMatch(Thread::isAlive);
    assertThat(all).hasSizeGreaterThan(100);
    assertThat(all).allSatisfy(answer -> assertThat(answer.succeeded()).as("%s", answer).isTrue());
    assertThat(all).extracting(Answer::action).contains("user-new", "user-login", "session-new");

    List<Integer> limited = List.of(200, 200, 200, 429);
    assertThat(limitedBefore).isEqualTo(limited);
    assertThat(keptBefore).as("counted in Redis before the cut").isTrue();
    assertThat(fellBack).as("fell back to memory while cut").isTrue();
    assertThat(limitedDuring).as("limited while cut").isEqualTo(limited);
    assertThat(cameBack).as("back on Redis within " + RECOVERY_BOUND).isTrue();
    assertThat(beforeAgain).as("the count from before the cut still holds").isEqualTo(429);
    assertThat(limitedAfter).isEqualTo(limited);
    assertThat(keptAfter).as("counted in Redis after the restore").isTrue();
  }

  /** One load thread: anonymous session, session check, sign-up, login, each from a new client. */
  private void runLoad(
      int first, String member, ConcurrentLinkedQueue<Answer> answers, AtomicBoolean stop) {
    try {
      String session = null;
      for (int i = first; !stop.get(); i++) {
        Answer answer =
            switch (i % 4) {
              case 0 -> newSession();
              case 1 -> session == null ? newSession() : exists(session);
              case 2 -> signUp();
              default -> login(member);
            };
        if (answer.action().equals("session-new") && answer.succeeded()) {
          session = answer.response().path("session_token").asText();
        }
        answers.add(answer);
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean awaitFallingBack(
      FallbackCounterStore store, boolean expected, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (store.isFallingBack() != expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    return store.isFallingBack() == expected;
  }

  /** The statuses of {@code LIST_LIMIT + 1} user-list requests from {@code client}. */
  private List<Integer> listStatuses(String client) throws InterruptedException {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i <= LIST_LIMIT; i++) {
      statuses.add(listStatus(client));
    }
    return statuses;
  }

  private int listStatus(String client) throws InterruptedException {
    return sidecar.call("user-list", FaultSidecar.body().putNull("user_id"), client).status();
  }

  /** A client address not used before in this run. */
  private String client() {
    int n = clients.incrementAndGet();
    return "10." + net + "." + (n / 250) + "." + (n % 250 + 1);
  }

  private Answer newSession() throws InterruptedException {
    ObjectNode body = FaultSidecar.body();
    body.put("ip_address", "198.51.100.8");
    body.put("user_agent", "redis-outage/1");
    body.putNull("user_id");
    body.put("expires", "2099-01-02T03:04:05.600000");
    body.putNull("extra_info_json");
    return sidecar.call("session-new", body, client());
  }

  private Answer exists(String session) throws InterruptedException {
    return sidecar.call(
        "session-exists", FaultSidecar.body().put("session_token", session), client());
  }

  private Answer signUp() throws InterruptedException {
    ObjectNode body = FaultSidecar.body();
    body.put("full_name", "Redis Outage");
    body.put("email", "p" + emails.incrementAndGet() + "-" + run + "@outage.test");
    body.put("password", PASSWORD);
    return sidecar.call("user-new", body, client());
  }

  private String signUpVerified() throws InterruptedException {
    Answer created = signUp();
    assertThat(created.succeeded()).as("%s", created).isTrue();
    String email = created.response().path("user_email").asText();
    Answer verified =
        sidecar.call("user-set-emailverified", FaultSidecar.body().put("email", email), client());
    assertThat(verified.succeeded()).as("%s", verified).isTrue();
    return email;
  }

  /** A login from a new anonymous session; a failed session-new is the login's answer. */
  private Answer login(String email) throws InterruptedException {
    Answer anonymous = newSession();
    if (!anonymous.succeeded()) {
      return anonymous;
    }
    ObjectNode credentials = FaultSidecar.body();
    credentials.put("session_token", anonymous.response().path("session_token").asText());
    credentials.put("email", email);
    credentials.put("password", PASSWORD);
    return sidecar.call("user-login", credentials, client());
  }

  /** Whether the key exists in the real Redis (asked around the proxy). */
  private static boolean redisHas(String key) {
    RedisClient client = RedisClient.create(REDIS);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().exists(key) == 1;
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }

  private static void deleteKeys(String pattern) {
    RedisClient client = RedisClient.create(REDIS);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = connection.sync().keys(pattern);
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }
}
