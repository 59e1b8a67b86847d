package org.authnz.memory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.DuplicateValueException;
import org.authnz.spi.NewUser;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredApiKey;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.authnz.spi.UserMatchStore;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AuthnzStore} that keeps everything in memory and loses it on close.
 *
 * <p>Thread-safe: every method is one step under a single lock, so each is atomic. Keeps the SPI
 * guarantees: unique e-mail (exact) and system id, unique session tokens, user ids never reused,
 * sessions deleted with their user, API keys deleted with their session or user, users, sessions
 * and keys referring to existing roles, users and sessions, times truncated to microseconds, JSON
 * values copied in and out.
 */
public final class InMemoryStore implements AuthnzStore, UserMatchStore {
  private final List<String> roles = new ArrayList<>();
  private final TreeMap<Long, StoredUser> users = new TreeMap<>();
  private final Map<SessionToken, StoredSession> sessions = new HashMap<>();
  private final Map<ApiKeyToken, StoredApiKey> apiKeys = new HashMap<>();
  private final Map<ApiKeyToken, StoredNoSessionKey> noSessionKeys = new HashMap<>();
  private long nextUserId = 1;
  private boolean closed;

  private InMemoryStore() {}

  /** Creates an empty store. */
  public static InMemoryStore create() {
    return new InMemoryStore();
  }

  @Override
  public synchronized boolean initializeIfEmpty(List<String> newRoles, List<NewUser> systemUsers) {
    requireNonNull(newRoles, "newRoles");
    requireNonNull(systemUsers, "systemUsers");
    checkOpen();
    if (!roles.isEmpty()) {
      return false;
    }
    roles.addAll(newRoles);
    for (NewUser user : systemUsers) {
      if (insertUser(user).isEmpty()) {
        throw new DuplicateValueException("system user");
      }
    }
    return true;
  }

  @Override
  public synchronized List<String> roles() {
    checkOpen();
    return List.copyOf(roles);
  }

  @Override
  public synchronized Optional<StoredUser> findUser(long userId) {
    checkOpen();
    return Optional.ofNullable(users.get(userId)).map(InMemoryStore::copy);
  }

  @Override
  public synchronized Optional<StoredUser> findUserByEmail(String email) {
    requireNonNull(email, "email");
    checkOpen();
    return users.values().stream()
        .filter(u -> u.email().equals(email))
        .findFirst()
        .map(InMemoryStore::copy);
  }

  @Override
  public synchronized List<StoredUser> listUsers() {
    checkOpen();
    return users.values().stream().map(InMemoryStore::copy).toList();
  }

  @Override
  public synchronized List<StoredUser> findUsersByExtraInfo(Map<String, String> entries) {
    requireNonNull(entries, "entries");
    checkOpen();
    return UserMatchStore.matching(listUsers(), entries);
  }

  @Override
  public synchronized Optional<StoredUser> insertUser(NewUser user) {
    requireNonNull(user, "user");
    checkOpen();
    if (!roles.contains(user.userRole())) {
      throw new IllegalArgumentException("unknown role");
    }
    for (StoredUser existing : users.values()) {
      if (existing.email().equals(user.email()) || existing.systemId().equals(user.systemId())) {
        return Optional.empty();
      }
    }
    Instant created = micros(user.createdOn());
    StoredUser stored =
        new StoredUser(
            nextUserId++,
            user.systemId(),
            user.fullName(),
            user.password(),
            user.email(),
            user.emailVerified(),
            user.active(),
            null,
            null,
            null,
            null,
            null,
            0,
            copy(user.extraInfo()),
            created,
            created,
            user.userRole());
    users.put(stored.userId(), stored);
    return Optional.of(copy(stored));
  }

