package org.authnz.examples.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.NewUser;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredApiKey;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the journal adds to the contract: everything survives a restart, a torn line does not. */
class JournaledStoreTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:15:30.123456789Z");
  private static final PasswordHash HASH = PasswordHash.of("$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aA");
  private static final SessionToken SESSION = SessionToken.of("s".repeat(43));
  private static final SessionToken OTHER_SESSION = SessionToken.of("o".repeat(43));
  private static final ApiKeyToken KEY = ApiKeyToken.of("k".repeat(43));
  private static final ApiKeyToken FREE_KEY = ApiKeyToken.of("f".repeat(43));
  private static final ApiKeyToken ROTATED_KEY = ApiKeyToken.of("r".repeat(43));

  @TempDir Path dir;

  private static NewUser user(String systemId, String email) {
    return new NewUser(systemId, "Name", HASH, email, true, true, null, NOW, "authenticated");
  }

  private static StoredNoSessionKey freeKey(ApiKeyToken token, long userId) {
    return new StoredNoSessionKey(
        token,
        NOW,
        NOW.plusSeconds(900),
        NOW,
        HASH,
        NOW,
        NOW.plusSeconds(900),
        NOW,
        userId,
        "authenticated");
  }

  @Test
  void reopen_afterEveryKindOfChange_findsTheSameRows() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    StoredUser renamed;
    StoredSession edited;
    try (JournaledStore store = JournaledStore.open(file)) {
      store.initializeIfEmpty(List.of("authenticated", "locked"), List.of(user("s1", "a@x.org")));
      long gone = store.insertUser(user("s2", "gone@x.org")).orElseThrow().userId();
      long kept = store.insertUser(user("s3", "kept@x.org")).orElseThrow().userId();
      renamed =
          store.updateUser(kept, NOW.plusSeconds(5), u -> u.withFullName("Renamed")).orElseThrow();
      store.insertSession(
          new StoredSession(SESSION, "1.1.1.1", "ua", kept, NOW, NOW.plusSeconds(60), null));
      store.insertSession(new StoredSession(OTHER_SESSION, "1.1.1.1", "ua", gone, NOW, NOW, null));
      edited =
          store
              .updateSession(
                  SESSION,
                  s -> s.withExtraInfoJson(JsonNodeFactory.instance.objectNode().put("k", "v")))
              .orElseThrow();
      store.insertApiKey(
          new StoredApiKey(KEY, NOW, NOW.plusSeconds(60), NOW, kept, "authenticated", SESSION));
      store.insertNoSessionKey(freeKey(FREE_KEY, kept));
      store.rotateNoSessionKey(FREE_KEY, kept, "authenticated", freeKey(ROTATED_KEY, kept));
      store.deleteUser(gone);
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (JournaledStore reopened = JournaledStore.open(file)) {
      assertThat(reopened.listUsers())
          .extracting(StoredUser::email)
          .containsExactly("a@x.org", "kept@x.org");
      assertThat(reopened.findUser(renamed.userId())).contains(renamed);
      assertThat(reopened.findSession(SESSION)).contains(edited);
      assertThat(reopened.findSession(OTHER_SESSION)).isEmpty();
      assertThat(reopened.findApiKey(KEY)).isPresent();
      assertThat(reopened.findNoSessionKey(FREE_KEY)).isEmpty();
      assertThat(reopened.findNoSessionKey(ROTATED_KEY)).isPresent();
      assertThat(reopened.insertUser(user("s4", "next@x.org")).orElseThrow().userId()).isEqualTo(4);
    }
  }

  @Test
  void open_journalWithTornLastLine_dropsItAndKeepsTheRest() throws Exception {
    Path file = dir.resolve("journal.jsonl");
    try (JournaledStore store = JournaledStore.open(file)) {
      store.initializeIfEmpty(List.of("authenticated"), List.of(user("s1", "a@x.org")));
    }
    Files.writeString(
        file,
        "{\"op\":\"insertUser\",\"row\":{\"sys",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    try (JournaledStore reopened = JournaledStore.open(file)) {
      assertThat(reopened.listUsers()).hasSize(1);
      reopened.insertUser(user("s2", "b@x.org"));
    }
    try (JournaledStore again = JournaledStore.open(file)) {
      assertThat(again.listUsers())
          .extracting(StoredUser::email)
          .containsExactly("a@x.org", "b@x.org");
    }
  }
}
