package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.store.jdbc.ExtraInfoMatchCases.entries;
import static org.authnz.store.jdbc.ExtraInfoMatchCases.ids;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code findUsersByExtraInfo} on a real SQLite file; the subclasses run it on servers. */
class JdbcStoreUserMatchTest {
  @TempDir Path dir;
  private TestDatabase database;
  private JdbcStore store;

  /** The database the tests run on: an SQLite file here, a server in the subclasses. */
  TestDatabase database(Path dir) throws Exception {
    return TestDatabase.sqlite(dir.resolve("auth.sqlite"));
  }

  @BeforeEach
  void open() throws Exception {
    database = database(dir);
    store = database.initializedStore();
    ExtraInfoMatchCases.insertUsers(store);
  }

  @AfterEach
  void close() throws Exception {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @Test
  void findUsersByExtraInfo_stringEntry_findsHoldersInIdOrder() {
    assertThat(ids(store.findUsersByExtraInfo(entries("type", "system-user"))))
        .containsExactly(1L, 2L);
    assertThat(ids(store.findUsersByExtraInfo(entries("type", "normal-user"))))
        .containsExactly(4L, 5L);
  }

  @Test
  void findUsersByExtraInfo_severalEntries_requiresAll() {
    assertThat(ids(store.findUsersByExtraInfo(entries("type", "normal-user", "team", "blue"))))
        .containsExactly(5L);
    assertThat(ids(store.findUsersByExtraInfo(entries("team", "red", "type", "system-user"))))
        .isEmpty();
  }

  @Test
  void findUsersByExtraInfo_nonStringStoredValues_neverMatchTheirText() {
    assertThat(store.findUsersByExtraInfo(entries("verify_retry_wait", "6"))).isEmpty();
    assertThat(store.findUsersByExtraInfo(entries("ok", "true"))).isEmpty();
    assertThat(store.findUsersByExtraInfo(entries("nested", "{\"team\": \"blue\"}"))).isEmpty();
    assertThat(ids(store.findUsersByExtraInfo(entries("num", "6")))).containsExactly(5L);
  }

  @Test
  void findUsersByExtraInfo_emptyEntries_matchesEveryUser() {
    assertThat(ids(store.findUsersByExtraInfo(entries())))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void findUsersByExtraInfo_quotesInKeyAndValue_matchLiterally() {
    assertThat(ids(store.findUsersByExtraInfo(entries("it's \"odd\"", "caf\u00e9 '; --"))))
        .containsExactly(7L);
    assertThat(store.findUsersByExtraInfo(entries("it's", "caf\u00e9 '; --"))).isEmpty();
  }
}
