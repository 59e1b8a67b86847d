package org.authnz.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.authnz.WireTime;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;

/**
 * The HTTP load driver: starts the real sidecar (through the {@code authnzrv} launcher, in its own
 * JVM, on a new SQLite file, {@code --ratelimits=none}) and the {@link FernetEchoServer} baseline
 * (its own JVM, same heap limit), then sends distinct encrypted requests from 1, 16 and 64 threads,
 * one HTTP/1.1 connection each, and prints a Markdown table of requests per second, latency
 * percentiles and the ratio to the baseline at the same concurrency (the mean of the baseline's
 * rate measured before and after the sidecar's phases). Also reports the sidecar's time from
 * process start to its first answer and its peak resident memory.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.authnz.benchmarks.HttpLoad LAUNCHER BENCHMARKS_JAR
 * [--quick]}.
 */
public final class HttpLoad {

  private static final ObjectMapper JSON = WireCodec.json();
  private static final int[] CONNECTIONS = {1, 16, 64};

  /**
   * Sessions that {@code session-exists} cycles through: more than the sidecar answers in its 1 s
   * cache time, so every lookup misses the cache and reads the database (the worst case).
   */
  private static final int SESSIONS = 30_000;

  private static final int SETUP_THREADS = 8;
  private static final String PASSWORD = "Qx7!vB2#mR9$kT4w-benchmark";
  private static final String EMAIL = "bench4@example.com";

  /** The JVM options of the baseline server: the {@code authnzrv} launcher's defaults. */
  static final List<String> SERVER_JAVA_OPTS =
      List.of("-Xmx112m", "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=48m");

  private final Duration warmup;
  private final Duration measure;
  private final List<String> rows = new ArrayList<>();
  private LoadRequests sidecar;
  private LoadRequests baseline;
  private List<String> sessions;
  private JsonNode apiKey;
  private final AtomicInteger nextSession = new AtomicInteger();

