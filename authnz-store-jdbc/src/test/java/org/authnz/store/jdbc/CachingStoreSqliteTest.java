package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.authnz.AccessCheckRequest;
import org.authnz.AuthnzService;
import org.authnz.CachingStore;
import org.authnz.CreateSessionRequest;
import org.authnz.InternalLockUserRequest;
import org.authnz.MutableClock;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.WireTime;
import org.authnz.spi.SessionToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services, each with its own {@link JdbcStore} behind a {@link CachingStore}, on one SQLite
 * file, as two sidecars on one database: a change made through one is seen by the other within the
 * cache time, and at once by the one that made it. Time moves only by the shared clock.
 */
class CachingStoreSqliteTest {
  private static final Duration TTL = Duration.ofSeconds(1);
  private static final Duration JUST_UNDER = TTL.minusNanos(1);
  private static final String PASSWORD = "Qx7!vB2#mR9$kT4w-cache";
  private static final AccessCheckRequest VIEW_OWN =
      new AccessCheckRequest(4, "authenticated", "view", "dataset", 4, "private", "");

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-12-04T09:00:00Z"));
  AuthnzService first;
  AuthnzService second;
  SessionToken session;

  @BeforeEach
  void setUp() {
    Path file = dir.resolve("authdb.sqlite");
    first = service(file);
    second = service(file);
    first.initialize("admin@example.com", "Adm1n-Pa55-word!x");
    SignupResult created =
        first.users().create(SignupRequest.of("Cached User", "cached@example.com", pw()));
    assertThat(created).isInstanceOf(SignupResult.Created.class);
    assertThat(((SignupResult.Created) created).userId()).isEqualTo(4);
    assertThat(first.emails().setVerified("cached@example.com").isSuccess()).isTrue();
    String expires = WireTime.format(clock.instant().plus(Duration.ofDays(1)).plusNanos(1000));
    Outcome<org.authnz.NewSession> opened =
        first.sessions().create(new CreateSessionRequest("10.0.0.1", "test", 4L, expires, null));
    session = ((Outcome.Success<org.authnz.NewSession>) opened).value().token();

    // both services have the user and the session cached now
    assertThat(first.access().check(VIEW_OWN).isSuccess()).isTrue();
    assertThat(second.access().check(VIEW_OWN).isSuccess()).isTrue();
    assertThat(second.sessions().find(session).isSuccess()).isTrue();
  }

  @AfterEach
  void tearDown() {
    first.close();
    second.close();
  }

  private AuthnzService service(Path file) {
    return AuthnzService.builder()
        .store(CachingStore.wrap(JdbcStore.sqlite(file), TTL, clock))
        .clock(clock)
        .argon2(64, 1, 1)
        .build();
  }

  private static Password pw() {
    return Password.of(PASSWORD);
  }

  @Test
  void userLockedThroughOneServiceIsRefusedByTheOtherWithinTheCacheTime() {
    assertThat(first.admin().lockInternal(new InternalLockUserRequest(4, "lock")).isSuccess())
        .isTrue();

    assertThat(first.access().check(VIEW_OWN).isSuccess()).isFalse(); // its own write: at once
    clock.advance(JUST_UNDER);
    assertThat(second.access().check(VIEW_OWN).isSuccess()).isTrue(); // still cached
    clock.advance(Duration.ofNanos(1));
    assertThat(second.access().check(VIEW_OWN).isSuccess()).isFalse();
  }

  @Test
  void sessionDeletedThroughOneServiceIsRefusedByTheOtherWithinTheCacheTime() {
    assertThat(first.sessions().delete(session).isSuccess()).isTrue();

    assertThat(first.sessions().find(session).isSuccess()).isFalse();
    clock.advance(JUST_UNDER);
    assertThat(second.sessions().find(session).isSuccess()).isTrue();
    clock.advance(Duration.ofNanos(1));
    assertThat(second.sessions().find(session).isSuccess()).isFalse();
  }

  @Test
  void userDeletedThroughOneServiceLosesAccessAndSessionsEverywhereWithinTheCacheTime() {
    assertThat(first.admin().deleteInternal(4).isSuccess()).isTrue();

    assertThat(first.access().check(VIEW_OWN).isSuccess()).isFalse();
    assertThat(first.sessions().find(session).isSuccess()).isFalse();
    clock.advance(TTL);
    assertThat(second.access().check(VIEW_OWN).isSuccess()).isFalse();
    assertThat(second.sessions().find(session).isSuccess()).isFalse();
  }

  @Test
  void writeThroughTheSameServiceIsSeenAtOnceWithoutTimePassing() {
    assertThat(second.admin().lockInternal(new InternalLockUserRequest(4, "lock")).isSuccess())
        .isTrue();
    assertThat(second.access().check(VIEW_OWN).isSuccess()).isFalse();
    assertThat(second.sessions().find(session).isSuccess()).isFalse(); // locking ends sessions

    assertThat(second.admin().lockInternal(new InternalLockUserRequest(4, "unlock")).isSuccess())
        .isTrue();
    assertThat(second.access().check(VIEW_OWN).isSuccess()).isTrue();
  }

  @Test
  void missingRowsAreNotCached() {
    AccessCheckRequest viewFifth =
        new AccessCheckRequest(4, "authenticated", "view", "dataset", 5, "public", "");
    assertThat(second.access().check(viewFifth).isSuccess()).isFalse(); // no user 5 yet

    first.users().create(SignupRequest.of("Fifth User", "fifth@example.com", pw()));
    first.emails().setVerified("fifth@example.com");

    assertThat(second.access().check(viewFifth).isSuccess()).isTrue(); // no time has passed
  }
}
