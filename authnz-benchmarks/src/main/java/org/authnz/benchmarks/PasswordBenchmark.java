package org.authnz.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.authnz.LoginRequest;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.PasswordCheckRequest;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.internal.password.Argon2idHasher;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The password operations at the default Argon2id cost, in milliseconds per operation of one
 * thread: one bare Argon2id hash and verification (the yardsticks), {@code user-passcheck}, {@code
 * user-login} and {@code user-new} on a real SQLite file.
 *
 * <p>Run: {@code java -jar authnz-benchmarks/target/benchmarks.jar PasswordBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordBenchmark {

  private final AtomicLong signups = new AtomicLong();
  private final Argon2idHasher hasher = Argon2idHasher.withDefaults();
  private ServiceFixture fixture;
  private SessionToken passcheckSession;
  private PasswordHash stored;

  @Setup
  public void setUp() {
    fixture = ServiceFixture.open();
    passcheckSession = fixture.newSession(4);
    stored = hasher.hash(ServiceFixture.PASSWORD);
    ServiceFixture.require(userPasscheck(), "user-passcheck");
    if (!(userNew() instanceof SignupResult.Created)) {
      throw new IllegalStateException("user-new failed");
    }
  }

  @TearDown
  public void tearDown() {
    fixture.close();
  }

  /** A fresh session for each login, opened outside the measured time. */
  @State(Scope.Thread)
  public static class LoginSession {
    SessionToken token;

    @Setup(Level.Invocation)
    public void open(PasswordBenchmark benchmark) {
      token = benchmark.fixture.newSession(2);
    }
  }

  /** One Argon2id hash with the default parameters. */
  @Benchmark
  public PasswordHash argon2idHash() {
    return hasher.hash(ServiceFixture.PASSWORD);
  }

  /** One Argon2id verification with the default parameters. */
  @Benchmark
  public boolean argon2idVerify() {
    return hasher.verify(ServiceFixture.PASSWORD, stored);
  }

  /** {@code user-passcheck}: the session, the dummy and the real verification. */
  @Benchmark
  public Outcome<?> userPasscheck() {
    return fixture
        .service
        .passwords()
        .check(new PasswordCheckRequest(passcheckSession, Password.of(ServiceFixture.PASSWORD)));
  }

  /** {@code user-login} of user 4 on a fresh anonymous session. */
  @Benchmark
  public Outcome<?> userLogin(LoginSession session) {
    Outcome<?> outcome =
        fixture
            .service
            .users()
            .login(
                new LoginRequest(
                    session.token, "bench4@example.com", Password.of(ServiceFixture.PASSWORD)));
    if (!outcome.isSuccess()) {
      throw new IllegalStateException("user-login failed: " + outcome);
    }
    return outcome;
  }

  /** {@code user-new} with a distinct e-mail address each time. */
  @Benchmark
  public SignupResult userNew() {
    long n = signups.incrementAndGet();
    return fixture
        .service
        .users()
        .create(
            SignupRequest.of(
                "New User " + n, "new" + n + "@example.com", Password.of(ServiceFixture.PASSWORD)));
  }
}
