package org.authnz.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.authnz.AuthnzService;
import org.authnz.MutableClock;
import org.authnz.limits.FailedLoginThrottle.Verdict;
import org.authnz.memory.InMemoryStore;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailedLoginThrottleTest {

  private static final String ADMIN = "admin@example.org";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryStore store = InMemoryStore.create();
  private long adminId;

  @BeforeEach
  void setUp() {
    AuthnzService service = AuthnzService.builder().store(store).clock(clock).build();
    service.initialize(ADMIN, "Throttle-Test-Pass-8Hq3");
    adminId = store.findUserByEmail(ADMIN).orElseThrow().userId();
  }

  private FailedLoginThrottle throttle(int tries, Duration lockTime) {
    return new FailedLoginThrottle(
        new MemoryCounterStore(Duration.ofHours(4)), store, clock, tries, lockTime);
  }

  private StoredUser admin() {
    return store.findUser(adminId).orElseThrow();
  }

  @Test
  void delayAfter_defaultTries_followsTheSpecTable() {
    List<Long> millis = new ArrayList<>();
    for (int n = 1; n <= 10; n++) {
      millis.add(FailedLoginThrottle.delayAfter(n).toMillis());
    }
    assertThat(millis)
        .containsExactly(1000L, 1500L, 2250L, 3375L, 5062L, 7593L, 11390L, 17085L, 25628L, 38443L);
    assertThat(FailedLoginThrottle.delayAfter(12)).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void afterAttempt_tenFailuresThenEleventh_delaysThenLocksWithoutDelay() {
    FailedLoginThrottle throttle = throttle(10, Duration.ofHours(1));
    for (int n = 1; n <= 10; n++) {
      Verdict verdict = throttle.afterAttempt(ADMIN, false);
      assertThat(verdict.locked()).isFalse();
      assertThat(verdict.delay()).isEqualTo(FailedLoginThrottle.delayAfter(n));
    }
    assertThat(admin().userRole()).isEqualTo("superuser");

    Verdict eleventh = throttle.afterAttempt(ADMIN, false);

    assertThat(eleventh).isEqualTo(new Verdict(Duration.ZERO, true));
    assertThat(admin().userRole()).isEqualTo("locked");
    assertThat(admin().active()).isFalse();
  }

  @Test
  void afterAttempt_success_resetsTheCount() {
    FailedLoginThrottle throttle = throttle(10, Duration.ofHours(1));
    throttle.afterAttempt(ADMIN, false);
    throttle.afterAttempt(ADMIN, false);
    throttle.afterAttempt(ADMIN, true);

    assertThat(throttle.afterAttempt(ADMIN, false).delay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void unlockDue_afterLockTime_restoresTheRoleButKeepsTheCount() {
    FailedLoginThrottle throttle = throttle(2, Duration.ofSeconds(20));
    throttle.afterAttempt(ADMIN, false);
    throttle.afterAttempt(ADMIN, false);
    assertThat(throttle.afterAttempt(ADMIN, false).locked()).isTrue();
    assertThat(throttle.afterAttempt(ADMIN, false).locked()).isTrue();

    clock.advance(Duration.ofSeconds(19));
    assertThat(throttle.unlockDue()).isZero();
    assertThat(admin().userRole()).isEqualTo("locked");

    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.unlockDue()).isEqualTo(1);
    assertThat(admin().userRole()).isEqualTo("superuser");
    assertThat(admin().active()).isTrue();

    // the count survives the unlock: the next failure locks again at once
    assertThat(throttle.afterAttempt(ADMIN, false)).isEqualTo(new Verdict(Duration.ZERO, true));
    assertThat(admin().userRole()).isEqualTo("locked");
  }

  @Test
  void afterAttempt_zeroTries_locksAtTheFirstFailure() {
    FailedLoginThrottle throttle = throttle(0, Duration.ofHours(1));

    assertThat(throttle.afterAttempt(ADMIN, false).locked()).isTrue();
    assertThat(admin().userRole()).isEqualTo("locked");
  }

  @Test
  void afterAttempt_unknownOrDifferentlyCasedEmail_answersLockedButLocksNobody() {
    FailedLoginThrottle throttle = throttle(1, Duration.ofHours(1));
    throttle.afterAttempt(ADMIN.toUpperCase(), false);

    assertThat(throttle.afterAttempt(ADMIN.toUpperCase(), false).locked()).isTrue();
    assertThat(admin().userRole()).isEqualTo("superuser");
  }

  @Test
  void afterAttempt_lockTwice_keepsOneHistoryEntry() {
    FailedLoginThrottle throttle = throttle(0, Duration.ofHours(1));
    throttle.afterAttempt(ADMIN, false);
    throttle.afterAttempt(ADMIN, false);

    assertThat(admin().extraInfo().get("previous_user_roles").toString())
        .isEqualTo("[\"locked\",\"superuser\"]");
  }
}
