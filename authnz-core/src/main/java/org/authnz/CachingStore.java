package org.authnz;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.NewUser;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredApiKey;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.authnz.spi.UserMatchStore;
import org.jspecify.annotations.Nullable;

/**
 * A store that remembers the two rows the hot read paths look up, a session by its token and a user
 * by id, for at most a fixed time ({@code ttl}), in front of another store. {@code session-exists},
 * {@code user-check-access} and the API key checks then mostly skip the database.
 *
 * <p><b>Staleness.</b> A write made through this store (any user or session change, delete or lock)
 * is seen at once by every later read through it: each write, after the delegate returns, retires
 * every cached row of its kind, including rows being loaded while it ran. A write made through
 * another store on the same database (another sidecar, another process) is seen within {@code ttl}
 * plus the time of one database read: a session deleted or a user locked, deleted or given another
 * role there is refused here at most that long afterwards. Only rows that exist are cached; a token
 * or id that is not found is looked up again every time.
 *
 * <p>Every other operation goes straight to the delegate. Thread-safe when the delegate is.
 */
public final class CachingStore implements AuthnzStore, UserMatchStore {

  /** The cache size: rows beyond it are evicted, least recently used first. */
  static final int MAXIMUM_ROWS = 100_000;

  private final AuthnzStore delegate;
  private final Duration ttl;
  private final Rows<SessionToken, StoredSession> sessions;
  private final Rows<Long, StoredUser> users;

  private CachingStore(AuthnzStore delegate, Duration ttl, Ticker ticker) {
    this.delegate = delegate;
    this.ttl = ttl;
    this.sessions = new Rows<>(ttl, ticker);
    this.users = new Rows<>(ttl, ticker);
  }

  /**
   * Wraps {@code delegate}, timing rows with {@link System#nanoTime()}.
   *
   * @param ttl how long a row may be served from memory: the bound on how stale a read can be after
   *     a write through another store; positive
   * @throws IllegalArgumentException when {@code ttl} is not positive
   */
  public static CachingStore wrap(AuthnzStore delegate, Duration ttl) {
    return new CachingStore(delegate, checked(ttl), Ticker.systemTicker());
  }

  /**
   * As {@link #wrap(AuthnzStore, Duration)}, timing rows with {@code clock} (for tests that move
   * time by hand).
   */
  public static CachingStore wrap(AuthnzStore delegate, Duration ttl, Clock clock) {
    requireNonNull(clock, "clock");
    return new CachingStore(delegate, checked(ttl), () -> nanos(clock.instant()));
  }

  private static Duration checked(Duration ttl) {
    requireNonNull(ttl, "ttl");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("the cache time must be positive");
    }
    return ttl;
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** The bound on staleness after a write through another store. */
  public Duration ttl() {
    return ttl;
  }

  /** The wrapped store. */
  public AuthnzStore delegate() {
    return delegate;
  }

  // ---- cached reads ----------------------------------------------------------------------

  @Override
  public Optional<StoredUser> findUser(long userId) {
    return users.find(userId, delegate::findUser);
  }

  @Override
  public Optional<StoredSession> findSession(SessionToken token) {
    requireNonNull(token, "token");
    return sessions.find(token, delegate::findSession);
  }

  // ---- writes: each retires the cached rows it may have changed ----------------------------

  @Override
  public boolean initializeIfEmpty(List<String> roles, List<NewUser> systemUsers) {
    try {
      return delegate.initializeIfEmpty(roles, systemUsers);
    } finally {
      users.retire();
    }
  }

  @Override
  public Optional<StoredUser> insertUser(NewUser user) {
    return delegate.insertUser(user); // only found rows are cached: a new row cannot be stale
  }

  @Override
  public Optional<StoredUser> updateUser(
      long userId, Instant now, UnaryOperator<StoredUser> change) {
    try {
      return delegate.updateUser(userId, now, change);
    } finally {
      users.retire();
    }
  }

  @Override
  public boolean deleteUser(long userId) {
    try {
      return delegate.deleteUser(userId);
    } finally {
      users.retire();
      sessions.retire(); // the user's sessions go with the user
    }
  }

  @Override
  public void setLockExpiry(long userId, @Nullable Instant expiry) {
    try {
      delegate.setLockExpiry(userId, expiry);
    } finally {
      users.retire();
    }
  }

