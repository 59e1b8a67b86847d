package org.authnz.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.authnz.MutableClock;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

  /** The reference test's setting (spec/rate-limits.md section 6). */
  private static final Map<String, Integer> PINNED =
      Map.of(
          "ipaddr", 300, "user", 360, "session", 120, "apikey", 720, "burst", 150, "user-list", 10);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RequestRateLimiter limiter =
      new RequestRateLimiter(new MemoryCounterStore(Duration.ofHours(1)), clock, PINNED);

  private int accepted(String action, int requests, boolean distinctEmails) {
    int accepted = 0;
    for (int i = 0; i < requests; i++) {
      String email = distinctEmails ? "user" + i + "@example.org" : null;
      if (limiter.tryAcquire(action, "1.1.1.1", email)) {
        accepted++;
      }
      clock.advance(Duration.ofMillis(20));
    }
    return accepted;
  }

  @Test
  void tryAcquire_300SessionNewBackToBack_acceptsExactlyTheBurstOf150() {
    assertThat(accepted("session-new", 300, false)).isEqualTo(150);
  }

  @Test
  void tryAcquire_300UserListWithPerActionLimit10_acceptsExactly10() {
    assertThat(accepted("user-list", 300, false)).isEqualTo(10);
  }

  @Test
  void tryAcquire_300UserNewWithDistinctEmails_acceptsExactlyTheAggressive5() {
    assertThat(accepted("user-new", 300, true)).isEqualTo(5);
  }

  @Test
  void tryAcquire_userLoginBackToBack_acceptsExactlyTheAggressive10() {
    assertThat(accepted("user-login", 50, false)).isEqualTo(10);
  }

  @Test
  void tryAcquire_configuredPerActionValue_overridesTheAggressiveLimit() {
    RequestRateLimiter configured =
        new RequestRateLimiter(
            new MemoryCounterStore(Duration.ofHours(1)), clock, Map.of("user-login", 50));
    int accepted = 0;
    for (int i = 0; i < 100; i++) {
      accepted += configured.tryAcquire("user-login", "1.1.1.1", null) ? 1 : 0;
    }
    assertThat(accepted).isEqualTo(50);
  }

  @Test
  void tryAcquire_emailActionWithoutEmail_refuses() {
    assertThat(limiter.tryAcquire("user-lookup-email", "1.1.1.1", null)).isFalse();
  }

  @Test
  void tryAcquire_setEmailSentForOneEmailFromManyClients_acceptsTwoPerEmail() {
    int accepted = 0;
    for (int i = 0; i < 5; i++) {
      accepted += limiter.tryAcquire("user-set-emailsent", "10.0.0." + i, "a@example.org") ? 1 : 0;
    }
    assertThat(accepted).isEqualTo(2);
  }

  @Test
  void tryAcquire_otherClient_hasItsOwnCounter() {
    accepted("user-list", 20, false);
    assertThat(limiter.tryAcquire("user-list", "2.2.2.2", null)).isTrue();
  }

  @Test
  void tryAcquire_afterTheAverageFallsBelowTheLimit_acceptsAgain() {
    accepted("user-list", 20, false); // 20 counted within 0.4 s
    assertThat(limiter.tryAcquire("user-list", "1.1.1.1", null)).isFalse();
    // 21 extra requests need 21 * 60 / 10 = 126 s of key life to average 10 per minute
    clock.advance(Duration.ofSeconds(130));
    assertThat(limiter.tryAcquire("user-list", "1.1.1.1", null)).isTrue();
  }

  @Test
  void tryAcquire_internalActionAfterBurst_usesTheBuiltIn3000() {
    int accepted = 0;
    for (int i = 0; i < 400; i++) {
      accepted += limiter.tryAcquire("internal-user-lock", "1.1.1.1", null) ? 1 : 0;
      clock.advance(Duration.ofMillis(25)); // 2400 per minute: over every group limit, not 3000
    }
    assertThat(accepted).isEqualTo(400);
    clock.advance(Duration.ofMillis(-25 * 399));
    assertThat(limiter.tryAcquire("internal-user-lock", "1.1.1.1", null)).isFalse();
  }
}
