package org.authnz.transport.http.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.authnz.limits.MemoryCounterStore;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.faults.FaultSidecar.Answer;
import org.authnz.transport.http.faults.TcpProxy.Fault;
import org.authnz.transport.http.internal.ErrorBodies;
import org.authnz.transport.http.testing.PostgresqlSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sidecar on PostgreSQL (a schema of its own) reached through a {@link TcpProxy}, cut while the
 * sidecar serves sign-ups, logins and session checks, then restored: every request is answered
 * clearly within {@link #ANSWER_BOUND}, {@code /health} reports the store down, the sidecar serves
 * again without a restart, and every sign-up it confirmed is in the database. Skipped without a
 * PostgreSQL server, failing instead when {@code AUTHNZ_REQUIRE_SERVICES=true}.
 */
class PostgresqlOutageTest {
  private static final String PASSWORD = "Quiet-Harbor-Lantern-8152";

  /**
   * The longest a request may wait. With the store's defaults one store call gives up after at most
   * 5 s (no answer on a connection: the socket timeout; no connection: 3 s of waiting plus a 1 s
   * check), and an action makes at most three store calls once the database has gone, so 15 s in
   * the worst case, well under the worker pool's limit of 30 s (which would answer 503).
   */
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(16);

  /** Longer than the socket timeout, so that queries caught by a blackhole time out while cut. */
  private static final Duration OUTAGE = Duration.ofSeconds(8);

  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(20);
  private static final int LOAD_THREADS = 3;

  private final AtomicLong emails = new AtomicLong();
  private PostgresqlSchema schema;
  private TcpProxy proxy;
  private FaultSidecar sidecar;

  @BeforeEach
  void startSidecarBehindProxy() throws Exception {
    schema = PostgresqlSchema.create();
    proxy = TcpProxy.start(PostgresqlSchema.PORT);
    JdbcStore store = JdbcStore.open(schema.jdbcUrl(proxy.port()), PostgresqlSchema.USER, null);
    sidecar = FaultSidecar.start(store, new MemoryCounterStore(Duration.ofHours(1)), null);
  }

  @AfterEach
  void stopAndDropSchema() throws Exception {
    if (sidecar != null) {
      sidecar.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (schema != null) {
      schema.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void requestsUnderLoad_whileDatabaseIsCut_getBoundedClearAnswersAndServeAgainAfterRestore(
      Fault fault) throws Exception {
    String member = signUpVerified();
    String session = newSession(null);
    ConcurrentLinkedQueue<Timed> answers = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < LOAD_THREADS; t++) {
      int first = t;
      Thread thread =
          new Thread(() -> runLoad(first, member, session, answers, stop), "load-" + first);
      thread.start();
      load.add(thread);
    }

    Thread.sleep(2000);
    long cutAt = System.nanoTime();
    proxy.cut(fault);
    Thread.sleep(500); // lets the load meet the cut first
    Answer healthDuring = sidecar.health();
    sleepUntil(cutAt + OUTAGE.toNanos());
    long restoredAt = System.nanoTime();
    proxy.restore();
    long recoveredAt = awaitRecovery(session);
    Answer healthAfter = awaitHealthy();
    Thread.sleep(2000);
    stop.set(true);
    for (Thread thread : load) {
      thread.join(Duration.ofSeconds(60).toMillis());
    }

    List<Timed> all = new ArrayList<>(answers);
    assertThat(load).noneMatch(Thread::isAlive);
    assertThat(all).isNotEmpty();
    assertThat(all)
        .allSatisfy(
            timed -> {
              assertThat(timed.answer().took()).as("%s", timed).isLessThanOrEqualTo(ANSWER_BOUND);
              assertClear(timed.answer());
            });
    List<Timed> during = overlapping(all, cutAt, restoredAt);
    assertThat(during).as("answers while cut").isNotEmpty();
    assertThat(during).as("some request met the cut").anyMatch(t -> !t.answer().succeeded());
    assertThat(between(all, recoveredAt, Long.MAX_VALUE))
        .as("answers after recovery")
        .isNotEmpty()
        .allSatisfy(timed -> assertThat(timed.answer().succeeded()).as("%s", timed).isTrue());
    assertThat(Duration.ofNanos(recoveredAt - restoredAt)).isLessThan(RECOVERY_BOUND);

    assertThat(healthDuring.status()).as("%s", healthDuring).isEqualTo(500);
    assertThat(healthDuring.body()).contains("\"Health-Ok\":false");
    assertThat(healthDuring.took()).isLessThanOrEqualTo(ANSWER_BOUND);
    assertThat(healthAfter.status()).isEqualTo(200);
    assertSignUpsStored(all);
  }

  @Test
  void idlePoolConnections_databaseCutAndBackBetweenRequests_areReplacedUnnoticed()
      throws Exception {
    String member = signUpVerified();
    List<Thread> warmers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  sidecar.call("user-lookup-email", lookup(member), "198.51.100.7");
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      thread.start();
      warmers.add(thread);
    }
    for (Thread thread : warmers) {
      thread.join();
    }
    assertThat(proxy.openConnections()).as("pooled connections").isGreaterThanOrEqualTo(2);

    proxy.cut(Fault.REFUSE);
    Thread.sleep(1000);
    proxy.restore();
    assertThat(proxy.openConnections()).isZero();

    List<Timed> after = new ArrayList<>();
    String session = newSession(null);
    for (int i = 0; i < 6; i++) {
      after.add(new Timed(System.nanoTime(), signUp()));
      after.add(new Timed(System.nanoTime(), exists(session)));
      after.add(new Timed(System.nanoTime(), login(member)));
    }
    assertThat(after)
        .allSatisfy(
            timed -> {
              assertThat(timed.answer().succeeded()).as("%s", timed).isTrue();
              assertThat(timed.answer().took()).as("%s", timed).isLessThanOrEqualTo(ANSWER_BOUND);
            });
    assertSignUpsStored(after);
  }

  /** One load thread: sign-up, session check, login, in turn, until stopped. */
  private void runLoad(
      int first,
      String member,
      String session,
      ConcurrentLinkedQueue<Timed> answers,
      AtomicBoolean stop) {
    try {
      for (int i = first; !stop.get(); i++) {
        long sentAt = System.nanoTime();
        Answer answer =
            switch (i % 3) {
              case 0 -> signUp();
              case 1 -> exists(session);
              default -> login(member);
            };
        answers.add(new Timed(sentAt, answer));
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until a sign-up and a session check (read from the database) succeed again. */
  private long awaitRecovery(String session) throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
    while (System.nanoTime() < deadline) {
      if (signUp().succeeded() && exists(session).succeeded()) {
        return System.nanoTime();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the sidecar did not serve again within " + RECOVERY_BOUND);
  }

  private Answer awaitHealthy() throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY_BOUND.toNanos();
    Answer health = sidecar.health();
    while (health.status() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      health = sidecar.health();
    }
    return health;
  }

  /** A clear answer: a 200 envelope, or the fixed 400 text; never a 500, a hang or a trace. */
  private static void assertClear(Answer answer) {
    assertThat(answer.status()).as("%s", answer).isIn(200, 400);
    if (answer.status() == 400) {
      assertThat(answer.body()).isEqualTo(ErrorBodies.text(400));
    } else {
      assertThat(answer.envelope()).as("%s", answer).isNotNull();
      assertThat(answer.envelope().toString()).doesNotContain("Exception", "\tat ");
    }
  }

  /** The answers to requests that were open at some time between {@code from} and {@code to}. */
  private static List<Timed> overlapping(List<Timed> all, long from, long to) {
    return all.stream()
        .filter(t -> t.sentAt() < to && t.sentAt() + t.answer().took().toNanos() > from)
        .toList();
  }

  private static List<Timed> between(List<Timed> all, long from, long to) {
    return all.stream().filter(t -> t.sentAt() >= from && t.sentAt() < to).toList();
  }

  /** Every sign-up answered with success is a row of the database (read around the proxy). */
  private void assertSignUpsStored(List<Timed> answers) throws SQLException {
    Set<String> confirmed = new HashSet<>();
    for (Timed timed : answers) {
      if (timed.answer().action().equals("user-new") && timed.answer().succeeded()) {
        confirmed.add(timed.answer().response().path("user_email").asText());
      }
    }
    assertThat(confirmed).isNotEmpty().doesNotContain("");
    Set<String> stored = new HashSet<>();
    try (Connection connection = schema.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT email FROM users")) {
      while (rows.next()) {
        stored.add(rows.getString(1));
      }
    }
    assertThat(stored).containsAll(confirmed);
  }

  private Answer signUp() throws InterruptedException {
    ObjectNode body = FaultSidecar.body();
    body.put("full_name", "Outage Person");
    body.put("email", "person-" + emails.incrementAndGet() + "@outage.test");
    body.put("password", PASSWORD);
    return sidecar.call("user-new", body, "198.51.100.7");
  }

  private String signUpVerified() throws InterruptedException {
    Answer created = signUp();
    assertThat(created.succeeded()).as("%s", created).isTrue();
    String email = created.response().path("user_email").asText();
    ObjectNode body = FaultSidecar.body().put("email", email);
    Answer verified = sidecar.call("user-set-emailverified", body, "198.51.100.7");
    assertThat(verified.succeeded()).as("%s", verified).isTrue();
    return email;
  }

  private String newSession(Long userId) throws InterruptedException {
    ObjectNode body = FaultSidecar.body();
    body.put("ip_address", "198.51.100.7");
    body.put("user_agent", "outage-test/1");
    body.put("user_id", userId);
    body.put("expires", "2099-01-02T03:04:05.600000");
    body.putNull("extra_info_json");
    Answer created = sidecar.call("session-new", body, "198.51.100.7");
    assertThat(created.succeeded()).as("%s", created).isTrue();
    return created.response().path("session_token").asText();
  }

  private Answer exists(String session) throws InterruptedException {
    return sidecar.call(
        "session-exists", FaultSidecar.body().put("session_token", session), "198.51.100.7");
  }

  /** A login from a new anonymous session; a failed session-new is the login's answer. */
  private Answer login(String email) throws InterruptedException {
    ObjectNode body = FaultSidecar.body();
    body.put("ip_address", "198.51.100.7");
    body.put("user_agent", "outage-test/1");
    body.putNull("user_id");
    body.put("expires", "2099-01-02T03:04:05.600000");
    body.putNull("extra_info_json");
    Answer anonymous = sidecar.call("session-new", body, "198.51.100.7");
    if (!anonymous.succeeded()) {
      return anonymous;
    }
    ObjectNode credentials = FaultSidecar.body();
    credentials.put("session_token", anonymous.response().path("session_token").asText());
    credentials.put("email", email);
    credentials.put("password", PASSWORD);
    return sidecar.call("user-login", credentials, "198.51.100.7");
  }

  private static ObjectNode lookup(String email) {
    return FaultSidecar.body().put("email", email);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
    }
  }

  /** An answer with the moment its request was sent ({@link System#nanoTime()}). */
  private record Timed(long sentAt, Answer answer) {}
}
