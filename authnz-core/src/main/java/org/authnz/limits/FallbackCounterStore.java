package org.authnz.limits;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shared {@link CounterStore} (Redis) with an in-process one to fall back on: when the shared
 * store fails, one warning is logged and the in-process store answers until a retry (every {@link
 * #RETRY}) succeeds, which is logged once too. Counts made during the outage stay local. Requests
 * are never refused because the shared store is down. Thread-safe.
 */
public final class FallbackCounterStore implements CounterStore {

  /** How long the shared store is left alone after a failure. */
  public static final Duration RETRY = Duration.ofSeconds(10);

  private static final Logger logger = LoggerFactory.getLogger(FallbackCounterStore.class);

  private final CounterStore shared;
  private final CounterStore local;
  private final Clock clock;
  private final Object lock = new Object();
  private boolean down;
  private int warnings;
  private Instant retryAt = Instant.MIN;

  /** Creates the pair. */
  public FallbackCounterStore(CounterStore shared, CounterStore local, Clock clock) {
    this.shared = requireNonNull(shared, "shared");
    this.local = requireNonNull(local, "local");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Whether the in-process store is answering because the shared one failed. */
  public boolean isFallingBack() {
    synchronized (lock) {
      return down;
    }
  }

  /** How many fall-back warnings were logged: one per outage. */
  int warnings() {
    synchronized (lock) {
      return warnings;
    }
  }

  @Override
  public Count increment(String key, Instant now) {
    return call(() -> shared.increment(key, now), () -> local.increment(key, now));
  }

  @Override
  public long addFailure(String email, Instant now) {
    return call(() -> shared.addFailure(email, now), () -> local.addFailure(email, now));
  }

  @Override
  public void clearFailures(String email) {
    local.clearFailures(email);
    call(
        () -> {
          shared.clearFailures(email);
          return null;
        },
        () -> null);
  }

  private <T> T call(Supplier<T> onShared, Supplier<T> onLocal) {
    synchronized (lock) {
      if (down && clock.instant().isBefore(retryAt)) {
        return onLocal.get();
      }
    }
    try {
      T value = onShared.get();
      synchronized (lock) {
        if (down) {
          down = false;
          logger.info("shared rate-limit store answers again; counting there");
        }
      }
      return value;
    } catch (RuntimeException e) {
      synchronized (lock) {
        if (!down) {
          down = true;
          warnings++;
          logger
              .atWarn()
              .addKeyValue("error", e.getClass().getName())
              .log("shared rate-limit store failed; counting in this process until it answers");
        }
        retryAt = clock.instant().plus(RETRY);
      }
      return onLocal.get();
    }
  }

  @Override
  public void close() {
    try {
      shared.close();
    } finally {
      local.close();
    }
  }
}
