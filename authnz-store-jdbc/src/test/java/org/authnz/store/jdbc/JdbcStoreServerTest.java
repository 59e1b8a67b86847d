package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.authnz.store.jdbc.ExtraInfoMatchCases.entries;
import static org.authnz.store.jdbc.TestRows.NOW;
import static org.authnz.store.jdbc.TestRows.newUser;
import static org.authnz.store.jdbc.TestRows.object;
import static org.authnz.store.jdbc.TestRows.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.authnz.AuthnzService;
import org.authnz.CreateSessionRequest;
import org.authnz.DenialCode;
import org.authnz.NewSession;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.spi.DuplicateValueException;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;
import org.authnz.store.jdbc.internal.TokenDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the store against a database server on loopback, in a schema or database of its own that is
 * dropped afterwards; skipped when no server answers (the subclasses name the server).
 */
abstract class JdbcStoreServerTest {
  TestDatabase database;
  JdbcStore store;

  /** A fresh database on the server under test. */
  abstract TestDatabase database() throws SQLException;

  /** The dialect the server speaks. */
  abstract Dialect dialect();

  @BeforeEach
  void open() throws SQLException {
    database = database();
    store = database.initializedStore();
  }

  @AfterEach
  void close() throws SQLException {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void service_textAtTheColumnSizes_isStored_longerOrNulIsDeniedWithoutAStoreError() {
    AuthnzService service =
        AuthnzService.builder()
            .store(store)
            .argon2(1024, 1, 1)
            .piiSalt("server-test-salt")
            .publicSuffixes(List.of(".com"))
            .build();
    // 280 characters that are 560 UTF-16 units: the columns count characters
    String name = "\ud83d\ude00".repeat(280);
    String email = "a".repeat(268) + "@example.org";
    Password password = Password.of("Xq7mPv2rLw9zTbKd-server");

    SignupResult created = service.users().create(SignupRequest.of(name, email, password));
    SignupResult longEmail =
        service.users().create(SignupRequest.of("Ann Bee", "b" + email, password));
    Outcome<NewSession> session =
        service
            .sessions()
            .create(
                new CreateSessionRequest(
                    "10.0.0.1", "u".repeat(280), null, "2099-01-01T00:00:00.5", null));
    Outcome<NewSession> nulAgent =
        service
            .sessions()
            .create(
                new CreateSessionRequest(
                    "10.0.0.1", "u\u0000", null, "2099-01-01T00:00:00.5", null));

    assertThat(created.isSuccess()).isTrue();
    assertThat(store.findUserByEmail(email).orElseThrow().fullName()).isEqualTo(name);
    assertThat(((SignupResult.Rejected) longEmail).denial().code())
        .isEqualTo(DenialCode.INVALID_EMAIL);
    assertThat(session.isSuccess()).isTrue();
    assertThat(((Outcome.Denied<NewSession>) nulAgent).denial().failureReason())
        .isEqualTo("DB error when making new session");
    assertThat(
            ((Outcome.Denied<StoredUser>) service.users().findByEmail("a\u0000b")).denial().code())
        .isEqualTo(DenialCode.USER_NOT_FOUND);
  }

  @Test
  void open_emptySchema_createsVersion1WithSystemUsersAt1To3() {
    assertThat(store.dialect()).isEqualTo(dialect());
    assertThat(store.schemaVersion())
        .isEqualTo("4"); // V3: hashed tokens (issue 6), V4: counters (issue 5)
    assertThat(store.listUsers()).extracting(StoredUser::userId).containsExactly(1L, 2L, 3L);
    assertThat(store.roles()).containsExactlyInAnyOrderElementsOf(TestRows.ROLES);
    assertThat(store.isHealthy()).isTrue();
  }

  @Test
  void insertAndUpdateUser_valuesRoundTripAtMicroseconds() throws SQLException {
    ObjectNode extra = object("{\"a\": {\"b\": [1, \"\\u00e9\"]}}");
    StoredUser user = store.insertUser(newUser("server@example.com", "staff", extra)).orElseThrow();
    Instant later = NOW.plusSeconds(5);

    StoredUser updated =
        store.updateUser(user.userId(), later, u -> u.withLastLoginTry(later)).orElseThrow();

    assertThat(updated.extraInfo()).isEqualTo(extra);
    assertThat(updated.createdOn()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
    assertThat(updated.lastUpdated()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    assertThat(updated.lastLoginTry()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    assertThat(store.findUserByEmail("server@example.com")).contains(updated);
    assertThat(
            queryOne(
                "SELECT "
                    + database.datetimeText("created_on")
                    + " FROM users WHERE user_id = "
                    + user.userId()))
        .isEqualTo("2026-12-03 10:15:30.123456");
    assertThat(store.insertUser(newUser("server@example.com"))).isEmpty();
    assertThat(store.insertUser(newUser("null@example.com")).orElseThrow().extraInfo()).isNull();
  }

  @Test
  void findUsersByExtraInfo_stringEntries_matchLikeSqlite() {
    ExtraInfoMatchCases.insertUsers(store);

    assertThat(ExtraInfoMatchCases.ids(store.findUsersByExtraInfo(entries("type", "system-user"))))
        .containsExactly(1L, 2L);
    assertThat(
            ExtraInfoMatchCases.ids(
                store.findUsersByExtraInfo(entries("type", "normal-user", "team", "blue"))))
        .containsExactly(5L);
    assertThat(ExtraInfoMatchCases.ids(store.findUsersByExtraInfo(entries())))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(
            ExtraInfoMatchCases.ids(
                store.findUsersByExtraInfo(entries("it's \"odd\"", "caf\u00e9 '; --"))))
        .containsExactly(7L);
  }

  @Test
  void findUsersByExtraInfo_nonStringStoredValues_neverMatchTheirText() {
    ExtraInfoMatchCases.insertUsers(store);

    assertThat(store.findUsersByExtraInfo(entries("verify_retry_wait", "6"))).isEmpty();
    assertThat(store.findUsersByExtraInfo(entries("ok", "true"))).isEmpty();
    assertThat(store.findUsersByExtraInfo(entries("nested", "{\"team\": \"blue\"}"))).isEmpty();
    assertThat(ExtraInfoMatchCases.ids(store.findUsersByExtraInfo(entries("num", "6"))))
        .containsExactly(5L);
  }

  @Test
  void updateUser_collidingEmail_throwsDuplicateValue() {
    assertThatThrownBy(() -> store.updateUser(1, NOW, u -> u.withEmail("anonuser@localhost")))
        .isInstanceOf(DuplicateValueException.class);
  }

  @Test
  void updateUser_concurrentIncrements_loseNoUpdate() throws Exception {
    JdbcStoreUsersTest.runConcurrently(
        4,
        i -> {
          for (int n = 0; n < 10; n++) {
            store.updateUser(1, NOW, u -> u.withFailedLoginTries(u.failedLoginTries() + 1));
          }
          return null;
        });

    assertThat(store.findUser(1).orElseThrow().failedLoginTries()).isEqualTo(40);
  }

  @Test
  void insertUser_concurrentSameEmail_exactlyOneWins() throws Exception {
    var results =
        JdbcStoreUsersTest.runConcurrently(4, i -> store.insertUser(newUser("race@example.com")));

    assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
  }

  @Test
  void deleteUser_withSessionAndApiKey_cascades() throws SQLException {
    long id = store.insertUser(newUser("gone@example.com")).orElseThrow().userId();
    String token = "p".repeat(43);
    store.insertSession(session(token, id, NOW.plusSeconds(60)));
    execute(
        "INSERT INTO apikeys VALUES ('k', now(), now(), now(), "
            + id
            + ", 'authenticated', '"
            + TokenDigest.of(token)
            + "')");

    assertThat(store.deleteSessionsExpiredBefore(NOW)).isZero();
    assertThat(store.deleteUser(id)).isTrue();

    assertThat(store.findSession(SessionToken.of(token))).isEmpty();
    assertThat(queryOne("SELECT COUNT(*) FROM apikeys")).isEqualTo("0");
  }

  private void execute(String sql) throws SQLException {
    TestRows.execute(database, sql);
  }

  private String queryOne(String sql) throws SQLException {
    return TestRows.queryOne(database, sql);
  }
}
