package org.authnz.limits;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.authnz.InvalidConfigurationException;
import org.authnz.internal.columns.TextColumns;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.StoredUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed-login slow-down and automatic lock of {@code spec/rate-limits.md} section 8 for {@code
 * user-login} and {@code user-passcheck-nosession}: failures counted per exact e-mail string in a
 * {@link CounterStore} (so shared between sidecars on Redis), a growing delay up to {@code
 * userlocktries} failures, then a lock as {@code internal-user-lock} does it, ended after {@code
 * userlocktime} by {@link #unlockDue()}.
 *
 * <p>Unlike the reference, the lock's end is also recorded in the store ({@link
 * org.authnz.spi.UserStore#setLockExpiry}), so a restarted or another sidecar ends it too.
 *
 * <p>The throttle only decides; the transport waits the returned delay without holding a thread.
 * Thread-safe.
 */
public final class FailedLoginThrottle {

  /** The message of the lock envelope; says "an hour" whatever {@code userlocktime} is. */
  public static final String LOCKED_MESSAGE =
      "Your user account has been locked after repeated login failures. "
          + "Try again in an hour or contact the server admins.";

  /** The actions the throttle applies to. */
  public static final List<String> ACTIONS = List.of("user-login", "user-passcheck-nosession");

  /**
   * The longest delay before an answer ({@link #delayAfter}); a client of these actions should wait
   * this much longer than for other requests.
   */
  public static final Duration MAX_DELAY = Duration.ofSeconds(40);

  private static final Logger logger = LoggerFactory.getLogger(FailedLoginThrottle.class);

  /**
   * What to do with a finished attempt.
   *
   * @param delay how long to wait before sending the answer
   * @param locked whether to send the lock envelope instead of the action's answer
   */
  public record Verdict(Duration delay, boolean locked) {

    /** Send the answer at once. */
    public static final Verdict NOW = new Verdict(Duration.ZERO, false);

    /** Checks the components. */
    public Verdict {
      requireNonNull(delay, "delay");
    }
  }

  private final CounterStore counters;
  private final AuthnzStore store;
  private final AccountLock locks;
  private final Clock clock;
  private final int tries;
  private final Duration lockTime;
  private final Map<Long, Instant> pendingUnlocks = new ConcurrentHashMap<>();

  /**
   * Creates the throttle.
   *
   * @param tries {@code userlocktries}: failures answered with a delay before the next one locks
   * @param lockTime {@code userlocktime}: how long an automatic lock lasts
   */
  public FailedLoginThrottle(
      CounterStore counters, AuthnzStore store, Clock clock, int tries, Duration lockTime) {
    this.counters = requireNonNull(counters, "counters");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.locks = new AccountLock(store, clock);
    this.lockTime = requireNonNull(lockTime, "lockTime");
    if (tries < 0 || lockTime.isNegative()) {
      throw new InvalidConfigurationException(
          "userlocktries and userlocktime must not be negative");
    }
    this.tries = tries;
  }

  /** Whether the throttle applies to the action. */
  public static boolean appliesTo(String action) {
    return ACTIONS.contains(action);
  }

  /** The wait after failure number {@code n} (from 1): {@code min(1.5^(n-1), 40)} seconds. */
  public static Duration delayAfter(long failures) {
    double seconds = Math.min(Math.pow(1.5, failures - 1), MAX_DELAY.toSeconds());
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /**
   * Records a finished attempt for the exact e-mail string and says what to send.
   *
   * @param succeeded the action's {@code success}
   */
  public Verdict afterAttempt(String email, boolean succeeded) {
    if (succeeded) {
      counters.clearFailures(email);
      return Verdict.NOW;
    }
    long failures = counters.addFailure(email, clock.instant());
    if (failures <= tries) {
      return new Verdict(delayAfter(failures), false);
    }
    Optional<StoredUser> user =
        TextColumns.canBeStoredEmail(email) ? store.findUserByEmail(email) : Optional.empty();
    if (user.isPresent()) {
      long userId = user.get().userId();
      if (locks.lock(userId)) {
        Instant until = clock.instant().plus(lockTime);
        pendingUnlocks.put(userId, until);
        store.setLockExpiry(userId, until);
        // No user id: this class has no PII salt to hash it with, and raw ids stay out of logs.
        logger.info("account locked after failed logins");
      }
    }
    return new Verdict(Duration.ZERO, true);
  }

  /**
   * Ends the automatic locks that are due: this sidecar's own, and those the store records (from
   * before a restart or from another sidecar). Call it periodically.
   *
   * @return how many users were unlocked
   */
  public int unlockDue() {
    Instant now = clock.instant();
    int unlocked = 0;
    for (Map.Entry<Long, Instant> pending : pendingUnlocks.entrySet()) {
      if (!pending.getValue().isAfter(now)
          && pendingUnlocks.remove(pending.getKey(), pending.getValue())) {
        unlocked += unlock(pending.getKey()) ? 1 : 0;
      }
    }
    for (long userId : store.findExpiredLocks(now)) {
      pendingUnlocks.remove(userId);
      unlocked += unlock(userId) ? 1 : 0;
    }
    return unlocked;
  }

  private boolean unlock(long userId) {
    store.setLockExpiry(userId, null);
    boolean done = locks.unlock(userId);
    logger.info("automatic account lock ended");
    return done;
  }
}
