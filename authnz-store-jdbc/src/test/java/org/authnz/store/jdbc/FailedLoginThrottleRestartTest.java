package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.store.jdbc.TestRows.NOW;

import java.nio.file.Path;
import java.time.Duration;
import org.authnz.MutableClock;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An automatic lock outlives the process that made it: a throttle started later on the same SQLite
 * file (a restart, or another sidecar) ends it when due, and the failure streak kept in the
 * database counters survives as well. The reference loses both on restart.
 */
class FailedLoginThrottleRestartTest {
  private static final String ADMIN = "admin@example.com";
  private static final Duration LOCK_TIME = Duration.ofMinutes(20);

  @TempDir Path dir;

  @Test
  void lockBeforeRestart_isEndedByTheNextProcessWhenDue() {
    Path file = dir.resolve("auth.sqlite");
    MutableClock clock = new MutableClock(NOW);
    try (JdbcStore store = TestRows.initializedStore(file)) {
      FailedLoginThrottle throttle = throttle(store, clock);
      throttle.afterAttempt(ADMIN, false);
      assertThat(throttle.afterAttempt(ADMIN, false).locked()).isTrue();
      assertThat(admin(store).userRole()).isEqualTo("locked");
    }

    try (JdbcStore restarted = JdbcStore.sqlite(file)) {
      FailedLoginThrottle throttle = throttle(restarted, clock);
      clock.advance(LOCK_TIME.minusSeconds(1));
      assertThat(throttle.unlockDue()).isZero();
      assertThat(admin(restarted).userRole()).isEqualTo("locked");

      clock.advance(Duration.ofSeconds(1));
      assertThat(throttle.unlockDue()).isEqualTo(1);
      assertThat(admin(restarted).userRole()).isEqualTo("superuser");
      assertThat(admin(restarted).active()).isTrue();

      // the streak is still counted in the database: the next failure locks again at once
      assertThat(throttle.afterAttempt(ADMIN, false).locked()).isTrue();
    }
  }

  private static FailedLoginThrottle throttle(JdbcStore store, MutableClock clock) {
    return new FailedLoginThrottle(
        JdbcCounterStore.of(store, Duration.ofHours(4)), store, clock, 1, LOCK_TIME);
  }

  private static StoredUser admin(JdbcStore store) {
    return store.findUserByEmail(ADMIN).orElseThrow();
  }
}