  private HttpLoad(boolean quick) {
    this.warmup = Duration.ofSeconds(quick ? 1 : 3);
    this.measure = Duration.ofSeconds(quick ? 2 : 8);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: HttpLoad LAUNCHER BENCHMARKS_JAR [--quick]");
      System.exit(2);
    }
    boolean quick = args.length > 2 && args[2].equals("--quick");
    new HttpLoad(quick).run(Path.of(args[0]), Path.of(args[1]));
  }

  private void run(Path launcher, Path jar) throws Exception {
    Path dir = Files.createTempDirectory("authnz-load");
    String key = Fernet.generateKey();
    int sidecarPort = freePort();
    int baselinePort = freePort();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    sidecar = new LoadRequests(http, sidecarPort, key);
    baseline = new LoadRequests(http, baselinePort, key);

    List<String> sidecarCommand =
        List.of(
            launcher.toString(),
            "--authdb=sqlite:///" + dir.resolve("authdb.sqlite"),
            "--basedir=" + dir,
            "--secret=" + key,
            "--piisalt=" + Fernet.generateKey().substring(0, 32),
            "--port=" + sidecarPort,
            "--ratelimits=none");
    long started = System.nanoTime();
    Process sidecarProcess = start(sidecarCommand, dir.resolve("sidecar-first.log"));
    Process baselineProcess = null;
    try {
      Duration firstStart = firstAnswer(sidecar, started);
      prepare();
      sidecarProcess.destroy();
      sidecarProcess.waitFor();
      started = System.nanoTime();
      sidecarProcess = start(sidecarCommand, dir.resolve("sidecar.log"));
      Duration restart = firstAnswer(sidecar, started);
      List<String> baselineCommand = new ArrayList<>();
      baselineCommand.add(javaBinary());
      baselineCommand.addAll(SERVER_JAVA_OPTS);
      baselineCommand.addAll(
          List.of(
              "-cp",
              jar.toString(),
              FernetEchoServer.class.getName(),
              Integer.toString(baselinePort),
              key));
      baselineProcess = start(baselineCommand, dir.resolve("baseline.log"));
      firstAnswer(baseline, System.nanoTime());

      System.out.printf(
          Locale.ROOT,
          "sidecar start to first answer: new database %d ms, restart %d ms%n",
          firstStart.toMillis(),
          restart.toMillis());
      rows.add(
          "| connections | request | req/s | p50 ms | p99 ms | p99.9 ms | failed | vs baseline |");
      rows.add("|---|---|---|---|---|---|---|---|");
      for (Call call : List.<Call>of(this::echo, this::sessionExists, this::checkAccess)) {
        run(16, call, warmup, new Recorder(3)); // both JVMs warm before the first measurement
      }
      for (int connections : CONNECTIONS) {
        // The baseline before and after the sidecar's phases: their mean is the reference rate,
        // so a drift of the machine's load during the group hits both sides alike.
        Row before = phase("baseline (Fernet echo), before", connections, this::echo);
        List<Row> measured = new ArrayList<>();
        measured.add(phase("session-exists", connections, this::sessionExists));
        measured.add(phase("user-check-access", connections, this::checkAccess));
        measured.add(phase("apikey-verify-nosession", connections, this::verifyApiKey));
        Row login = phase("user-login", connections, this::login);
        Row after = phase("baseline (Fernet echo), after", connections, this::echo);
        double base = (before.rate() + after.rate()) / 2;
        rows.add(before.format(0));
        rows.add(after.format(0));
        measured.forEach(row -> rows.add(row.format(base)));
        rows.add(login.format(0));
      }
      long peakKib = peakRssKib(sidecarProcess.pid());
      System.out.println();
      System.out.println("### HTTP results");
      System.out.println();
      rows.forEach(System.out::println);
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "sidecar: start to first answer %d ms (new database: %d ms); peak RSS (VmHWM) %.1f"
              + " MiB%n",
          restart.toMillis(),
          firstStart.toMillis(),
          peakKib / 1024.0);
    } finally {
      sidecarProcess.destroy();
      sidecarProcess.waitFor();
      if (baselineProcess != null) {
        baselineProcess.destroy();
        baselineProcess.waitFor();
      }
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** One request type at one concurrency: warm-up, then measurement. */
  private Row phase(String name, int connections, Call call) throws InterruptedException {
    run(connections, call, warmup, new Recorder(3));
    Recorder recorder = new Recorder(3);
    AtomicLong failures = new AtomicLong();
    long start = System.nanoTime();
    long done = runCounting(connections, call, measure, recorder, failures);
    double seconds = (System.nanoTime() - start) / 1e9;
    Histogram histogram = recorder.getIntervalHistogram();
    Row row =
        new Row(
            connections,
            name,
            done / seconds,
            histogram.getValueAtPercentile(50) / 1e6,
            histogram.getValueAtPercentile(99) / 1e6,
            histogram.getValueAtPercentile(99.9) / 1e6,
            failures.get());
    System.out.println(row.format(0));
    return row;
  }

  /** One measured phase; latencies in milliseconds. */
  private record Row(
      int connections, String name, double rate, double p50, double p99, double p999, long failed) {

    /** The table row; {@code baseRate} 0 leaves the ratio column empty. */
    String format(double baseRate) {
      String ratio = baseRate == 0 ? "" : String.format(Locale.ROOT, "%.2f", rate / baseRate);
      return String.format(
          Locale.ROOT,
          "| %d | %s | %.0f | %.2f | %.2f | %.2f | %d | %s |",
          connections,
          name,
          rate,
          p50,
          p99,
          p999,
          failed,
          ratio);
    }
  }

  private void run(int connections, Call call, Duration time, Recorder recorder)
      throws InterruptedException {
    runCounting(connections, call, time, recorder, new AtomicLong());
  }

  /** Runs {@code call} in a loop on {@code connections} threads; returns the calls completed. */
  private long runCounting(
      int connections, Call call, Duration time, Recorder recorder, AtomicLong failures)
      throws InterruptedException {
    long end = System.nanoTime() + time.toNanos();
    AtomicLong completed = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Thread thread =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  try {
                    if (!call.run(recorder)) {
                      failures.incrementAndGet();
                    }
                  } catch (IOException | RuntimeException e) {
                    failures.incrementAndGet();
                  } catch (InterruptedException e) {
                    return;
                  }
                  completed.incrementAndGet();
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return completed.get();
  }

  /** One measured call; records its latency and returns whether it succeeded. */
  @FunctionalInterface
  private interface Call {
    boolean run(Recorder recorder) throws IOException, InterruptedException;
  }

  private static boolean timed(Recorder recorder, LoadRequests to, String action, ObjectNode body)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    JsonNode answer = to.call(action, body);
    recorder.recordValue(System.nanoTime() - start);
    return answer.path("success").asBoolean();
  }

  private boolean echo(Recorder recorder) throws IOException, InterruptedException {
    return timed(recorder, baseline, "session-exists", sessionBody());
  }

  private boolean sessionExists(Recorder recorder) throws IOException, InterruptedException {
    return timed(recorder, sidecar, "session-exists", sessionBody());
  }

  private ObjectNode sessionBody() {
    ObjectNode body = LoadRequests.body();
    body.put("session_token", sessions.get(Math.floorMod(nextSession.getAndIncrement(), SESSIONS)));
    return body;
  }

  private boolean checkAccess(Recorder recorder) throws IOException, InterruptedException {
    ObjectNode body = LoadRequests.body();
    body.put("user_id", 4);
    body.put("user_role", "authenticated");
    body.put("action", "view");
    body.put("target_name", "dataset");
    body.put("target_owner", 5);
    body.put("target_visibility", "public");
    body.put("target_sharedwith", "");
    return timed(recorder, sidecar, "user-check-access", body);
  }

  private boolean verifyApiKey(Recorder recorder) throws IOException, InterruptedException {
    ObjectNode body = LoadRequests.body();
    body.set("apikey_dict", apiKey);
    body.put("user_id", 4);
    body.put("user_role", "authenticated");
    return timed(recorder, sidecar, "apikey-verify-nosession", body);
  }

  /** A login on a fresh anonymous session; opening the session is not measured. */
  private boolean login(Recorder recorder) throws IOException, InterruptedException {
    String session = newSession(2);
    ObjectNode body = LoadRequests.body();
    body.put("session_token", session);
    body.put("email", EMAIL);
    body.put("password", PASSWORD);
    return timed(recorder, sidecar, "user-login", body);
  }

  // ---- set-up ----------------------------------------------------------------------------

  /** Users 4 and 5 (verified), {@value #SESSIONS} sessions of user 4, a no-session key of 4. */
  private void prepare() throws IOException, InterruptedException {
    signUp("Benchmark User", EMAIL);
    signUp("Second Benchmark User", "bench5@example.com");
    sessions = openSessions();
    ObjectNode body = LoadRequests.body();
    body.put("issuer", "authnzerver");
    body.put("audience", "bench.example");
    body.put("subject", "/api/things");
    body.put("apiversion", 1);
    body.put("expires_seconds", 86_400);
    body.put("not_valid_before", -1);
    body.put("user_id", 4);
    body.put("user_role", "authenticated");
    body.put("ip_address", "127.0.0.1");
    body.put("refresh_expires", 172_800);
    body.put("refresh_nbf", 0);
    JsonNode issued = sidecar.succeed("apikey-new-nosession", body);
    apiKey = JSON.readTree(issued.path("response").path("apikey").asText());
    Thread.sleep(1100); // the key's "issued" second must be in the past for verification
  }

  private List<String> openSessions() throws InterruptedException {
    List<String> opened = Collections.synchronizedList(new ArrayList<>(SESSIONS));
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < SETUP_THREADS; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < SESSIONS / SETUP_THREADS; i++) {
                    opened.add(newSession(4));
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (opened.size() != SESSIONS) {
      throw new IllegalStateException("opened " + opened.size() + " of " + SESSIONS + " sessions");
    }
    return List.copyOf(opened);
  }

  private void signUp(String name, String email) throws IOException, InterruptedException {
    ObjectNode body = LoadRequests.body();
    body.put("full_name", name);
    body.put("email", email);
    body.put("password", PASSWORD);
    sidecar.succeed("user-new", body);
    ObjectNode verify = LoadRequests.body();
    verify.put("email", email);
    sidecar.succeed("user-set-emailverified", verify);
  }

  private String newSession(long userId) throws IOException, InterruptedException {
    ObjectNode body = LoadRequests.body();
    body.put("ip_address", "127.0.0.1");
    body.put("user_agent", "authnz-benchmarks");
    body.put("user_id", userId);
    body.put(
        "expires",
        WireTime.format(
            Instant.now()
                .plus(Duration.ofDays(7))
                .truncatedTo(ChronoUnit.SECONDS)
                .plusNanos(1000)));
    body.putNull("extra_info_json");
    return sidecar.succeed("session-new", body).path("response").path("session_token").asText();
  }

  // ---- processes -------------------------------------------------------------------------

  /** Polls with {@code session-exists} until the server answers; the time since {@code start}. */
  private static Duration firstAnswer(LoadRequests server, long start) throws InterruptedException {
    long deadline = start + Duration.ofSeconds(120).toNanos();
    ObjectNode body = LoadRequests.body();
    body.put("session_token", "no-such-session");
    while (System.nanoTime() < deadline) {
      try {
        server.call("session-exists", body);
        return Duration.ofNanos(System.nanoTime() - start);
      } catch (IOException | RuntimeException e) {
        Thread.sleep(5);
      }
    }
    throw new IllegalStateException("the server did not answer within 120 s");
  }

  /** The peak resident set of the process (or of its Java child, when it runs one), in KiB. */
  private static long peakRssKib(long pid) throws IOException {
    long peak = vmHwm(pid);
    for (ProcessHandle child :
        ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
      peak = Math.max(peak, vmHwm(child.pid()));
    }
    return peak;
  }

  private static long vmHwm(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  private static Process start(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
