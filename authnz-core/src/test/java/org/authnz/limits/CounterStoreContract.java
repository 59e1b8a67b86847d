package org.authnz.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CounterStore} that every counter store must pass: counts and first-seen
 * times per key, failure streaks per exact e-mail, and no increment lost among concurrent callers.
 * A subclass supplies a fresh store whose keys no other test sees (for a shared server, a key
 * prefix of its own, deleted in {@link #closeStore(CounterStore)}).
 */
public abstract class CounterStoreContract {
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected CounterStore store;

  /** Returns a new store with no keys. */
  protected abstract CounterStore openStore() throws Exception;

  /** Closes {@code opened} and removes its keys; by default closes it. */
  protected void closeStore(CounterStore opened) throws Exception {
    opened.close();
  }

  @BeforeEach
  final void open() throws Exception {
    store = openStore();
  }

  @AfterEach
  final void close() throws Exception {
    if (store != null) {
      closeStore(store);
    }
  }

  @Test
  void increment_sameKey_countsAndKeepsTheFirstSeenTime() {
    assertThat(store.increment("k", T0)).isEqualTo(new CounterStore.Count(1, T0));
    assertThat(store.increment("k", T0.plusSeconds(30))).isEqualTo(new CounterStore.Count(2, T0));
    assertThat(store.increment("k", T0.plusSeconds(60))).isEqualTo(new CounterStore.Count(3, T0));
  }

  @Test
  void increment_otherKey_countsSeparately() {
    store.increment("user-list-1.1.1.1", T0);
    store.increment("user-list-1.1.1.1", T0);

    CounterStore.Count other = store.increment("user-list-2.2.2.2", T0.plusSeconds(5));

    assertThat(other).isEqualTo(new CounterStore.Count(1, T0.plusSeconds(5)));
  }

  @Test
  void increment_subSecondFirstSeen_keepsMilliseconds() {
    Instant first = T0.plusMillis(250);
    store.increment("k", first);

    assertThat(store.increment("k", first.plusMillis(1500)).firstSeen()).isEqualTo(first);
  }

  @Test
  void addFailure_exactEmail_countsAndClears() {
    assertThat(store.addFailure("A@example.org", T0)).isEqualTo(1);
    assertThat(store.addFailure("A@example.org", T0)).isEqualTo(2);
    assertThat(store.addFailure("a@example.org", T0)).isEqualTo(1);

    store.clearFailures("A@example.org");

    assertThat(store.addFailure("A@example.org", T0)).isEqualTo(1);
    assertThat(store.addFailure("a@example.org", T0)).isEqualTo(2);
  }

  @Test
  void clearFailures_unknownEmail_doesNothing() {
    store.clearFailures("nobody@example.org");

    assertThat(store.addFailure("nobody@example.org", T0)).isEqualTo(1);
  }

  @Test
  void increment_concurrentCallers_loseNoIncrement() throws Exception {
    int callers = 8;
    int perCaller = 50;

    List<List<Long>> seen =
        concurrently(
            callers,
            () -> {
              List<Long> counts = new ArrayList<>();
              for (int n = 0; n < perCaller; n++) {
                counts.add(store.increment("busy", T0).count());
              }
              return counts;
            });

    List<Long> all = seen.stream().flatMap(List::stream).sorted().toList();
    assertThat(all).hasSize(callers * perCaller).doesNotHaveDuplicates();
    assertThat(all.get(all.size() - 1)).isEqualTo(callers * perCaller);
  }

  @Test
  void addFailure_concurrentCallers_loseNoFailure() throws Exception {
    int callers = 8;
    int perCaller = 25;

    concurrently(
        callers,
        () -> {
          for (int n = 0; n < perCaller; n++) {
            store.addFailure("target@example.org", T0);
          }
          return null;
        });

    assertThat(store.addFailure("target@example.org", T0)).isEqualTo(callers * perCaller + 1);
  }

  /** Runs {@code callers} copies of {@code task} released together; returns their results. */
  private static <T> List<T> concurrently(int callers, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
