package org.authnz.transport.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.authnz.MutableClock;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real sidecars started as {@code authnzrv} starts them, with {@code --ratelimitstore=database}
 * (two sidecars on one SQLite or PostgreSQL database share their counts) and with {@code
 * --ratelimitstore=redis://...} pointing at a Redis this test starts and stops (the sidecar keeps
 * answering and says so once per change).
 */
class SidecarCounterStoreTest {
  private static final String KEY = AdminAccount.newFernetKey();
  private static final WireCodec CODEC = WireCodec.of(Fernet.of(KEY));
  private static final String ADMIN = "admin@counters-test.org";
  private static final String PASSWORD = "Counter-Store-Admin-Pass-8Rv2";
  private static final String LIMITS =
      "ipaddr:720;user:480;session:600;apikey:720;burst:150;" + "user-list:3";
  private static final String POSTGRESQL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String FELL_BACK = "shared rate-limit store failed";
  private static final String RECOVERED = "shared rate-limit store answers again";

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void twoSidecarsWithDatabaseCounters_shareFailedLoginsAndRateLimits() throws Exception {
    assertSharedCounters(
        "sqlite:///auth.sqlite", () -> JdbcStore.sqlite(dir.resolve("auth.sqlite")));
  }

  @Test
  void twoSidecarsWithDatabaseCountersOnPostgresql_shareFailedLoginsAndRateLimits()
      throws Exception {
    String schema = "authnz_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection connection = DriverManager.getConnection(POSTGRESQL, "postgres", null)) {
      connection.createStatement().execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
        throw e;
      }
      assumeTrue(false, "no PostgreSQL server on 127.0.0.1:5432");
    }
    try {
      assertSharedCounters(
          "postgresql://postgres@127.0.0.1:5432/test?currentSchema=" + schema,
          () -> JdbcStore.open(POSTGRESQL + "?currentSchema=" + schema, "postgres", null));
    } finally {
      closeAll();
      open.clear();
      try (Connection connection = DriverManager.getConnection(POSTGRESQL, "postgres", null)) {
        connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /**
   * Failed logins spread over two sidecars lock after {@code userlocktries} in total, and a rate
   * limit counts requests to both as if sent to one.
   */
  private void assertSharedCounters(String authDb, Supplier<JdbcStore> database) throws Exception {
    Sidecar a = start(authDb, "database", Clock.systemUTC(), 2);
    Sidecar b = start(authDb, "database", Clock.systemUTC(), 2);

    List<String> messages = new ArrayList<>();
    for (Sidecar sidecar : List.of(a, b, a)) {
      messages.add(call(sidecar, loginWithoutPassword(ADMIN)).get("messages").toString());
    }
    List<Integer> statuses = new ArrayList<>();
    for (Sidecar sidecar : List.of(a, b, a, b)) {
      statuses.add(post(sidecar, userList("192.0.2.9")).statusCode());
    }

    // per node, the third failure would be a's second and the fourth user-list b's second
    assertThat(messages.get(0)).doesNotContain("locked");
    assertThat(messages.get(2)).contains("has been locked after repeated login failures");
    assertThat(statuses).containsExactly(200, 200, 200, 429);
    try (JdbcStore store = database.get()) {
      assertThat(store.findUserByEmail(ADMIN).orElseThrow().userRole()).isEqualTo("locked");
    }
  }

  @Test
  void redisStoppedMidRun_sidecarKeepsAnsweringAndLogsOnceEachWay() throws Exception {
    String redisServer = redisServerOnPath();
    int port = freePort();
    RedisProcess redis = new RedisProcess(redisServer, port);
    open.add(redis);
    MutableClock clock = new MutableClock(Instant.now());
    LogFile log = new LogFile();
    Sidecar sidecar = start("sqlite:///auth.sqlite", "redis://127.0.0.1:" + port, clock, 10);
    assertThat(statuses(sidecar, "192.0.2.10", 2)).containsExactly(200, 200);
    assertThat(redis.exists("authnz:rate:user-list-192.0.2.10")).isTrue();

    redis.stop();
    List<Integer> during = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      during.addAll(statuses(sidecar, "192.0.2.20", 3));
      clock.advance(Duration.ofSeconds(11)); // past the retry time: the next request tries Redis
    }
    assertThat(during).hasSize(12).doesNotContain(500);
    assertThat(during.subList(0, 3)).containsExactly(200, 200, 200);
    assertThat(during.get(3)).isEqualTo(429); // limited by this node's own count
    assertThat(log.lines(FELL_BACK)).isEqualTo(1);

    redis.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (log.lines(RECOVERED) == 0 && System.nanoTime() < deadline) {
      clock.advance(Duration.ofSeconds(11));
      assertThat(post(sidecar, userList("192.0.2.30")).statusCode()).isNotEqualTo(500);
      Thread.sleep(200); // waits for the Redis client to reconnect, which no clock drives
    }
    assertThat(log.lines(RECOVERED)).isEqualTo(1);
    post(sidecar, userList("192.0.2.40"));
    assertThat(redis.exists("authnz:rate:user-list-192.0.2.40")).isTrue();
    assertThat(log.lines(FELL_BACK)).isEqualTo(1);
  }

  private Sidecar start(String authDb, String counterStore, Clock clock, int lockTries) {
    Map<String, String> env = new HashMap<>();
    env.put("AUTHNZERVER_AUTHDB", authDb);
    env.put("AUTHNZERVER_SECRET", KEY);
    env.put("AUTHNZERVER_PIISALT", "some-salt");
    env.put("AUTHNZERVER_RATELIMITS", LIMITS);
    env.put("AUTHNZERVER_USERLOCKTRIES", Integer.toString(lockTries));
    env.put("PORT", "0");
    Map<String, String> flags = Map.of("ratelimitstore", counterStore);
    ServerSettings settings = ServerSettings.resolve(flags, env, dir);
    Sidecar sidecar =
        Sidecar.start(
            settings,
            ServerSettings.rateLimitStore(flags, env, dir),
            Map.of(AdminAccount.EMAIL_VARIABLE, ADMIN, AdminAccount.PASSWORD_VARIABLE, PASSWORD),
            clock);
    open.add(sidecar);
    return sidecar;
  }

  private List<Integer> statuses(Sidecar sidecar, String client, int requests) throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      statuses.add(post(sidecar, userList(client)).statusCode());
    }
    return statuses;
  }

  /** A login without a password: fails validation, so it counts without an Argon2 check. */
  private static String loginWithoutPassword(String email) {
    ObjectNode envelope = WireCodec.json().createObjectNode();
    envelope.put("request", "user-login");
    envelope.put("reqid", 1);
    envelope.put("client_ipaddr", "198.51.100.1");
    envelope.putObject("body").put("email", email).put("session_token", "no-such-session");
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

  private HttpResponse<String> post(Sidecar sidecar, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sidecar.port() + "/"))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private JsonNode call(Sidecar sidecar, String body) throws Exception {
    HttpResponse<String> response = post(sidecar, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return CODEC.decode(response.body());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String redisServerOnPath() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String folder : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(folder, "redis-server");
      if (!folder.isEmpty() && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    if ("true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
      throw new AssertionError("redis-server is not on PATH");
    }
    assumeTrue(false, "redis-server is not on PATH");
    return "";
  }

  /**
   * The test log file that core's {@code simplelogger.properties} (on the test class path) names;
   * only what is written after this object is created counts.
   */
  private static final class LogFile {
    private static final Path FILE = Path.of("target/authnz-test.log");
    private final long start;

    LogFile() throws IOException {
      this.start = Files.exists(FILE) ? Files.size(FILE) : 0;
    }

    /** How many lines written since creation contain {@code text}. */
    int lines(String text) throws IOException {
      if (!Files.exists(FILE)) {
        return 0;
      }
      byte[] all = Files.readAllBytes(FILE);
      String written =
          new String(all, (int) start, all.length - (int) start, StandardCharsets.UTF_8);
      return (int) written.lines().filter(line -> line.contains(text)).count();
    }
  }

  /** A throw-away redis-server on a port of its own, without persistence. */
  private static final class RedisProcess implements AutoCloseable {
    private final String executable;
    private final int port;
    private Process process;

    RedisProcess(String executable, int port) throws Exception {
      this.executable = executable;
      this.port = port;
      start();
    }

    void start() throws Exception {
      process =
          new ProcessBuilder(
                  executable,
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!answers()) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          process.destroyForcibly().waitFor();
          throw new AssertionError("redis-server did not start on port " + port);
        }
        Thread.sleep(50);
      }
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }

    boolean exists(String key) {
      RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        return connection.sync().exists(key) == 1;
      } finally {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      }
    }

    private boolean answers() {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(1000);
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] reply = new byte[7];
        int read = socket.getInputStream().read(reply);
        return read > 0
            && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop();
    }
  }
}
