package org.authnz.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ApiKeyStore} that every store must pass: both kinds of keys, deletion only
 * by the matching user and role, rotation that at most one of several concurrent callers wins (a
 * refresh token cannot be used twice), and the cascades from sessions and users ({@code
 * spec/storage-schema.md} section 5).
 */
public abstract class ApiKeyStoreContract extends StoreContract {
  private long owner;
  private long other;
  private SessionToken session;

  @BeforeEach
  final void insertOwners() {
    owner = insertUser("owner@example.com");
    other = insertUser("other@example.com");
    session = insertSession(owner);
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
    SessionToken second = insertSession(owner);
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
    SessionToken kept = insertSession(owner);
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

  @Test
  void findApiKey_missingToken_isEmpty() {
    assertThat(store.findApiKey(ApiKeyToken.of(randomToken()))).isEmpty();
  }

  @Test
  void insertApiKey_unknownUserOrRole_isRefused() {
    StoredApiKey unknownUser = sessionKey(session, 9_999);
    StoredApiKey known = sessionKey(session, owner);
    StoredApiKey unknownRole =
        new StoredApiKey(known.token(), NOW, known.expires(), NOW, owner, "no-such-role", session);

    assertThatThrownBy(() -> store.insertApiKey(unknownUser))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.insertApiKey(unknownRole))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findApiKey(unknownUser.token())).isEmpty();
    assertThat(store.findApiKey(unknownRole.token())).isEmpty();
  }

  @Test
  void deleteApiKey_concurrentCallers_exactlyOneDeletes() throws Exception {
    StoredApiKey key = sessionKey(session, owner);
    store.insertApiKey(key);

    List<Boolean> results =
        concurrently(8, i -> store.deleteApiKey(key.token(), owner, "authenticated"));

    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
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
  void insertNoSessionKey_duplicateTokenOrUnknownRole_isRefused() {
    StoredNoSessionKey key = noSessionKey(owner, "authenticated");
    store.insertNoSessionKey(key);
    StoredNoSessionKey unknownRole = noSessionKey(owner, "no-such-role");

    assertThatThrownBy(() -> store.insertNoSessionKey(key))
        .isInstanceOf(DuplicateValueException.class);
    assertThatThrownBy(() -> store.insertNoSessionKey(unknownRole))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findNoSessionKey(unknownRole.token())).isEmpty();
    assertThat(store.findNoSessionKey(ApiKeyToken.of(randomToken()))).isEmpty();
  }

  @Test
  void deleteNoSessionKey_otherUser_deletesNothing() {
    StoredNoSessionKey key = noSessionKey(owner, "authenticated");
    store.insertNoSessionKey(key);

    assertThat(store.deleteNoSessionKey(key.token(), other, "authenticated")).isFalse();
    assertThat(store.findNoSessionKey(key.token())).isPresent();
  }

  @Test
  void rotateNoSessionKey_replacementTokenTaken_isDuplicateAndChangesNothing() {
    StoredNoSessionKey old = noSessionKey(owner, "authenticated");
    StoredNoSessionKey taken = noSessionKey(other, "authenticated");
    store.insertNoSessionKey(old);
    store.insertNoSessionKey(taken);
    StoredNoSessionKey clash =
        new StoredNoSessionKey(
            taken.token(),
            NOW,
            NOW.plusSeconds(900),
            NOW,
            HASH,
            NOW,
            NOW.plusSeconds(900),
            NOW,
            owner,
            "authenticated");

    assertThatThrownBy(() -> store.rotateNoSessionKey(old.token(), owner, "authenticated", clash))
        .isInstanceOf(DuplicateValueException.class);

    assertThat(store.findNoSessionKey(old.token())).isPresent();
    assertThat(store.findNoSessionKey(taken.token()).orElseThrow().userId()).isEqualTo(other);
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

    List<Boolean> results =
        concurrently(
            callers,
            i ->
                store.rotateNoSessionKey(old.token(), owner, "authenticated", replacements.get(i)));

    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(replacements)
        .filteredOn(r -> store.findNoSessionKey(r.token()).isPresent())
        .hasSize(1);
    assertThat(store.findNoSessionKey(old.token())).isEmpty();
  }
}
