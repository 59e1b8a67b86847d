package org.authnz.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UserStore} (and {@link UserMatchStore} when the store implements it) that
 * every store must pass: ids, uniqueness of e-mail and system id under concurrent inserts, atomic
 * read-modify-write updates that lose no increment, and the cascade from users to their sessions
 * and keys ({@code spec/storage-schema.md} section 5).
 */
public abstract class UserStoreContract extends StoreContract {

  /**
   * Whether the store records lock expiries ({@link UserStore#setLockExpiry}); a store that keeps
   * the default (no persistence of locks) overrides this to return false.
   */
  protected boolean recordsLockExpiry() {
    return true;
  }

  private static ObjectNode object(String key, String value) {
    return JsonNodeFactory.instance.objectNode().put(key, value);
  }

  @Test
  void initializeIfEmpty_emptyStore_insertsRolesAndSystemUsersWithIds1To3() {
    assertThat(store.roles()).containsExactlyInAnyOrderElementsOf(ROLES);
    List<StoredUser> users = store.listUsers();
    assertThat(users).extracting(StoredUser::userId).containsExactly(1L, 2L, 3L);
    assertThat(users)
        .extracting(StoredUser::email)
        .containsExactly("admin@example.com", "anonuser@localhost", "dummyuser@localhost");
    assertThat(users)
        .extracting(StoredUser::userRole)
        .containsExactly("superuser", "anonymous", "locked");
  }

  @Test
  void initializeIfEmpty_storeWithRoles_insertsNothing() {
    boolean inserted =
        store.initializeIfEmpty(List.of("other"), List.of(user("x@example.com", "other")));

    assertThat(inserted).isFalse();
    assertThat(store.roles()).doesNotContain("other");
    assertThat(store.listUsers()).hasSize(3);
  }

  @Test
  void insertUser_newEmail_returnsStoredRowWithNextIdAndDefaults() {
    ObjectNode extra = object("team", "blue");
    NewUser user =
        new NewUser("sid-4", null, HASH, "new@example.com", false, true, extra, NOW, "staff");

    StoredUser stored = store.insertUser(user).orElseThrow();

    assertThat(stored.userId()).isEqualTo(4);
    assertThat(stored.systemId()).isEqualTo("sid-4");
    assertThat(stored.fullName()).isNull();
    assertThat(stored.password()).isEqualTo(HASH);
    assertThat(stored.emailVerified()).isFalse();
    assertThat(stored.active()).isTrue();
    assertThat(stored.extraInfo()).isEqualTo(extra);
    assertThat(stored.createdOn()).isEqualTo(micros(NOW));
    assertThat(stored.lastUpdated()).isEqualTo(stored.createdOn());
    assertThat(stored.failedLoginTries()).isZero();
    assertThat(stored.emailVerifySentAt()).isNull();
    assertThat(stored.emailForgotpassSentAt()).isNull();
    assertThat(stored.emailChangepassSentAt()).isNull();
    assertThat(stored.lastLoginSuccess()).isNull();
    assertThat(stored.lastLoginTry()).isNull();
    assertThat(stored.userRole()).isEqualTo("staff");
    assertThat(store.findUser(4)).contains(stored);
    assertThat(store.findUserByEmail("new@example.com")).contains(stored);
    assertThat(store.listUsers()).last().isEqualTo(stored);
  }

  @Test
  void insertUser_takenEmailOrSystemId_returnsEmptyAndInsertsNothing() {
    StoredUser first = store.insertUser(user("taken@example.com", "authenticated")).orElseThrow();
    NewUser sameSystemId =
        new NewUser(
            first.systemId(), null, HASH, "other@example.com", true, true, null, NOW, "staff");

    assertThat(store.insertUser(user("taken@example.com", "staff"))).isEmpty();
    assertThat(store.insertUser(sameSystemId)).isEmpty();
    assertThat(store.listUsers()).hasSize(4);
  }

  @Test
  void insertUser_emailDifferingInCase_isAnotherUser() {
    store.insertUser(user("Case@example.com", "authenticated"));

    assertThat(store.findUserByEmail("case@example.com")).isEmpty();
    assertThat(store.insertUser(user("case@example.com", "authenticated"))).isPresent();
  }

