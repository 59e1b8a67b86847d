package org.authnz.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ApiKeyStore} (with the cascades from sessions and users) that every store
 * must pass. A subclass supplies an empty, open store; the contract initialises it with roles and
 * the three system users.
 */
public abstract class ApiKeyStoreContract {
  protected static final Instant NOW = Instant.parse("2026-12-03T10:15:30.123456789Z");
  private static final List<String> ROLES =
      List.of("superuser", "staff", "authenticated", "anonymous", "locked");
  private static final PasswordHash HASH =
      PasswordHash.of("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g");

  protected AuthnzStore store;
  private long owner;
  private long other;
  private SessionToken session;

  /** Returns a new, empty, open store. */
  protected abstract AuthnzStore openStore() throws Exception;

  /** Closes and removes what {@link #openStore()} made; by default closes the store. */
  protected void closeStore() throws Exception {
    store.close();
  }

  @BeforeEach
  void openAndInitialise() throws Exception {
    store = openStore();
    store.initializeIfEmpty(
        ROLES,
        List.of(
            user("admin@example.com", "superuser"),
            user("anonuser@localhost", "anonymous"),
            user("dummyuser@localhost", "locked")));
    owner = store.insertUser(user("owner@example.com", "authenticated")).orElseThrow().userId();
    other = store.insertUser(user("other@example.com", "authenticated")).orElseThrow().userId();
    session = newSession(owner);
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      closeStore();
    }
  }

  private static NewUser user(String email, String role) {
    return new NewUser(
        UUID.randomUUID().toString(), "Full Name", HASH, email, true, true, null, NOW, role);
  }

  private SessionToken newSession(long userId) {
    SessionToken token = SessionToken.of(randomToken());
    store.insertSession(
        new StoredSession(
            token, "127.0.0.1", "UA", userId, NOW, NOW.plus(Duration.ofDays(1)), null));
    return token;
  }

  private static String randomToken() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 43);
  }

  private StoredApiKey sessionKey(SessionToken tiedTo, long userId) {
    return new StoredApiKey(
        ApiKeyToken.of(randomToken()),
        NOW,
        NOW.plus(Duration.ofDays(1)),
        NOW.plusMillis(500),
        userId,
        "authenticated",
        tiedTo);
  }

  private static StoredNoSessionKey noSessionKey(long userId, String role) {
    return new StoredNoSessionKey(
        ApiKeyToken.of(randomToken()),
        NOW,
        NOW.plusSeconds(900),
        NOW.plusSeconds(1),
        PasswordHash.of("$argon2id$v=19$m=1024,t=1,p=1$" + UUID.randomUUID() + "$aGFzaA"),
        NOW,
        NOW.plusSeconds(86_400),
        NOW.plusSeconds(2),
        userId,
        role);
  }

  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  // ---- session-tied keys -----------------------------------------------------------------

  @Test
  void insertApiKey_thenFind_roundTripsAtMicroseconds() {
    StoredApiKey key = sessionKey(session, owner);

    store.insertApiKey(key);

    StoredApiKey found = store.findApiKey(key.token()).orElseThrow();
    assertThat(found.token()).isEqualTo(key.token());
    assertThat(found.issued()).isEqualTo(micros(NOW));
    assertThat(found.expires()).isEqualTo(micros(key.expires()));
    assertThat(found.notValidBefore()).isEqualTo(micros(key.notValidBefore()));
    assertThat(found.userId()).isEqualTo(owner);
    assertThat(found.userRole()).isEqualTo("authenticated");
    // A store may keep only a digest of the session's token (JdbcStore does), and then returns the
    // digest as the key's session; the tie to the session is checked through the cascade instead.
    store.deleteSession(session);
    assertThat(store.findApiKey(key.token())).isEmpty();
  }

  @Test
  void insertApiKey_unknownSession_isRefused() {
    StoredApiKey key = sessionKey(SessionToken.of(randomToken()), owner);

    assertThatThrownBy(() -> store.insertApiKey(key)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findApiKey(key.token())).isEmpty();
  }

  @Test
  void insertApiKey_duplicateToken_isDuplicateValue() {
    StoredApiKey key = sessionKey(session, owner);
    store.insertApiKey(key);

    assertThatThrownBy(() -> store.insertApiKey(key)).isInstanceOf(DuplicateValueException.class);
  }

  @Test
  void deleteApiKey_onlyWithMatchingUserAndRole_deletesOnce() {
    StoredApiKey key = sessionKey(session, owner);
    store.insertApiKey(key);

    assertThat(store.deleteApiKey(key.token(), other, "authenticated")).isFalse();
    assertThat(store.deleteApiKey(key.token(), owner, "staff")).isFalse();
    assertThat(store.deleteApiKey(key.token(), owner, "authenticated")).isTrue();
    assertThat(store.deleteApiKey(key.token(), owner, "authenticated")).isFalse();
    assertThat(store.findApiKey(key.token())).isEmpty();
  }

  @Test
  void deleteSession_removesItsKeysOnly() {
    SessionToken second = newSession(owner);
    StoredApiKey dying = sessionKey(session, owner);
    StoredApiKey surviving = sessionKey(second, owner);
    store.insertApiKey(dying);
    store.insertApiKey(surviving);

    store.deleteSession(session);

    assertThat(store.findApiKey(dying.token())).isEmpty();
    assertThat(store.findApiKey(surviving.token())).isPresent();
  }

  @Test
  void deleteSessionsOfUserAndExpiredSweep_removeTheirKeys() {
    SessionToken kept = newSession(owner);
    StoredApiKey dropped = sessionKey(session, owner);
    StoredApiKey keptKey = sessionKey(kept, owner);
    store.insertApiKey(dropped);
    store.insertApiKey(keptKey);

    store.deleteSessionsOfUser(owner, kept);
    assertThat(store.findApiKey(dropped.token())).isEmpty();
    assertThat(store.findApiKey(keptKey.token())).isPresent();

    store.deleteSessionsExpiredBefore(NOW.plus(Duration.ofDays(2)));
    assertThat(store.findApiKey(keptKey.token())).isEmpty();
  }

  @Test
  void deleteUser_removesBothKindsOfTheUsersKeys() {
    StoredApiKey tied = sessionKey(session, owner);
    StoredNoSessionKey free = noSessionKey(owner, "authenticated");
    StoredNoSessionKey othersKey = noSessionKey(other, "authenticated");
    store.insertApiKey(tied);
    store.insertNoSessionKey(free);
    store.insertNoSessionKey(othersKey);

    store.deleteUser(owner);

    assertThat(store.findApiKey(tied.token())).isEmpty();
    assertThat(store.findNoSessionKey(free.token())).isEmpty();
    assertThat(store.findNoSessionKey(othersKey.token())).isPresent();
  }

  // ---- no-session keys -------------------------------------------------------------------

  @Test
  void insertNoSessionKey_thenFind_roundTripsWithTheRefreshHash() {
    StoredNoSessionKey key = noSessionKey(owner, "authenticated");

    store.insertNoSessionKey(key);

    StoredNoSessionKey found = store.findNoSessionKey(key.token()).orElseThrow();
    assertThat(found.refreshTokenHash()).isEqualTo(key.refreshTokenHash());
    assertThat(found.issued()).isEqualTo(micros(NOW));
    assertThat(found.refreshIssued()).isEqualTo(micros(NOW));
    assertThat(found.expires()).isEqualTo(micros(key.expires()));
    assertThat(found.notValidBefore()).isEqualTo(micros(key.notValidBefore()));
    assertThat(found.refreshExpires()).isEqualTo(micros(key.refreshExpires()));
    assertThat(found.refreshNotValidBefore()).isEqualTo(micros(key.refreshNotValidBefore()));
    assertThat(found.userId()).isEqualTo(owner);
    assertThat(found.userRole()).isEqualTo("authenticated");
  }

  @Test
  void insertNoSessionKey_unknownUser_isRefused() {
    StoredNoSessionKey key = noSessionKey(9_999, "authenticated");

    assertThatThrownBy(() -> store.insertNoSessionKey(key))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteNoSessionKey_onlyWithMatchingUserAndRole_deletesOnce() {
    StoredNoSessionKey key = noSessionKey(owner, "authenticated");
    store.insertNoSessionKey(key);

    assertThat(store.deleteNoSessionKey(key.token(), owner, "staff")).isFalse();
    assertThat(store.deleteNoSessionKey(key.token(), owner, "authenticated")).isTrue();
    assertThat(store.deleteNoSessionKey(key.token(), owner, "authenticated")).isFalse();
  }

  @Test
  void deleteNoSessionKeysOfUser_deletesEveryRoleOfThatUserOnly() {
    store.insertNoSessionKey(noSessionKey(owner, "authenticated"));
    store.insertNoSessionKey(noSessionKey(owner, "staff"));
    StoredNoSessionKey othersKey = noSessionKey(other, "authenticated");
    store.insertNoSessionKey(othersKey);

    assertThat(store.deleteNoSessionKeysOfUser(owner)).isEqualTo(2);
    assertThat(store.deleteNoSessionKeysOfUser(owner)).isZero();
    assertThat(store.findNoSessionKey(othersKey.token())).isPresent();
  }

  @Test
  void rotateNoSessionKey_matchingKey_replacesIt() {
    StoredNoSessionKey old = noSessionKey(owner, "authenticated");
    StoredNoSessionKey replacement = noSessionKey(owner, "authenticated");
    store.insertNoSessionKey(old);

    assertThat(store.rotateNoSessionKey(old.token(), owner, "authenticated", replacement)).isTrue();

    assertThat(store.findNoSessionKey(old.token())).isEmpty();
    assertThat(store.findNoSessionKey(replacement.token())).isPresent();
  }

  @Test
  void rotateNoSessionKey_wrongRoleOrMissingKey_changesNothing() {
    StoredNoSessionKey old = noSessionKey(owner, "authenticated");
    StoredNoSessionKey replacement = noSessionKey(owner, "authenticated");
    store.insertNoSessionKey(old);

    assertThat(store.rotateNoSessionKey(old.token(), owner, "staff", replacement)).isFalse();
    assertThat(
            store.rotateNoSessionKey(
                ApiKeyToken.of(randomToken()), owner, "authenticated", replacement))
        .isFalse();

    assertThat(store.findNoSessionKey(old.token())).isPresent();
    assertThat(store.findNoSessionKey(replacement.token())).isEmpty();
  }

  @Test
  void rotateNoSessionKey_replacementForUnknownUser_isRefusedAndKeepsTheOldKey() {
    StoredNoSessionKey old = noSessionKey(owner, "authenticated");
    store.insertNoSessionKey(old);
    StoredNoSessionKey replacement = noSessionKey(9_999, "authenticated");

    assertThatThrownBy(
            () -> store.rotateNoSessionKey(old.token(), owner, "authenticated", replacement))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.findNoSessionKey(old.token())).isPresent();
  }

  @Test
  void rotateNoSessionKey_concurrentCallers_exactlyOneWins() throws Exception {
    StoredNoSessionKey old = noSessionKey(owner, "authenticated");
    store.insertNoSessionKey(old);
    int callers = 8;
    List<StoredNoSessionKey> replacements = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      replacements.add(noSessionKey(owner, "authenticated"));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (StoredNoSessionKey replacement : replacements) {
        Callable<Boolean> rotate =
            () -> {
              start.await();
              return store.rotateNoSessionKey(old.token(), owner, "authenticated", replacement);
            };
        results.add(pool.submit(rotate));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get() ? 1 : 0;
      }

      assertThat(winners).isEqualTo(1);
      assertThat(replacements)
          .filteredOn(r -> store.findNoSessionKey(r.token()).isPresent())
          .hasSize(1);
      assertThat(store.findNoSessionKey(old.token())).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
