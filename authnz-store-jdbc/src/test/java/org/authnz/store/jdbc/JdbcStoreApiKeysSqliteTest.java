package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.authnz.spi.ApiKeyStoreContract;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.store.jdbc.internal.TokenDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API key store contract on an SQLite file, plus the stored value formats. */
class JdbcStoreApiKeysSqliteTest extends ApiKeyStoreContract {
  @TempDir Path dir;
  private Path file;

  @Override
  protected AuthnzStore openStore() {
    file = dir.resolve("keys.sqlite");
    return JdbcStore.sqlite(file);
  }

  @Test
  void insertNoSessionKey_storesReferenceColumnFormats() throws Exception {
    long userId = store.listUsers().get(0).userId();
    String hash = "$argon2id$v=19$m=102400,t=2,p=8$c29tZXNhbHQ$aGFzaA";
    store.insertNoSessionKey(
        new StoredNoSessionKey(
            ApiKeyToken.of("tokentokentokentokentokentokentokentokentok"),
            NOW,
            NOW.plus(Duration.ofMinutes(15)),
            NOW.plusSeconds(1),
            PasswordHash.of(hash),
            NOW,
            NOW.plus(Duration.ofDays(1)),
            NOW.plusSeconds(2),
            userId,
            "superuser"));

    assertThat(TestRows.queryOne(file, "SELECT refresh_token FROM apikeys_nosession"))
        .isEqualTo(hash);
    assertThat(TestRows.queryOne(file, "SELECT issued FROM apikeys_nosession"))
        .isEqualTo("2026-12-03 10:15:30.123456");
    // Schema version 3: only the token's SHA-256 digest is stored.
    assertThat(TestRows.queryOne(file, "SELECT apikey FROM apikeys_nosession"))
        .isEqualTo(TokenDigest.of("tokentokentokentokentokentokentokentokentok"));
  }
}