  @Test
  void insertUser_unknownRole_throwsIllegalArgument() {
    assertThatThrownBy(() -> store.insertUser(user("r@example.com", "no-such-role")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findUserByEmail("r@example.com")).isEmpty();
  }

  @Test
  void insertUser_afterDeletingTheLastUser_inheritsNothingOfIt() {
    // The reference's SQLite schema may give the deleted highest id again (storage-schema 2):
    // allowed, because nothing refers to a deleted user any more.
    long deleted = insertUser("four@example.com");
    insertSession(deleted);
    store.deleteUser(deleted);

    long next = insertUser("five@example.com");

    assertThat(next).isGreaterThanOrEqualTo(deleted);
    assertThat(store.deleteSessionsOfUser(next, null)).isZero();
    assertThat(store.deleteNoSessionKeysOfUser(next)).isZero();
  }

  @Test
  void insertUser_concurrentSameEmail_exactlyOneWins() throws Exception {
    List<Optional<StoredUser>> results =
        concurrently(8, i -> store.insertUser(user("race@example.com", "authenticated")));

    assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
    assertThat(store.listUsers()).filteredOn(u -> u.email().equals("race@example.com")).hasSize(1);
  }

  @Test
  void insertUser_concurrentDifferentEmails_allSucceedWithDistinctIds() throws Exception {
    List<Optional<StoredUser>> results =
        concurrently(8, i -> store.insertUser(user("user" + i + "@example.com", "staff")));

    assertThat(results).allMatch(Optional::isPresent);
    assertThat(results.stream().map(r -> r.orElseThrow().userId()).distinct()).hasSize(8);
    assertThat(store.listUsers()).hasSize(11);
  }

  @Test
  void findUser_missing_isEmpty() {
    assertThat(store.findUser(99)).isEmpty();
    assertThat(store.findUserByEmail("nobody@example.com")).isEmpty();
  }

  @Test
  void updateUser_changedFields_areWrittenWithLastUpdatedNow() {
    Instant later = NOW.plusSeconds(3600);
    ObjectNode extra = object("previous_user_role", "authenticated");

    StoredUser updated =
        store
            .updateUser(
                1,
                later,
                u ->
                    u.withFullName("Renamed")
                        .withPassword(PasswordHash.of("$argon2id$other"))
                        .withEmail("renamed@example.com")
                        .withEmailVerified(false)
                        .withActive(false)
                        .withUserRole("locked")
                        .withExtraInfo(extra)
                        .withFailedLoginTries(2)
                        .withLastLoginTry(later)
                        .withLastLoginSuccess(later)
                        .withEmailVerifySentAt(later)
                        .withEmailForgotpassSentAt(later)
                        .withEmailChangepassSentAt(later)
                        .withLastUpdated(NOW.minusSeconds(9)))
            .orElseThrow();

    assertThat(updated.fullName()).isEqualTo("Renamed");
    assertThat(updated.password()).isEqualTo(PasswordHash.of("$argon2id$other"));
    assertThat(updated.email()).isEqualTo("renamed@example.com");
    assertThat(updated.emailVerified()).isFalse();
    assertThat(updated.active()).isFalse();
    assertThat(updated.userRole()).isEqualTo("locked");
    assertThat(updated.extraInfo()).isEqualTo(extra);
    assertThat(updated.failedLoginTries()).isEqualTo(2);
    assertThat(updated.lastLoginTry()).isEqualTo(micros(later));
    assertThat(updated.lastLoginSuccess()).isEqualTo(micros(later));
    assertThat(updated.emailVerifySentAt()).isEqualTo(micros(later));
    assertThat(updated.emailForgotpassSentAt()).isEqualTo(micros(later));
    assertThat(updated.emailChangepassSentAt()).isEqualTo(micros(later));
    assertThat(updated.lastUpdated()).isEqualTo(micros(later));
    assertThat(store.findUser(1)).contains(updated);
    assertThat(store.findUserByEmail("renamed@example.com")).contains(updated);
    assertThat(store.findUserByEmail("admin@example.com")).isEmpty();
  }

  @Test
  void updateUser_noChange_stillSetsLastUpdatedAndKeepsIdentity() {
    StoredUser before = store.findUser(2).orElseThrow();
    Instant later = NOW.plusSeconds(60);

    StoredUser updated = store.updateUser(2, later, u -> u).orElseThrow();

    assertThat(updated.lastUpdated()).isEqualTo(micros(later));
    assertThat(updated.systemId()).isEqualTo(before.systemId());
    assertThat(updated.createdOn()).isEqualTo(before.createdOn());
    assertThat(updated.withLastUpdated(before.lastUpdated())).isEqualTo(before);
  }

  @Test
  void updateUser_missingUser_returnsEmpty() {
    assertThat(store.updateUser(42, NOW, u -> u.withFullName("x"))).isEmpty();
  }

  @Test
  void updateUser_emailOfAnotherUser_throwsDuplicateValueNamingNoValueAndKeepsRow() {
    StoredUser before = store.findUser(1).orElseThrow();

    assertThatThrownBy(() -> store.updateUser(1, NOW, u -> u.withEmail("anonuser@localhost")))
        .isInstanceOf(DuplicateValueException.class)
        .hasMessageNotContaining("anonuser");
    assertThat(store.findUser(1)).contains(before);
  }

  @Test
  void updateUser_unknownRole_throwsIllegalArgumentAndKeepsRow() {
    StoredUser before = store.findUser(1).orElseThrow();

    assertThatThrownBy(() -> store.updateUser(1, NOW, u -> u.withUserRole("no-such-role")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findUser(1)).contains(before);
  }

  @Test
  void updateUser_changedIdSystemIdOrCreationTime_neverWritesThem() {
    StoredUser before = store.findUser(1).orElseThrow();
    StoredUser other = store.findUser(2).orElseThrow();

    try {
      store.updateUser(
          1,
          NOW,
          u ->
              new StoredUser(
                  2,
                  other.systemId(),
                  u.fullName(),
                  u.password(),
                  u.email(),
                  u.emailVerified(),
                  u.active(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  0,
                  null,
                  NOW.minusSeconds(3600),
                  u.lastUpdated(),
                  u.userRole()));
    } catch (IllegalArgumentException refused) {
      // refusing the change is as good as ignoring it: identity columns never change
    }

    StoredUser after = store.findUser(1).orElseThrow();
    assertThat(after.systemId()).isEqualTo(before.systemId());
    assertThat(after.createdOn()).isEqualTo(before.createdOn());
    assertThat(store.findUser(2)).contains(other);
  }

  @Test
  void updateUser_concurrentIncrements_loseNoUpdate() throws Exception {
    int callers = 8;
    int perCaller = 20;

    concurrently(
        callers,
        i -> {
          for (int n = 0; n < perCaller; n++) {
            store.updateUser(1, NOW, u -> u.withFailedLoginTries(u.failedLoginTries() + 1));
          }
          return null;
        });

    assertThat(store.findUser(1).orElseThrow().failedLoginTries()).isEqualTo(callers * perCaller);
  }

  @Test
  void updateUser_concurrentChangesToOneEmail_leaveOneOwner() throws Exception {
    long a = insertUser("a@example.com");
    long b = insertUser("b@example.com");
    List<Long> ids = List.of(a, b);

    concurrently(
        2,
        i -> {
          try {
            return store.updateUser(ids.get(i), NOW, u -> u.withEmail("wanted@example.com"));
          } catch (DuplicateValueException e) {
            return Optional.empty();
          }
        });

    assertThat(store.listUsers())
        .filteredOn(u -> u.email().equals("wanted@example.com"))
        .hasSize(1);
  }

  @Test
  void returnedJson_changedByTheCaller_doesNotChangeTheStore() {
    store.updateUser(1, NOW, u -> u.withExtraInfo(object("k", "v")));
    StoredUser user = store.findUser(1).orElseThrow();

    user.extraInfo().put("k", "changed");

    assertThat(store.findUser(1).orElseThrow().extraInfo().get("k").asText()).isEqualTo("v");
  }

  @Test
  void deleteUser_existing_returnsTrueOnceAndRemovesRow() {
    long id = insertUser("gone@example.com");

    assertThat(store.deleteUser(id)).isTrue();
    assertThat(store.deleteUser(id)).isFalse();
    assertThat(store.findUser(id)).isEmpty();
    assertThat(store.findUserByEmail("gone@example.com")).isEmpty();
  }

  @Test
  void deleteUser_withSessions_deletesThemByCascadeOnly() {
    long id = insertUser("gone@example.com");
    SessionToken first = insertSession(id);
    SessionToken second = insertSession(id);
    SessionToken others = insertSession(2);

    store.deleteUser(id);

    assertThat(store.findSession(first)).isEmpty();
    assertThat(store.findSession(second)).isEmpty();
    assertThat(store.findSession(others)).isPresent();
  }

  /** Through the store's own search when it has one, else the core's filter over all users. */
  private List<StoredUser> matching(Map<String, String> entries) {
    return store instanceof UserMatchStore search
        ? search.findUsersByExtraInfo(entries)
        : UserMatchStore.matching(store.listUsers(), entries);
  }

  @Test
  void findUsersByExtraInfo_stringEntries_matchExactlyAndInIdOrder() {
    long blue = insertUser("blue@example.com");
    long red = insertUser("red@example.com");
    insertUser("plain@example.com");
    store.updateUser(blue, NOW, u -> u.withExtraInfo(object("team", "blue").put("n", 6)));
    store.updateUser(red, NOW, u -> u.withExtraInfo(object("team", "red").put("n", "6")));

    assertThat(matching(Map.of("team", "blue")))
        .extracting(StoredUser::userId)
        .containsExactly(blue);
    assertThat(matching(Map.of("n", "6"))).extracting(StoredUser::userId).containsExactly(red);
    assertThat(matching(Map.of("team", "Blue"))).isEmpty();
    assertThat(matching(Map.of())).hasSize(6);
  }

  @Test
  void setLockExpiry_recorded_isFoundOnceDueAndClearedWithNull() {
    if (!recordsLockExpiry()) {
      assertThat(store.findExpiredLocks(NOW.plusSeconds(3600))).isEmpty();
      return;
    }

    store.setLockExpiry(1, NOW.plusSeconds(60));
    store.setLockExpiry(2, NOW.plusSeconds(120));

    assertThat(store.findExpiredLocks(NOW.plusSeconds(59))).isEmpty();
    assertThat(store.findExpiredLocks(NOW.plusSeconds(60))).containsExactly(1L);
    assertThat(store.findExpiredLocks(NOW.plusSeconds(120))).containsExactlyInAnyOrder(1L, 2L);
    store.setLockExpiry(1, null);
    assertThat(store.findExpiredLocks(NOW.plusSeconds(3600))).containsExactly(2L);
  }

  @Test
  void isHealthy_openStore_isTrue() {
    assertThat(store.isHealthy()).isTrue();
  }
}
