package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.authnz.store.jdbc.TestRows.NOW;
import static org.authnz.store.jdbc.TestRows.newUser;
import static org.authnz.store.jdbc.TestRows.session;

import java.nio.file.Path;
import java.time.Instant;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to JdbcStore's sessions; the SPI contract runs in the contract tests. */
class JdbcStoreSessionsTest {
  private static final String TOKEN_A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final Instant EXPIRES = NOW.plusSeconds(86_400);

  @TempDir Path dir;
  private Path file;
  private JdbcStore store;
  private long userId;

  @BeforeEach
  void open() {
    file = dir.resolve("auth.sqlite");
    store = TestRows.initializedStore(file);
    userId = store.insertUser(newUser("owner@example.com")).orElseThrow().userId();
  }

  @AfterEach
  void close() {
    store.close();
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
}
