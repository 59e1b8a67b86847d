package org.authnz.store.jdbc;

import static java.time.temporal.ChronoUnit.MICROS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.store.jdbc.TestRows.NOW;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.authnz.limits.CounterStore;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbcCounterStore} must do on every database: the counting of {@code
 * spec/rate-limits.md} section 2, idle expiry, atomic increments under contention, and one
 * database's counters shared by two stores (two sidecars).
 */
abstract class JdbcCounterStoreContract {
  static final Duration FAILURE_MEMORY = Duration.ofHours(4);

  /** A store on this test's database, freshly opened; each call opens another one. */
  abstract JdbcStore openStore();

  private JdbcCounterStore counters(JdbcStore store) {
    return JdbcCounterStore.of(store, FAILURE_MEMORY);
  }

  @Test
  void increment_keepsTheFirstSeenTimeAndCountsUp() {
    try (JdbcStore store = openStore()) {
      JdbcCounterStore counters = counters(store);

      CounterStore.Count first = counters.increment("session-new-1.1.1.1", NOW);
      CounterStore.Count second = counters.increment("session-new-1.1.1.1", NOW.plusSeconds(3));

      assertThat(first).isEqualTo(new CounterStore.Count(1, NOW.truncatedTo(MICROS)));
      assertThat(second).isEqualTo(new CounterStore.Count(2, NOW.truncatedTo(MICROS)));
      assertThat(counters.increment("session-new-2.2.2.2", NOW).count()).isEqualTo(1);
    }
  }

  @Test
  void increment_afterADayIdle_startsAgainAtOne() {
    try (JdbcStore store = openStore()) {
      JdbcCounterStore counters = counters(store);
      counters.increment("user-list-1.1.1.1", NOW);
      counters.increment("user-list-1.1.1.1", NOW.plusSeconds(10));

      Instant later = NOW.plusSeconds(10).plus(Duration.ofDays(1));
      CounterStore.Count restarted = counters.increment("user-list-1.1.1.1", later);

      assertThat(restarted).isEqualTo(new CounterStore.Count(1, later.truncatedTo(MICROS)));
    }
  }

  @Test
  void addFailure_countsUntilClearedOrForgotten() {
    try (JdbcStore store = openStore()) {
      JdbcCounterStore counters = counters(store);

      assertThat(counters.addFailure("a@example.org", NOW)).isEqualTo(1);
      assertThat(counters.addFailure("a@example.org", NOW.plusSeconds(1))).isEqualTo(2);
      assertThat(counters.addFailure("A@example.org", NOW.plusSeconds(1))).isEqualTo(1);
      counters.clearFailures("a@example.org");
      assertThat(counters.addFailure("a@example.org", NOW.plusSeconds(2))).isEqualTo(1);

      Instant forgotten = NOW.plusSeconds(2).plus(FAILURE_MEMORY);
      assertThat(counters.addFailure("a@example.org", forgotten)).isEqualTo(1);
    }
  }

  @Test
  void failuresAndRateCounters_withTheSameText_areSeparate() {
    try (JdbcStore store = openStore()) {
      JdbcCounterStore counters = counters(store);
      counters.increment("x@example.org", NOW);
      counters.increment("x@example.org", NOW);

      assertThat(counters.addFailure("x@example.org", NOW)).isEqualTo(1);
    }
  }

  @Test
  void increment_keysLongerThanTheColumn_areCountedSeparately() {
    try (JdbcStore store = openStore()) {
      JdbcCounterStore counters = counters(store);
      String base = "user-lookup-email-" + "x".repeat(2000);

      counters.increment(base + "a", NOW);
      CounterStore.Count a = counters.increment(base + "a", NOW);
      CounterStore.Count b = counters.increment(base + "b", NOW);

      assertThat(a.count()).isEqualTo(2);
      assertThat(b.count()).isEqualTo(1);
      assertThat(counters.addFailure("y".repeat(3000) + "@example.org", NOW)).isEqualTo(1);
    }
  }

  @Test
  void sweep_deletesOnlyExpiredRows() {
    try (JdbcStore store = openStore()) {
      JdbcCounterStore counters = counters(store);
      counters.increment("old", NOW);
      counters.increment("new", NOW.plus(Duration.ofHours(20)));
      counters.addFailure("f@example.org", NOW);

      int deleted = counters.sweep(NOW.plus(Duration.ofDays(1)));

      assertThat(deleted).isEqualTo(2); // "old" and the failure streak
      assertThat(counters.increment("new", NOW.plus(Duration.ofHours(21))).count()).isEqualTo(2);
    }
  }

  @Test
  void increment_fromManyThreads_losesNoCount() throws Exception {
    int threads = 8;
    int each = 100;
    try (JdbcStore store = openStore()) {
      JdbcCounterStore counters = counters(store);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Long>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<Long> seen = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    seen.add(counters.increment("busy", NOW).count());
                    counters.addFailure("busy@example.org", NOW);
                  }
                  return seen;
                }));
      }
      start.countDown();
      Set<Long> counts = new HashSet<>();
      for (Future<List<Long>> result : results) {
        counts.addAll(result.get(2, TimeUnit.MINUTES));
      }
      pool.shutdown();

      // every increment saw its own count: none was lost or doubled
      assertThat(counts).hasSize(threads * each);
      assertThat(counts).allMatch(n -> n >= 1 && n <= threads * each);
      assertThat(counters.addFailure("busy@example.org", NOW)).isEqualTo(threads * each + 1);
    }
  }

  @Test
  void twoStoresOnOneDatabase_shareTheirCounters() {
    try (JdbcStore first = openStore();
        JdbcStore second = openStore()) {
      JdbcCounterStore a = counters(first);
      JdbcCounterStore b = counters(second);

      a.increment("user-list-9.9.9.9", NOW);
      b.increment("user-list-9.9.9.9", NOW.plusSeconds(1));
      a.addFailure("shared@example.org", NOW);

      assertThat(b.increment("user-list-9.9.9.9", NOW.plusSeconds(2)))
          .isEqualTo(new CounterStore.Count(3, NOW.truncatedTo(MICROS)));
      assertThat(b.addFailure("shared@example.org", NOW)).isEqualTo(2);
      b.clearFailures("shared@example.org");
      assertThat(a.addFailure("shared@example.org", NOW)).isEqualTo(1);
    }
  }
}
