package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.store.jdbc.TestRows.NOW;
import static org.authnz.store.jdbc.TestRows.execute;
import static org.authnz.store.jdbc.TestRows.newUser;
import static org.authnz.store.jdbc.TestRows.queryOne;
import static org.authnz.store.jdbc.TestRows.session;

import java.nio.file.Path;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredApiKey;
import org.authnz.store.jdbc.internal.TokenDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 3: tokens are stored as SHA-256 digests, and a database of version 2 with tokens
 * in clear is converted so that its sessions and keys keep working. On SQLite here; the subclasses
 * run the same tests on servers.
 */
class JdbcStoreHashedTokensTest {
  private static final String SESSION = "S".repeat(20) + "-session-token-in-clear";
  private static final String KEY = "K".repeat(20) + "-session-key-token-clear";
  private static final String NOSESSION_KEY = "N".repeat(20) + "-nosession-key-in-clear";
  private static final String TIME = "'2026-12-03 10:00:00.000000'";

  @TempDir Path dir;
  private TestDatabase db;

  /** The database the tests run on: an SQLite file here, a server in the subclasses. */
  TestDatabase database(Path dir) throws Exception {
    return TestDatabase.sqlite(dir.resolve("auth.sqlite"));
  }

  @BeforeEach
  void create() throws Exception {
    db = database(dir);
  }

  @AfterEach
  void drop() throws Exception {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void open_version2WithTokensInClear_convertsThemAndTheOldTokensStillWork() throws Exception {
    db.migrateTo("2");
    insertVersion2Rows();

    try (JdbcStore store = db.open()) {
      assertThat(store.schemaVersion()).isEqualTo("4");
      assertThat(store.findSession(SessionToken.of(SESSION)))
          .hasValueSatisfying(s -> assertThat(s.token()).isEqualTo(SessionToken.of(SESSION)));
      StoredApiKey key = store.findApiKey(ApiKeyToken.of(KEY)).orElseThrow();
      assertThat(key.session().reveal()).isEqualTo(TokenDigest.of(SESSION));
      assertThat(store.findNoSessionKey(ApiKeyToken.of(NOSESSION_KEY))).isPresent();

      assertThat(queryOne(db, "SELECT session_token FROM sessions"))
          .isEqualTo(TokenDigest.of(SESSION));
      assertThat(queryOne(db, "SELECT apikey FROM apikeys")).isEqualTo(TokenDigest.of(KEY));
      assertThat(queryOne(db, "SELECT session_token FROM apikeys"))
          .isEqualTo(TokenDigest.of(SESSION));
      assertThat(queryOne(db, "SELECT apikey FROM apikeys_nosession"))
          .isEqualTo(TokenDigest.of(NOSESSION_KEY));

      // The session-tied key still goes with its session.
      assertThat(store.deleteSession(SessionToken.of(SESSION))).isTrue();
      assertThat(queryOne(db, "SELECT COUNT(*) FROM apikeys")).isEqualTo("0");
    }
  }

  @Test
  void insertSession_storesOnlyTheDigestOfTheToken() throws Exception {
    String token = "t".repeat(43);
    try (JdbcStore store = db.initializedStore()) {
      long user = store.insertUser(newUser("digest@example.com")).orElseThrow().userId();

      store.insertSession(session(token, user, NOW.plusSeconds(60)));

      assertThat(queryOne(db, "SELECT session_token FROM sessions WHERE user_id = ?", user))
          .isEqualTo(TokenDigest.of(token))
          .hasSize(64);
      assertThat(store.findSession(SessionToken.of(TokenDigest.of(token)))).isEmpty();
      assertThat(store.deleteSessionsOfUser(user, SessionToken.of(token))).isZero();
      assertThat(store.deleteSession(SessionToken.of(token))).isTrue();
    }
  }

  @Test
  void tokenDigest_isTheHexSha256TheDatabasesCompute() {
    assertThat(TokenDigest.of("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  private void insertVersion2Rows() throws Exception {
    execute(db, "INSERT INTO roles (name, \"desc\") VALUES ('authenticated', 'Role')");
    execute(
        db,
        "INSERT INTO users (user_id, system_id, password, email, email_verified, is_active,"
            + " failed_login_tries, created_on, last_updated, user_role) VALUES (1, 'sid', 'hash',"
            + " 'old@example.com', TRUE, TRUE, 0, "
            + TIME
            + ", "
            + TIME
            + ", 'authenticated')");
    execute(
        db,
        "INSERT INTO sessions (session_token, ip_address, user_agent, user_id, created, expires)"
            + " VALUES ('"
            + SESSION
            + "', '10.0.0.1', 'ua', 1, "
            + TIME
            + ", "
            + TIME
            + ")");
    execute(
        db,
        "INSERT INTO apikeys (apikey, issued, expires, not_valid_before, user_id, user_role,"
            + " session_token) VALUES ('"
            + KEY
            + "', "
            + TIME
            + ", "
            + TIME
            + ", "
            + TIME
            + ", 1, 'authenticated', '"
            + SESSION
            + "')");
    execute(
        db,
        "INSERT INTO apikeys_nosession (apikey, issued, expires, not_valid_before, refresh_token,"
            + " refresh_issued, refresh_expires, refresh_nbf, user_id, user_role) VALUES ('"
            + NOSESSION_KEY
            + "', "
            + TIME
            + ", "
            + TIME
            + ", "
            + TIME
            + ", '$argon2id$hash', "
            + TIME
            + ", "
            + TIME
            + ", "
            + TIME
            + ", 1, 'authenticated')");
  }
}
