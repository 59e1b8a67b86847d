package org.authnz.transport.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.authnz.transport.http.security.SoakClient.Mismatch;
import org.authnz.transport.http.security.SoakMix.Resident;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak test (issue 9): the real sidecar, started as its own JVM by the {@code authnzrv} command
 * with the launcher's JVM options on an SQLite file (default Argon2id cost, rate limiting off),
 * serves a steady mix of every kind of read and write for {@code authnz.soak.duration} (an ISO-8601
 * duration, {@code PT2M} by default, the CI run; {@code -Dauthnz.soak.duration=PT30M} for the
 * issue's 30 minutes).
 *
 * <p>One lane runs {@link SoakMix#journey account journeys} at {@value #JOURNEY_RATE} requests a
 * second (about one Argon2id computation a second, a quarter of what the sidecar's
 * one-hash-at-a-time heap can do), and {@value #READ_LANES} lanes run the read mix at {@value
 * #READ_RATE} requests a second each: {@value #TOTAL_RATE} requests a second in all, at fixed times
 * (a late request goes at once, so the rate holds), not as fast as possible.
 *
 * <p>It checks that every answer is the one its step expects (zero errors), and that the sidecar's
 * heap and thread counts stay flat: at {@value #SAMPLES} even intervals it runs {@code jcmd PID
 * GC.run} on the sidecar and reads {@code jvm_memory_used_bytes} (heap) and {@code
 * jvm_threads_live_threads} from its {@code /metrics}. The median heap after GC of the last quarter
 * of the samples must stay within {@value #HEAP_GROWTH_PERCENT}% plus {@value #HEAP_SLACK_MIB} MiB
 * of the first quarter's, and the live threads of the last quarter within {@value #THREAD_SLACK} of
 * the first quarter's highest count. Journeys pause between two requests while a sample is taken,
 * so no Argon2id computation (64 MiB) is live at the GC. A summary goes to the output and to {@code
 * target/soak-report.txt}.
 */
final class SidecarSoakTest {

  private static final Duration DURATION =
      Duration.parse(System.getProperty("authnz.soak.duration", "PT2M"));

  private static final int JOURNEY_RATE = 5;
  private static final int READ_LANES = 3;
  private static final int READ_RATE = 10;
  private static final int TOTAL_RATE = JOURNEY_RATE + READ_LANES * READ_RATE;
  private static final int RESIDENTS_PER_LANE = 3;
  private static final int SAMPLES = 24;
  private static final int HEAP_GROWTH_PERCENT = 10;
  private static final int HEAP_SLACK_MIB = 4;
  private static final int THREAD_SLACK = 4;
  private static final long MIB = 1024 * 1024;

  /**
   * The actions of the mix that hash or verify a password; a failed {@code user-login} is also
   * answered after the failed-login delay (1 s for a first failure).
   */
  private static final Set<String> HASHING_ACTIONS =
      Set.of(
          "user-new",
          "user-login",
          "user-passcheck",
          "user-passcheck-nosession",
          "user-changepass",
          "user-delete");

  private static final Pattern HEAP =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*\\} (\\S+)$");
  private static final Pattern THREADS =
      Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{\\})? (\\S+)$");

  @TempDir Path base;

  private final HttpClient http = HttpClient.newHttpClient();

  /** One sample of the sidecar after a full GC. */
  record Sample(double seconds, long heapBytes, int liveThreads) {}

  @Test
  void steadyMixedLoad_answersEveryRequestAsExpectedWithFlatHeapAndThreads() throws Exception {
    SidecarProcess sidecars = SidecarProcess.autosetup(base);
    Process sidecar = sidecars.start("sidecar.log", SidecarProcess.LAUNCHER_JAVA_OPTIONS);
    try {
      sidecars.awaitHealthy(sidecar);
      SoakClient client = new SoakClient(sidecars.uri(), sidecars.codec());
      SoakMix mix = SoakMix.prepare(client, sidecars.adminEmail(), sidecars.adminPassword());
      List<List<Resident>> residents = new ArrayList<>();
      for (int lane = 0; lane < READ_LANES; lane++) {
        residents.add(mix.residents(Integer.toString(lane), RESIDENTS_PER_LANE));
      }
      assertThat(client.errors()).as("errors while preparing: %s", client.firstErrors()).isZero();

      Run run = new Run(client, mix, residents, sidecars, sidecar.pid());
      run.go();
      List<String> log = Files.readAllLines(base.resolve("sidecar.log"));
      String report =
          run.report()
              + String.format(
                  Locale.ROOT,
                  "sidecar log: %d lines, %d WARN, %d ERROR%n",
                  log.size(),
                  log.stream().filter(line -> line.contains(" WARN ")).count(),
                  log.stream().filter(line -> line.contains(" ERROR ")).count());
      System.out.println(report);
      Path target = Path.of("target");
      if (Files.isDirectory(target)) {
        Files.writeString(target.resolve("soak-report.txt"), report, StandardCharsets.UTF_8);
      }

      assertThat(sidecar.isAlive()).as("the sidecar is still running").isTrue();
      assertThat(log).as("the sidecar's log").noneMatch(line -> line.contains(" ERROR "));
      assertThat(client.errors()).as("wrong answers: %s", client.firstErrors()).isZero();
      assertThat(run.journeys.get()).as("journeys completed").isPositive();
      assertThat(run.reads.get()).as("reads answered").isPositive();
      assertFlat(run.samples);
    } finally {
      sidecar.destroy();
      sidecar.waitFor();
    }
  }

  private static void assertFlat(List<Sample> samples) {
    assertThat(samples).as("samples").hasSize(SAMPLES);
    int quarter = SAMPLES / 4;
    List<Sample> first = samples.subList(0, quarter);
    List<Sample> last = samples.subList(SAMPLES - quarter, SAMPLES);
    long firstHeap = median(first.stream().mapToLong(Sample::heapBytes).toArray());
    long lastHeap = median(last.stream().mapToLong(Sample::heapBytes).toArray());
    assertThat(lastHeap)
        .as("median heap after GC, last quarter vs first quarter (%s)", samples)
        .isLessThanOrEqualTo(firstHeap * (100 + HEAP_GROWTH_PERCENT) / 100 + HEAP_SLACK_MIB * MIB);
    int firstThreads = first.stream().mapToInt(Sample::liveThreads).max().orElseThrow();
    int lastThreads = last.stream().mapToInt(Sample::liveThreads).max().orElseThrow();
    assertThat(lastThreads)
        .as("live threads, last quarter vs first quarter (%s)", samples)
        .isLessThanOrEqualTo(firstThreads + THREAD_SLACK);
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** One soak run: the lanes, the sampler, and what they saw. */
  private final class Run {
    final SoakClient client;
    final SoakMix mix;
    final List<List<Resident>> residents;
    final SidecarProcess sidecars;
    final long pid;
    final AtomicLong journeys = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final List<Sample> samples = new ArrayList<>();

    /** Held by the journey lane except between two requests; the sampler takes it for a GC. */
    final ReentrantLock betweenJourneyRequests = new ReentrantLock(true);

    long started;
    long ends;
    double seconds;

    Run(
        SoakClient client,
        SoakMix mix,
        List<List<Resident>> residents,
        SidecarProcess sidecars,
        long pid) {
      this.client = client;
      this.mix = mix;
      this.residents = residents;
      this.sidecars = sidecars;
      this.pid = pid;
    }

    void go() throws Exception {
      started = System.nanoTime();
      ends = started + DURATION.toNanos();
      List<Thread> lanes = new ArrayList<>();
      lanes.add(new Thread(this::journeyLane, "soak-journeys"));
      for (int lane = 0; lane < READ_LANES; lane++) {
        List<Resident> mine = residents.get(lane);
        lanes.add(new Thread(() -> readLane(mine), "soak-reads-" + lane));
      }
      lanes.forEach(Thread::start);

      long interval = DURATION.toNanos() / SAMPLES;
      for (int k = 1; k <= SAMPLES; k++) {
        sleepUntil(started + k * interval);
        samples.add(sample());
      }
      for (Thread lane : lanes) {
        lane.join();
      }
      seconds = (System.nanoTime() - started) / 1e9;
    }

    private void journeyLane() {
      Schedule pacer = new Schedule(started, JOURNEY_RATE);
      betweenJourneyRequests.lock();
      try {
        for (long n = 0; System.nanoTime() < ends; n++) {
          try {
            mix.journey(
                n,
                () -> {
                  betweenJourneyRequests.unlock();
                  try {
                    pacer.await();
                  } finally {
                    betweenJourneyRequests.lock();
                  }
                });
            journeys.incrementAndGet();
          } catch (Mismatch e) {
            // counted by the client; the next journey starts afresh
          } catch (RuntimeException e) {
            client.fail("journey " + n, "-", e.toString());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        betweenJourneyRequests.unlock();
      }
    }

    private void readLane(List<Resident> mine) {
      Schedule pacer = new Schedule(started, READ_RATE);
      try {
        for (long n = 0; System.nanoTime() < ends; n++) {
          pacer.await();
          try {
            mix.read(mine.get((int) (n / 12 % mine.size())), n);
            reads.incrementAndGet();
          } catch (Mismatch e) {
            // counted by the client
          } catch (RuntimeException e) {
            client.fail("read " + n, "-", e.toString());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** A full GC of the sidecar between two journey requests, then its heap and threads. */
    private Sample sample() throws Exception {
      betweenJourneyRequests.lock();
      try {
        Process jcmd =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid),
                    "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).as("jcmd GC.run finished").isTrue();
        assertThat(jcmd.exitValue()).as("jcmd GC.run exit status").isZero();
        String metrics = metrics();
        return new Sample(
            (System.nanoTime() - started) / 1e9, heap(metrics), (int) number(THREADS, metrics));
      } finally {
        betweenJourneyRequests.unlock();
      }
    }

    private String metrics() throws IOException, InterruptedException {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(sidecars.uri().resolve("/metrics"))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("GET /metrics").isEqualTo(200);
      return response.body();
    }

    String report() {
      long[] latencies = client.sortedLatencies(action -> true);
      long requests = latencies.length;
      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "Soak: %s at %d requests/s (journeys %d/s, reads %d x %d/s), sidecar with the"
                  + " launcher's JVM options%n",
              DURATION,
              TOTAL_RATE,
              JOURNEY_RATE,
              READ_LANES,
              READ_RATE));
      out.append(
          String.format(
              Locale.ROOT,
              "requests %d in %.1f s (%.1f/s), journeys completed %d, reads %d, wrong answers %d%n",
              requests,
              seconds,
              requests / seconds,
              journeys.get(),
              reads.get(),
              client.errors()));
      out.append(latencyLine("all requests", latencies));
      out.append(
          latencyLine(
              "actions that run Argon2id", client.sortedLatencies(HASHING_ACTIONS::contains)));
      out.append(
          latencyLine(
              "all other actions",
              client.sortedLatencies(action -> !HASHING_ACTIONS.contains(action))));
      out.append("requests by action: ").append(client.countsByAction()).append('\n');
      out.append("heap after GC, MiB:");
      samples.forEach(
          s -> out.append(String.format(Locale.ROOT, " %.1f", s.heapBytes() / (double) MIB)));
      out.append('\n').append("live threads:");
      samples.forEach(s -> out.append(' ').append(s.liveThreads()));
      out.append('\n').append("sampled at s:");
      samples.forEach(s -> out.append(String.format(Locale.ROOT, " %.0f", s.seconds())));
      out.append('\n');
      client
          .firstErrors()
          .forEach(error -> out.append("wrong answer: ").append(error).append('\n'));
      return out.toString();
    }
  }

  private static String latencyLine(String what, long[] sorted) {
    return String.format(
        Locale.ROOT,
        "latency ms, %s (%d): p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n",
        what,
        sorted.length,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        percentile(sorted, 100));
  }

  private static double percentile(long[] sorted, double percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static long heap(String metrics) {
    Matcher matcher = HEAP.matcher(metrics);
    double sum = 0;
    boolean found = false;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(1));
      found = true;
    }
    assertThat(found).as("jvm_memory_used_bytes{area=\"heap\"} in /metrics").isTrue();
    return (long) sum;
  }

  private static double number(Pattern series, String metrics) {
    Matcher matcher = series.matcher(metrics);
    assertThat(matcher.find()).as("%s in /metrics", series).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** Request n of a lane goes at start + n / rate seconds, or at once when the lane is late. */
  private static final class Schedule {
    private final long start;
    private final long interval;
    private long next;

    Schedule(long start, int perSecond) {
      this.start = start;
      this.interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
    }

    void await() throws InterruptedException {
      sleepUntil(start + next++ * interval);
    }
  }
}