  @Override
  public void insertSession(StoredSession session) {
    delegate.insertSession(session); // only found rows are cached: a new row cannot be stale
  }

  @Override
  public Optional<StoredSession> updateSession(
      SessionToken token, UnaryOperator<StoredSession> change) {
    try {
      return delegate.updateSession(token, change);
    } finally {
      sessions.retire();
    }
  }

  @Override
  public boolean deleteSession(SessionToken token) {
    try {
      return delegate.deleteSession(token);
    } finally {
      sessions.retire();
    }
  }

  @Override
  public int deleteSessionsOfUser(long userId, @Nullable SessionToken keep) {
    try {
      return delegate.deleteSessionsOfUser(userId, keep);
    } finally {
      sessions.retire();
    }
  }

  @Override
  public int deleteSessionsExpiredBefore(Instant cutoff) {
    try {
      return delegate.deleteSessionsExpiredBefore(cutoff);
    } finally {
      sessions.retire();
    }
  }

  // ---- everything else goes straight through ----------------------------------------------

  @Override
  public List<String> roles() {
    return delegate.roles();
  }

  @Override
  public Optional<StoredUser> findUserByEmail(String email) {
    return delegate.findUserByEmail(email);
  }

  @Override
  public List<StoredUser> listUsers() {
    return delegate.listUsers();
  }

  @Override
  public List<StoredUser> findUsersByExtraInfo(Map<String, String> entries) {
    if (delegate instanceof UserMatchStore searchable) {
      return searchable.findUsersByExtraInfo(entries);
    }
    return UserMatchStore.matching(delegate.listUsers(), entries);
  }

  @Override
  public List<Long> findExpiredLocks(Instant now) {
    return delegate.findExpiredLocks(now);
  }

  @Override
  public void insertApiKey(StoredApiKey key) {
    delegate.insertApiKey(key);
  }

  @Override
  public Optional<StoredApiKey> findApiKey(ApiKeyToken token) {
    return delegate.findApiKey(token);
  }

  @Override
  public boolean deleteApiKey(ApiKeyToken token, long userId, String userRole) {
    return delegate.deleteApiKey(token, userId, userRole);
  }

  @Override
  public void insertNoSessionKey(StoredNoSessionKey key) {
    delegate.insertNoSessionKey(key);
  }

  @Override
  public Optional<StoredNoSessionKey> findNoSessionKey(ApiKeyToken token) {
    return delegate.findNoSessionKey(token);
  }

  @Override
  public boolean deleteNoSessionKey(ApiKeyToken token, long userId, String userRole) {
    return delegate.deleteNoSessionKey(token, userId, userRole);
  }

  @Override
  public int deleteNoSessionKeysOfUser(long userId) {
    return delegate.deleteNoSessionKeysOfUser(userId);
  }

  @Override
  public boolean rotateNoSessionKey(
      ApiKeyToken old, long userId, String userRole, StoredNoSessionKey replacement) {
    return delegate.rotateNoSessionKey(old, userId, userRole, replacement);
  }

  @Override
  public boolean isHealthy() {
    return delegate.isHealthy();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "CachingStore[ttl=" + ttl + ", " + delegate + "]";
  }

  /**
   * Found rows of one kind, each stamped with the generation current when its read began. A write
   * advances the generation after it is done, which retires every row stamped earlier, even one
   * whose read was still running: such a row is never served.
   */
  private static final class Rows<K, V> {
    private final AtomicLong generation = new AtomicLong();
    private final Cache<K, Stamped<V>> cache;

    Rows(Duration ttl, Ticker ticker) {
      this.cache =
          Caffeine.newBuilder()
              .maximumSize(MAXIMUM_ROWS)
              .expireAfterWrite(ttl)
              .ticker(ticker)
              .build();
    }

    Optional<V> find(K key, Function<K, Optional<V>> load) {
      long current = generation.get();
      Stamped<V> cached = cache.getIfPresent(key);
      if (cached != null && cached.generation() == current) {
        return Optional.of(cached.value());
      }
      Optional<V> loaded = load.apply(key);
      if (loaded.isPresent()) {
        cache.put(key, new Stamped<>(loaded.get(), current));
      } else if (cached != null) {
        cache.invalidate(key);
      }
      return loaded;
    }

    void retire() {
      generation.incrementAndGet();
    }
  }

  private record Stamped<V>(V value, long generation) {}
}