  @Override
  public synchronized Optional<StoredUser> updateUser(
      long userId, Instant now, UnaryOperator<StoredUser> change) {
    requireNonNull(now, "now");
    requireNonNull(change, "change");
    checkOpen();
    StoredUser current = users.get(userId);
    if (current == null) {
      return Optional.empty();
    }
    StoredUser changed = requireNonNull(change.apply(copy(current)), "changed user");
    if (!roles.contains(changed.userRole())) {
      throw new IllegalArgumentException("unknown role");
    }
    for (StoredUser other : users.values()) {
      if (other.userId() != userId && other.email().equals(changed.email())) {
        throw new DuplicateValueException("users.email");
      }
    }
    StoredUser written =
        new StoredUser(
            current.userId(),
            current.systemId(),
            changed.fullName(),
            changed.password(),
            changed.email(),
            changed.emailVerified(),
            changed.active(),
            microsOrNull(changed.emailVerifySentAt()),
            microsOrNull(changed.emailForgotpassSentAt()),
            microsOrNull(changed.emailChangepassSentAt()),
            microsOrNull(changed.lastLoginSuccess()),
            microsOrNull(changed.lastLoginTry()),
            changed.failedLoginTries(),
            copy(changed.extraInfo()),
            current.createdOn(),
            micros(now),
            changed.userRole());
    users.put(userId, written);
    return Optional.of(copy(written));
  }

  @Override
  public synchronized boolean deleteUser(long userId) {
    checkOpen();
    if (users.remove(userId) == null) {
      return false;
    }
    sessions.values().removeIf(s -> s.userId() == userId);
    apiKeys.values().removeIf(k -> k.userId() == userId || !sessions.containsKey(k.session()));
    noSessionKeys.values().removeIf(k -> k.userId() == userId);
    return true;
  }

  @Override
  public synchronized void insertSession(StoredSession session) {
    requireNonNull(session, "session");
    checkOpen();
    if (!users.containsKey(session.userId())) {
      throw new IllegalArgumentException("no such user for session");
    }
    if (sessions.containsKey(session.token())) {
      throw new DuplicateValueException("sessions.session_token");
    }
    sessions.put(session.token(), normalize(session));
  }

  @Override
  public synchronized Optional<StoredSession> findSession(SessionToken token) {
    requireNonNull(token, "token");
    checkOpen();
    return Optional.ofNullable(sessions.get(token)).map(InMemoryStore::normalize);
  }

  @Override
  public synchronized Optional<StoredSession> updateSession(
      SessionToken token, UnaryOperator<StoredSession> change) {
    requireNonNull(token, "token");
    requireNonNull(change, "change");
    checkOpen();
    StoredSession current = sessions.get(token);
    if (current == null) {
      return Optional.empty();
    }
    StoredSession changed = change.apply(normalize(current));
    StoredSession written = normalize(current.withExtraInfoJson(changed.extraInfoJson()));
    sessions.put(token, written);
    return Optional.of(normalize(written));
  }

  @Override
  public synchronized boolean deleteSession(SessionToken token) {
    requireNonNull(token, "token");
    checkOpen();
    boolean removed = sessions.remove(token) != null;
    dropOrphanedApiKeys();
    return removed;
  }

  @Override
  public synchronized int deleteSessionsOfUser(long userId, @Nullable SessionToken keep) {
    checkOpen();
    int deleted = 0;
    for (Iterator<StoredSession> it = sessions.values().iterator(); it.hasNext(); ) {
      StoredSession session = it.next();
      if (session.userId() == userId && !session.token().equals(keep)) {
        it.remove();
        deleted++;
      }
    }
    dropOrphanedApiKeys();
    return deleted;
  }

  @Override
  public synchronized int deleteSessionsExpiredBefore(Instant cutoff) {
    requireNonNull(cutoff, "cutoff");
    checkOpen();
    int before = sessions.size();
    sessions.values().removeIf(s -> s.expires().isBefore(cutoff));
    dropOrphanedApiKeys();
    return before - sessions.size();
  }

  @Override
  public synchronized boolean isHealthy() {
    return !closed;
  }

  @Override
  public synchronized void close() {
    closed = true;
    users.clear();
    sessions.clear();
    apiKeys.clear();
    noSessionKeys.clear();
  }

  @Override
  public synchronized void insertApiKey(StoredApiKey key) {
    requireNonNull(key, "key");
    checkOpen();
    if (!users.containsKey(key.userId())
        || !roles.contains(key.userRole())
        || !sessions.containsKey(key.session())) {
      throw new IllegalArgumentException("no such user, role or session for API key");
    }
    if (apiKeys.containsKey(key.token())) {
      throw new DuplicateValueException("apikeys.apikey");
    }
    apiKeys.put(key.token(), normalize(key));
  }

  @Override
  public synchronized Optional<StoredApiKey> findApiKey(ApiKeyToken token) {
    requireNonNull(token, "token");
    checkOpen();
    return Optional.ofNullable(apiKeys.get(token));
  }

