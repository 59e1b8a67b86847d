package org.authnz.limits;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The atomic counters behind request rate limiting and failed-login throttling ({@code
 * spec/rate-limits.md} sections 2 and 8). One store may be shared by several sidecars (Redis, or
 * the auth database through {@code org.authnz.store.jdbc.JdbcCounterStore}), so every operation is
 * a single atomic step.
 *
 * <p>Implementations are thread-safe and may forget idle keys; forgetting only makes limiting
 * stricter for a returning client (rate counters) or more lenient for an old failure streak.
 * Infrastructure failures surface as unchecked exceptions.
 */
public interface CounterStore extends AutoCloseable {

  /**
   * The state of one rate counter after an increment.
   *
   * @param count how many requests were counted under the key, this one included
   * @param firstSeen when the key was first counted; never changes afterwards
   */
  record Count(long count, Instant firstSeen) {

    /** Checks the components. */
    public Count {
      requireNonNull(firstSeen, "firstSeen");
    }

    /**
     * Requests per minute averaged over the key's life, not counting the first request; 0 for the
     * first request, and infinite when several arrived in the same instant.
     */
    public double perMinute(Instant now) {
      if (count <= 1) {
        return 0;
      }
      double seconds = (now.toEpochMilli() - firstSeen.toEpochMilli()) / 1000.0;
      if (seconds <= 0) {
        return Double.POSITIVE_INFINITY;
      }
      return (count - 1) / (seconds / 60.0);
    }
  }

  /** Counts one request under {@code key}, creating the key with {@code firstSeen = now}. */
  Count increment(String key, Instant now);

  /** Adds one failed login for the exact e-mail string and returns the new failure count. */
  long addFailure(String email, Instant now);

  /** Forgets the failed logins of the exact e-mail string. */
  void clearFailures(String email);

  /** Releases connections; the default does nothing. */
  @Override
  default void close() {}
}
