package org.authnz.limits;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The request rate limiter of {@code spec/rate-limits.md} sections 1-4: lifetime-average counters
 * per action and client (and per action and e-mail for e-mail actions), counted before the check,
 * with burst for the group limits only.
 *
 * <p>One deliberate difference ({@code docs/compatibility.md}): a configured per-action value
 * overrides the built-in aggressive limit of that action, as the reference documents but does not
 * do.
 *
 * <p>Thread-safe when its {@link CounterStore} is.
 */
public final class RequestRateLimiter {

  /** The group keys of the {@code ratelimits} setting, with their defaults. */
  public static final Map<String, Integer> GROUP_DEFAULTS =
      Map.of("ipaddr", 720, "user", 480, "session", 600, "apikey", 720, "burst", 150);

  /** The built-in aggressive per-minute limits. */
  public static final Map<String, Integer> AGGRESSIVE =
      Map.ofEntries(
          Map.entry("user-new", 5),
          Map.entry("user-login", 10),
          Map.entry("user-logout", 10),
          Map.entry("user-edit", 10),
          Map.entry("user-resetpass", 5),
          Map.entry("user-changepass", 5),
          Map.entry("user-sendemail-signup", 2),
          Map.entry("user-sendemail-forgotpass", 2),
          Map.entry("user-set-emailsent", 2),
          Map.entry("apikey-new", 30),
          Map.entry("apikey-new-nosession", 30),
          Map.entry("apikey-refresh-nosession", 30));

  /** The built-in group limit of {@code internal-} actions. */
  public static final int INTERNAL_LIMIT = 3000;

  private static final Set<String> GROUPS = GROUP_DEFAULTS.keySet();

  private final CounterStore counters;
  private final Clock clock;
  private final Map<String, Integer> groups;
  private final Map<String, Integer> perAction;

  /**
   * Creates a limiter.
   *
   * @param limits the {@code ratelimits} map: group keys (missing ones take their defaults) and
   *     per-action limits
   */
  public RequestRateLimiter(CounterStore counters, Clock clock, Map<String, Integer> limits) {
    this.counters = requireNonNull(counters, "counters");
    this.clock = requireNonNull(clock, "clock");
    Map<String, Integer> g = new HashMap<>(GROUP_DEFAULTS);
    Map<String, Integer> a = new HashMap<>();
    limits.forEach((key, value) -> (GROUPS.contains(key) ? g : a).put(key, value));
    this.groups = Map.copyOf(g);
    this.perAction = Map.copyOf(a);
  }

  /** Whether the action's name makes it e-mail related (its requests need an e-mail key). */
  public static boolean isEmailAction(String action) {
    return action.contains("email");
  }

  /**
   * Counts one request and says whether it may go on.
   *
   * @param action the requested action name (need not exist)
   * @param client the client's identity (its {@code client_ipaddr} as text)
   * @param email for an e-mail action, {@code body.email} if truthy, else {@code
   *     body.email_address} if truthy, else null (which refuses the request); ignored otherwise
   */
  public boolean tryAcquire(String action, String client, @Nullable String email) {
    Instant now = clock.instant();
    CounterStore.Count byClient = counters.increment(action + "-" + client, now);

    if (isEmailAction(action)) {
      if (email == null) {
        return false;
      }
      CounterStore.Count byEmail = counters.increment(action + "-" + email, now);
      Integer specific = specificLimit(action);
      int limit = specific != null ? specific : groups.get("user");
      if (byEmail.count() > limit && byEmail.perMinute(now) > limit) {
        return false;
      }
    }

    Integer specific = specificLimit(action);
    if (specific != null) {
      return !(byClient.count() > specific && byClient.perMinute(now) > specific);
    }
    if (byClient.count() > groups.get("burst")) {
      return byClient.perMinute(now) <= groupLimit(action);
    }
    return true;
  }

  private @Nullable Integer specificLimit(String action) {
    Integer configured = perAction.get(action);
    return configured != null ? configured : AGGRESSIVE.get(action);
  }

  private int groupLimit(String action) {
    if (action.startsWith("user-")) {
      return groups.get("user");
    }
    if (action.startsWith("session-")) {
      return groups.get("session");
    }
    if (action.startsWith("apikey-")) {
      return groups.get("apikey");
    }
    if (action.startsWith("internal-")) {
      return INTERNAL_LIMIT;
    }
    return groups.get("ipaddr");
  }
}
