package org.authnz.benchmarks;

import com.fasterxml.jackson.databind.node.IntNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.authnz.AccessCheckRequest;
import org.authnz.AuthnzService;
import org.authnz.CachingStore;
import org.authnz.CreateSessionRequest;
import org.authnz.IssuedApiKey;
import org.authnz.NewNoSessionKeyRequest;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.SignupRequest;
import org.authnz.WireTime;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.SessionToken;
import org.authnz.store.jdbc.JdbcStore;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AuthnzService} on a real SQLite file in a temporary directory, with the default
 * Argon2id cost: the superuser, and users 4 and 5 ({@code authenticated}, verified), each with live
 * sessions. Not thread-safe while set up; the service itself is.
 */
final class ServiceFixture implements AutoCloseable {

  static final String PASSWORD = "Qx7!vB2#mR9$kT4w-benchmark";
  static final String USER_AGENT = "authnz-benchmarks";

  final Path directory;
  final AuthnzService service;

  private ServiceFixture(Path directory, AuthnzService service) {
    this.directory = directory;
    this.service = service;
  }

  /** Opens a new database with users 4 and 5, without a row cache. */
  static ServiceFixture open() {
    return open(null);
  }

  /**
   * Opens a new database with users 4 and 5.
   *
   * @param cacheTtl the {@link CachingStore} time in front of the SQLite store, or null for none
   */
  static ServiceFixture open(@Nullable Duration cacheTtl) {
    Path directory;
    try {
      directory = Files.createTempDirectory("authnz-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AuthnzStore store = JdbcStore.sqlite(directory.resolve("authdb.sqlite"));
    if (cacheTtl != null) {
      store = CachingStore.wrap(store, cacheTtl);
    }
    AuthnzService service = AuthnzService.builder().store(store).build();
    service.initialize("admin@example.com", "Adm1n-Pa55-word!x");
    ServiceFixture fixture = new ServiceFixture(directory, service);
    fixture.verifiedUser("Benchmark User", "bench4@example.com", 4);
    fixture.verifiedUser("Second Benchmark User", "bench5@example.com", 5);
    return fixture;
  }

  private void verifiedUser(String name, String email, long expectedId) {
    var signup = service.users().create(SignupRequest.of(name, email, Password.of(PASSWORD)));
    if (!(signup instanceof org.authnz.SignupResult.Created created)
        || created.userId() != expectedId) {
      throw new IllegalStateException("sign-up of user " + expectedId + " failed: " + signup);
    }
    require(service.emails().setVerified(email), "verification of user " + expectedId);
  }

  /** Opens {@code count} live sessions of {@code userId}. */
  List<SessionToken> sessions(long userId, int count) {
    List<SessionToken> tokens = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tokens.add(newSession(userId));
    }
    return tokens;
  }

  SessionToken newSession(long userId) {
    return require(service.sessions().create(sessionRequest(userId)), "session-new").token();
  }

  static CreateSessionRequest sessionRequest(long userId) {
    String expires =
        WireTime.format(
            Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS).plusNanos(1000));
    return new CreateSessionRequest("127.0.0.1", USER_AGENT, userId, expires, null);
  }

  /** A no-session API key of user 4 for the access check's default policy. */
  IssuedApiKey noSessionKey() {
    return require(
        service
            .apiKeys()
            .createWithoutSession(
                new NewNoSessionKeyRequest(
                    "authnzerver",
                    "bench.example",
                    "/api/things",
                    IntNode.valueOf(1),
                    Duration.ofDays(1),
                    Duration.ofSeconds(-1),
                    4,
                    "authenticated",
                    "127.0.0.1",
                    Duration.ofDays(2),
                    Duration.ZERO)),
        "apikey-new-nosession");
  }

  /** User 4 viewing user 5's public dataset: allowed, two user rows checked. */
  static AccessCheckRequest accessRequest() {
    return new AccessCheckRequest(4, "authenticated", "view", "dataset", 5, "public", "");
  }

  static <T> T require(Outcome<T> outcome, String what) {
    if (outcome instanceof Outcome.Success<T> success) {
      return success.value();
    }
    throw new IllegalStateException(what + " failed: " + outcome);
  }

  @Override
  public void close() {
    service.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