  @Override
  public synchronized boolean deleteApiKey(ApiKeyToken token, long userId, String userRole) {
    requireNonNull(token, "token");
    requireNonNull(userRole, "userRole");
    checkOpen();
    StoredApiKey key = apiKeys.get(token);
    if (key == null || key.userId() != userId || !key.userRole().equals(userRole)) {
      return false;
    }
    apiKeys.remove(token);
    return true;
  }

  @Override
  public synchronized void insertNoSessionKey(StoredNoSessionKey key) {
    requireNonNull(key, "key");
    checkOpen();
    checkNoSessionKey(key);
    noSessionKeys.put(key.token(), normalize(key));
  }

  @Override
  public synchronized Optional<StoredNoSessionKey> findNoSessionKey(ApiKeyToken token) {
    requireNonNull(token, "token");
    checkOpen();
    return Optional.ofNullable(noSessionKeys.get(token));
  }

  @Override
  public synchronized boolean deleteNoSessionKey(ApiKeyToken token, long userId, String userRole) {
    requireNonNull(token, "token");
    requireNonNull(userRole, "userRole");
    checkOpen();
    StoredNoSessionKey key = noSessionKeys.get(token);
    if (key == null || key.userId() != userId || !key.userRole().equals(userRole)) {
      return false;
    }
    noSessionKeys.remove(token);
    return true;
  }

  @Override
  public synchronized int deleteNoSessionKeysOfUser(long userId) {
    checkOpen();
    int before = noSessionKeys.size();
    noSessionKeys.values().removeIf(k -> k.userId() == userId);
    return before - noSessionKeys.size();
  }

  @Override
  public synchronized boolean rotateNoSessionKey(
      ApiKeyToken old, long userId, String userRole, StoredNoSessionKey replacement) {
    requireNonNull(old, "old");
    requireNonNull(userRole, "userRole");
    requireNonNull(replacement, "replacement");
    checkOpen();
    StoredNoSessionKey current = noSessionKeys.get(old);
    if (current == null || current.userId() != userId || !current.userRole().equals(userRole)) {
      return false;
    }
    noSessionKeys.remove(old);
    try {
      checkNoSessionKey(replacement);
    } catch (RuntimeException e) {
      noSessionKeys.put(old, current);
      throw e;
    }
    noSessionKeys.put(replacement.token(), normalize(replacement));
    return true;
  }

  private void checkNoSessionKey(StoredNoSessionKey key) {
    if (!users.containsKey(key.userId()) || !roles.contains(key.userRole())) {
      throw new IllegalArgumentException("no such user or role for API key");
    }
    if (noSessionKeys.containsKey(key.token())) {
      throw new DuplicateValueException("apikeys_nosession.apikey");
    }
  }

  /** The cascade from sessions to their session-tied keys. */
  private void dropOrphanedApiKeys() {
    apiKeys.values().removeIf(k -> !sessions.containsKey(k.session()));
  }

  private static StoredApiKey normalize(StoredApiKey k) {
    return new StoredApiKey(
        k.token(),
        micros(k.issued()),
        micros(k.expires()),
        micros(k.notValidBefore()),
        k.userId(),
        k.userRole(),
        k.session());
  }

  private static StoredNoSessionKey normalize(StoredNoSessionKey k) {
    return new StoredNoSessionKey(
        k.token(),
        micros(k.issued()),
        micros(k.expires()),
        micros(k.notValidBefore()),
        k.refreshTokenHash(),
        micros(k.refreshIssued()),
        micros(k.refreshExpires()),
        micros(k.refreshNotValidBefore()),
        k.userId(),
        k.userRole());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }

  private static StoredUser copy(StoredUser user) {
    return user.withExtraInfo(copy(user.extraInfo()));
  }

  private static StoredSession normalize(StoredSession s) {
    return new StoredSession(
        s.token(),
        s.ipAddress(),
        s.userAgent(),
        s.userId(),
        micros(s.created()),
        micros(s.expires()),
        copy(s.extraInfoJson()));
  }

  private static @Nullable ObjectNode copy(@Nullable ObjectNode node) {
    return node == null ? null : node.deepCopy();
  }

  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static @Nullable Instant microsOrNull(@Nullable Instant instant) {
    return instant == null ? null : micros(instant);
  }
}
