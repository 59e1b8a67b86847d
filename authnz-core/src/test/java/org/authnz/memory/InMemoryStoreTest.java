package org.authnz.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.authnz.spi.DuplicateValueException;
import org.authnz.spi.NewUser;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryStoreTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123456789Z");
  static final List<String> ROLES =
      List.of("superuser", "staff", "authenticated", "anonymous", "locked");

  InMemoryStore store;

  @BeforeEach
  void setUp() {
    store = InMemoryStore.create();
    store.initializeIfEmpty(
        ROLES, List.of(user("s1", "admin@x.org"), user("s2", "anon@x.org"), user("s3", "d@x.org")));
  }

  static NewUser user(String systemId, String email) {
    ObjectNode extra = JsonNodeFactory.instance.objectNode().put("k", "v");
    return new NewUser(
        systemId, "Name", PasswordHash.of("$argon2id$x"), email, false, false, extra, T0, "locked");
  }

  static StoredSession session(String token, long userId, Instant expires) {
    return new StoredSession(SessionToken.of(token), "1.1.1.1", "ua", userId, T0, expires, null);
  }

  @Test
  void initializeIfEmpty_systemUsers_getIds1To3AndRunOnlyOnce() {
    assertThat(store.listUsers()).extracting(StoredUser::userId).containsExactly(1L, 2L, 3L);
    assertThat(store.roles()).containsExactlyElementsOf(ROLES);

    assertThat(store.initializeIfEmpty(ROLES, List.of(user("s9", "z@x.org")))).isFalse();
    assertThat(store.listUsers()).hasSize(3);
  }

  @Test
  void insertUser_duplicateEmailOrSystemId_isEmpty() {
    assertThat(store.insertUser(user("s4", "admin@x.org"))).isEmpty();
    assertThat(store.insertUser(user("s1", "new@x.org"))).isEmpty();
    assertThat(store.insertUser(user("s4", "Admin@x.org"))).isPresent(); // exact comparison
  }

  @Test
  void insertUser_newUser_isStoredWithMicrosecondTimesAndDefaults() {
    StoredUser stored = store.insertUser(user("s4", "new@x.org")).orElseThrow();

    assertThat(stored.userId()).isEqualTo(4);
    assertThat(stored.createdOn()).isEqualTo(Instant.parse("2030-01-01T00:00:00.123456Z"));
    assertThat(stored.lastUpdated()).isEqualTo(stored.createdOn());
    assertThat(stored.failedLoginTries()).isZero();
    assertThat(stored.emailVerifySentAt()).isNull();
  }

  @Test
  void insertUser_unknownRole_isRejected() {
    NewUser bad =
        new NewUser("s4", null, PasswordHash.of("h"), "n@x.org", false, false, null, T0, "nope");

    assertThatThrownBy(() -> store.insertUser(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deletedUserId_isNeverReused() {
    store.insertUser(user("s4", "four@x.org"));
    store.deleteUser(4);

    assertThat(store.insertUser(user("s5", "five@x.org")).orElseThrow().userId()).isEqualTo(5);
  }

  @Test
  void updateUser_change_bumpsLastUpdatedAndKeepsIdentity() {
    Instant later = T0.plusSeconds(60);

    StoredUser updated =
        store
            .updateUser(2, later, u -> u.withFullName("Other").withLastUpdated(T0.minusSeconds(9)))
            .orElseThrow();

    assertThat(updated.fullName()).isEqualTo("Other");
    assertThat(updated.lastUpdated())
        .isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    assertThat(updated.systemId()).isEqualTo("s2");
    assertThat(store.updateUser(99, later, u -> u)).isEmpty();
  }

  @Test
  void updateUser_emailOfAnotherUser_isDuplicate() {
    assertThatThrownBy(() -> store.updateUser(2, T0, u -> u.withEmail("admin@x.org")))
        .isInstanceOf(DuplicateValueException.class)
        .hasMessageNotContaining("admin@x.org");
  }

  @Test
  void returnedJson_isACopy() {
    StoredUser user = store.findUser(1).orElseThrow();
    user.extraInfo().put("k", "changed");

    assertThat(store.findUser(1).orElseThrow().extraInfo().get("k").asText()).isEqualTo("v");
  }

  @Test
  void deleteUser_cascadesToSessions() {
    store.insertSession(session("a", 3, T0.plusSeconds(60)));
    store.insertSession(session("b", 2, T0.plusSeconds(60)));

    assertThat(store.deleteUser(3)).isTrue();

    assertThat(store.findSession(SessionToken.of("a"))).isEmpty();
    assertThat(store.findSession(SessionToken.of("b"))).isPresent();
    assertThat(store.deleteUser(3)).isFalse();
  }

  @Test
  void insertSession_unknownUserOrDuplicateToken_isRejected() {
    store.insertSession(session("a", 2, T0));

    assertThatThrownBy(() -> store.insertSession(session("b", 99, T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.insertSession(session("a", 2, T0)))
        .isInstanceOf(DuplicateValueException.class);
  }

  @Test
  void deleteSessionsOfUser_keep_sparesThatSession() {
    store.insertSession(session("a", 2, T0));
    store.insertSession(session("b", 2, T0));
    store.insertSession(session("c", 1, T0));

    assertThat(store.deleteSessionsOfUser(2, SessionToken.of("a"))).isEqualTo(1);
    assertThat(store.findSession(SessionToken.of("a"))).isPresent();
    assertThat(store.deleteSessionsOfUser(2, null)).isEqualTo(1);
    assertThat(store.findSession(SessionToken.of("c"))).isPresent();
  }

  @Test
  void deleteSessionsExpiredBefore_cutoff_deletesOnlyOlder() {
    store.insertSession(session("old", 2, T0.minusSeconds(10)));
    store.insertSession(session("new", 2, T0.plusSeconds(10)));

    assertThat(store.deleteSessionsExpiredBefore(T0)).isEqualTo(1);
    assertThat(store.findSession(SessionToken.of("new"))).isPresent();
  }

  @Test
  void updateSession_changesOnlyExtraInfo() {
    store.insertSession(session("a", 2, T0));
    ObjectNode extra = JsonNodeFactory.instance.objectNode().put("x", 1);

    StoredSession updated =
        store
            .updateSession(
                SessionToken.of("a"),
                s -> new StoredSession(s.token(), "9.9.9.9", "other", 1, T0, T0, extra))
            .orElseThrow();

    assertThat(updated.ipAddress()).isEqualTo("1.1.1.1");
    assertThat(updated.userId()).isEqualTo(2);
    assertThat(updated.extraInfoJson()).isEqualTo(extra);
  }

  @Test
  void close_makesStoreUnhealthy() {
    assertThat(store.isHealthy()).isTrue();
    store.close();
    assertThat(store.isHealthy()).isFalse();
  }
}
