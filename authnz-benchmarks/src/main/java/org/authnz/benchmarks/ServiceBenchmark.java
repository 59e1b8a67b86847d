package org.authnz.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.authnz.AccessCheckRequest;
import org.authnz.ApiKeyClaims;
import org.authnz.ApiKeyRequest;
import org.authnz.Outcome;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.SessionToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cheap core operations in-process on a real SQLite file ({@link ServiceFixture}), in
 * operations per second of one thread: {@code session-exists} over 1000 distinct live sessions,
 * {@code user-check-access} with the default policy, {@code apikey-verify-nosession} and {@code
 * session-new}, each without and with the sidecar's row cache. Every operation is checked to
 * succeed once before measuring.
 *
 * <p>Run: {@code java -jar authnz-benchmarks/target/benchmarks.jar ServiceBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ServiceBenchmark {

  private static final int SESSIONS = 1000;

  /**
   * The row cache in front of the store: {@code none}, or a {@link org.authnz.CachingStore} time
   * such as {@code 1s} (the sidecar's).
   */
  @Param({"none", "1s"})
  public String cache;

  private ServiceFixture fixture;
  private List<SessionToken> sessions;
  private AccessCheckRequest access;
  private ApiKeyRequest apiKey;
  private int next;

  @Setup
  public void setUp() {
    fixture =
        ServiceFixture.open(
            cache.equals("none") ? null : Duration.parse("PT" + cache.toUpperCase(Locale.ROOT)));
    sessions = fixture.sessions(4, SESSIONS);
    access = ServiceFixture.accessRequest();
    ApiKeyToken token = fixture.noSessionKey().token();
    apiKey = new ApiKeyRequest(ApiKeyClaims.of(4, "authenticated", token), 4, "authenticated");
    ServiceFixture.require(sessionExists(), "session-exists");
    ServiceFixture.require(checkAccess(), "user-check-access");
    ServiceFixture.require(apikeyVerifyNoSession(), "apikey-verify-nosession");
    ServiceFixture.require(sessionNew(), "session-new");
  }

  @TearDown
  public void tearDown() {
    fixture.close();
  }

  /** {@code session-exists}: the session row and its user row. */
  @Benchmark
  public Outcome<?> sessionExists() {
    int index = next++ % SESSIONS; // racy across threads, harmless: any live session will do
    return fixture.service.sessions().find(sessions.get(Math.abs(index)));
  }

  /** {@code user-check-access}: the default policy plus the requester and owner checks. */
  @Benchmark
  public Outcome<?> checkAccess() {
    return fixture.service.access().check(access);
  }

  /** {@code apikey-verify-nosession}: the key row plus the whole access check. */
  @Benchmark
  public Outcome<?> apikeyVerifyNoSession() {
    return fixture.service.apiKeys().verifyWithoutSession(apiKey);
  }

  /** {@code session-new}: one insert through SQLite's single writer. */
  @Benchmark
  public Outcome<?> sessionNew() {
    return fixture.service.sessions().create(ServiceFixture.sessionRequest(4));
  }
}
