package org.authnz.limits;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.authnz.InvalidConfigurationException;

/** Opens the {@link CounterStore} a setting names ({@code ratelimitstore}). */
public final class CounterStores {

  /** The setting's default: counters in this process. */
  public static final String MEMORY = "memory";

  /**
   * The setting for counters in the store's SQL database; the JDBC store module opens that one, not
   * {@link #open}.
   */
  public static final String DATABASE = "database";

  private CounterStores() {}

  /**
   * Opens the store for {@code setting}: {@code memory}, or a {@code redis://} / {@code rediss://}
   * URI, which gives a Redis store falling back to memory while Redis does not answer.
   *
   * @param failureMemory how long a failed-login streak is remembered after its last failure
   * @throws InvalidConfigurationException when the setting is neither
   */
  public static CounterStore open(String setting, Duration failureMemory, Clock clock) {
    String value = setting.strip();
    MemoryCounterStore memory = new MemoryCounterStore(failureMemory);
    if (value.isEmpty() || value.toLowerCase(Locale.ROOT).equals(MEMORY)) {
      return memory;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("redis://") && !lower.startsWith("rediss://")) {
      throw new InvalidConfigurationException(
          "ratelimitstore must be 'memory', 'database' or a redis:// URI such as"
              + " redis://127.0.0.1:6379");
    }
    try {
      return new FallbackCounterStore(
          new RedisCounterStore(value, "authnz:", failureMemory), memory, clock);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("ratelimitstore is not a valid Redis URI");
    }
  }

  /**
   * How long failed-login streaks are remembered: four lock times, at least an hour, so that a
   * streak outlives its lock as the reference's does while the table stays bounded.
   */
  public static Duration failureMemory(Duration lockTime) {
    Duration four = lockTime.multipliedBy(4);
    return four.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1) : four;
  }
}
