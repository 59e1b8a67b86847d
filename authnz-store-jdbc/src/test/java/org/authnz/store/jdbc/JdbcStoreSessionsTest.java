package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.authnz.store.jdbc.TestRows.NOW;
import static org.authnz.store.jdbc.TestRows.execute;
import static org.authnz.store.jdbc.TestRows.newUser;
import static org.authnz.store.jdbc.TestRows.object;
import static org.authnz.store.jdbc.TestRows.queryOne;
import static org.authnz.store.jdbc.TestRows.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.authnz.spi.DuplicateValueException;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.authnz.store.jdbc.internal.TokenDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sessions table on a real SQLite file; the subclasses run the same tests on servers. */
class JdbcStoreSessionsTest {
  private static final String TOKEN_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String TOKEN_B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private static final String TOKEN_C = "ccccccccccccccccccccccccccccccccccccccccccc";
  private static final Instant EXPIRES = NOW.plusSeconds(86_400);

  @TempDir Path dir;
  private TestDatabase db;
  private JdbcStore store;
  private long userId;

  /** The database the tests run on: an SQLite file here, a server in the subclasses. */
  TestDatabase database(Path dir) throws Exception {
    return TestDatabase.sqlite(dir.resolve("auth.sqlite"));
  }

  @BeforeEach
  void open() throws Exception {
    db = database(dir);
    store = db.initializedStore();
    userId = store.insertUser(newUser("owner@example.com")).orElseThrow().userId();
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void insertSession_thenFind_returnsSameSessionAtMicroseconds() {
    ObjectNode extra = object("{\"csrf\": {\"nested\": [1, 2, {\"x\": null}]}}");
    StoredSession session = session(TOKEN_A, userId, EXPIRES).withExtraInfoJson(extra);

    store.insertSession(session);

    StoredSession found = store.findSession(SessionToken.of(TOKEN_A)).orElseThrow();
    assertThat(found.token()).isEqualTo(session.token());
    assertThat(found.ipAddress()).isEqualTo("127.0.0.1");
    assertThat(found.userAgent()).isEqualTo("Mozilla/5.0");
    assertThat(found.userId()).isEqualTo(userId);
    assertThat(found.created()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
    assertThat(found.expires()).isEqualTo(EXPIRES.truncatedTo(ChronoUnit.MICROS));
    assertThat(found.extraInfoJson()).isEqualTo(extra);
    assertThat(store.findSession(SessionToken.of(TOKEN_B))).isEmpty();
  }

  @Test
  void insertSession_expiredSession_isStillFound() {
    store.insertSession(session(TOKEN_A, userId, NOW.minusSeconds(1)));

    assertThat(store.findSession(SessionToken.of(TOKEN_A))).isPresent();
  }

  @Test
  void insertSession_existingToken_throwsDuplicateValue() {
    store.insertSession(session(TOKEN_A, userId, EXPIRES));

    assertThatThrownBy(() -> store.insertSession(session(TOKEN_A, 2, EXPIRES)))
        .isInstanceOf(DuplicateValueException.class)
        .hasMessageNotContaining(TOKEN_A);
  }

  @Test
  void insertSession_unknownUser_throwsIllegalArgument() {
    assertThatThrownBy(() -> store.insertSession(session(TOKEN_A, 999, EXPIRES)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updateSession_newExtraInfo_isWritten() {
    store.insertSession(session(TOKEN_A, userId, EXPIRES));
    ObjectNode extra = object("{\"k\": \"v\"}");

    StoredSession updated =
        store
            .updateSession(SessionToken.of(TOKEN_A), s -> s.withExtraInfoJson(extra))
            .orElseThrow();

    assertThat(updated.extraInfoJson()).isEqualTo(extra);
    assertThat(store.findSession(SessionToken.of(TOKEN_A))).contains(updated);
  }

  @Test
  void updateSession_missingSession_returnsEmpty() {
    assertThat(store.updateSession(SessionToken.of(TOKEN_A), s -> s)).isEmpty();
  }

  @Test
  void updateSession_changedExpiry_throwsIllegalArgument() {
    store.insertSession(session(TOKEN_A, userId, EXPIRES));

    assertThatThrownBy(
            () ->
                store.updateSession(
                    SessionToken.of(TOKEN_A),
                    s ->
                        new StoredSession(
                            s.token(),
                            s.ipAddress(),
                            s.userAgent(),
                            s.userId(),
                            s.created(),
                            s.expires().plusSeconds(1),
                            s.extraInfoJson())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deleteSession_existing_returnsTrueOnce() {
    store.insertSession(session(TOKEN_A, userId, EXPIRES));

    assertThat(store.deleteSession(SessionToken.of(TOKEN_A))).isTrue();
    assertThat(store.deleteSession(SessionToken.of(TOKEN_A))).isFalse();
    assertThat(store.findSession(SessionToken.of(TOKEN_A))).isEmpty();
  }

  @Test
  void deleteSession_withApiKey_deletesTheApiKeyByCascade() throws Exception {
    store.insertSession(session(TOKEN_A, userId, EXPIRES));
    insertApiKey("key-1", TOKEN_A);

    store.deleteSession(SessionToken.of(TOKEN_A));

    assertThat(queryOne(db, "SELECT COUNT(*) FROM apikeys")).isEqualTo("0");
  }

  @Test
  void deleteUser_withSessionsAndApiKeys_deletesThemByCascade() throws Exception {
    store.insertSession(session(TOKEN_A, userId, EXPIRES));
    store.insertSession(session(TOKEN_B, userId, EXPIRES));
    store.insertSession(session(TOKEN_C, 2, EXPIRES));
    insertApiKey("key-1", TOKEN_A);
    execute(
        db,
        "INSERT INTO apikeys_nosession (apikey, issued, expires, not_valid_before, refresh_token,"
            + " refresh_issued, refresh_expires, refresh_nbf, user_id, user_role)"
            + " VALUES ('key-2', ?, ?, ?, 'hash', ?, ?, ?, ?, 'authenticated')",
        "2026-12-03 10:00:00.000000",
        "2026-12-04 10:00:00.000000",
        "2026-12-03 10:00:00.000000",
        "2026-12-03 10:00:00.000000",
        "2026-12-04 10:00:00.000000",
        "2026-12-03 10:00:00.000000",
        userId);

    assertThat(store.deleteUser(userId)).isTrue();

    assertThat(store.findSession(SessionToken.of(TOKEN_A))).isEmpty();
    assertThat(store.findSession(SessionToken.of(TOKEN_B))).isEmpty();
    assertThat(store.findSession(SessionToken.of(TOKEN_C))).isPresent();
    assertThat(queryOne(db, "SELECT COUNT(*) FROM apikeys")).isEqualTo("0");
    assertThat(queryOne(db, "SELECT COUNT(*) FROM apikeys_nosession")).isEqualTo("0");
  }

  @Test
  void deleteSessionsOfUser_withKeep_deletesAllOthersOfThatUser() {
    store.insertSession(session(TOKEN_A, userId, EXPIRES));
    store.insertSession(session(TOKEN_B, userId, EXPIRES));
    store.insertSession(session(TOKEN_C, 2, EXPIRES));

    int deleted = store.deleteSessionsOfUser(userId, SessionToken.of(TOKEN_A));

    assertThat(deleted).isEqualTo(1);
    assertThat(store.findSession(SessionToken.of(TOKEN_A))).isPresent();
    assertThat(store.findSession(SessionToken.of(TOKEN_B))).isEmpty();
    assertThat(store.findSession(SessionToken.of(TOKEN_C))).isPresent();
  }

  @Test
  void deleteSessionsOfUser_withoutKeep_deletesAllOfThatUser() {
    store.insertSession(session(TOKEN_A, userId, EXPIRES));
    store.insertSession(session(TOKEN_B, userId, EXPIRES));
    store.insertSession(session(TOKEN_C, 2, EXPIRES));

    assertThat(store.deleteSessionsOfUser(userId, null)).isEqualTo(2);
    assertThat(store.findSession(SessionToken.of(TOKEN_C))).isPresent();
  }

  @Test
  void deleteSessionsExpiredBefore_cutoff_deletesOnlyEarlierExpiries() {
    Instant cutoff = NOW.plusSeconds(100);
    store.insertSession(session(TOKEN_A, userId, cutoff.minusNanos(1_000)));
    store.insertSession(session(TOKEN_B, userId, cutoff));
    store.insertSession(session(TOKEN_C, userId, cutoff.plusSeconds(1)));

    int deleted = store.deleteSessionsExpiredBefore(cutoff);

    assertThat(deleted).isEqualTo(1);
    assertThat(store.findSession(SessionToken.of(TOKEN_A))).isEmpty();
    assertThat(store.findSession(SessionToken.of(TOKEN_B))).isPresent();
    assertThat(store.findSession(SessionToken.of(TOKEN_C))).isPresent();
  }

  private void insertApiKey(String key, String sessionToken) throws Exception {
    execute(
        db,
        "INSERT INTO apikeys (apikey, issued, expires, not_valid_before, user_id, user_role,"
            + " session_token) VALUES (?, ?, ?, ?, ?, 'authenticated', ?)",
        key,
        "2026-12-03 10:00:00.000000",
        "2026-12-04 10:00:00.000000",
        "2026-12-03 10:00:00.000000",
        userId,
        TokenDigest.of(sessionToken));
  }
}
