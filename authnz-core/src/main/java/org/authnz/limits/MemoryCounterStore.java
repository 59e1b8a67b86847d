package org.authnz.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;

/**
 * The in-process {@link CounterStore}, for one node: bounded Caffeine maps that forget idle keys.
 * Rate counters keep at most {@link #RATE_KEYS} keys (the reference's table size) and forget a key
 * idle for a day; failure counters keep at most {@link #FAILURE_KEYS} e-mail strings and forget one
 * whose last failure is older than {@code failureMemory}. Unlike the reference, the failure table
 * never stops the server when it fills up.
 */
public final class MemoryCounterStore implements CounterStore {

  /** The most rate counter keys kept. */
  public static final int RATE_KEYS = 20_000;

  /** The most e-mail strings with failed logins kept. */
  public static final int FAILURE_KEYS = 100_000;

  private final Cache<String, Count> counts;
  private final Cache<String, Long> failures;

  /**
   * Creates a store that forgets failure streaks {@code failureMemory} after their last failure.
   */
  public MemoryCounterStore(Duration failureMemory) {
    this.counts =
        Caffeine.newBuilder().maximumSize(RATE_KEYS).expireAfterAccess(Duration.ofDays(1)).build();
    this.failures =
        Caffeine.newBuilder().maximumSize(FAILURE_KEYS).expireAfterWrite(failureMemory).build();
  }

  @Override
  public Count increment(String key, Instant now) {
    return counts
        .asMap()
        .compute(
            key,
            (k, old) ->
                old == null ? new Count(1, now) : new Count(old.count() + 1, old.firstSeen()));
  }

  @Override
  public long addFailure(String email, Instant now) {
    return failures.asMap().merge(email, 1L, Long::sum);
  }

  @Override
  public void clearFailures(String email) {
    failures.invalidate(email);
  }
}
