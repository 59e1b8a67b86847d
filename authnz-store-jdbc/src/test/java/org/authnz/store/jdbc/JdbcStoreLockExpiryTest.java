package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.store.jdbc.TestRows.NOW;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreLockExpiryTest {
  @TempDir Path dir;

  @Test
  void findExpiredLocks_expiryRecordedBeforeRestart_isFoundAfterReopening() {
    Path file = dir.resolve("auth.sqlite");
    try (JdbcStore store = TestRows.initializedStore(file)) {
      store.setLockExpiry(1, NOW.plusSeconds(60));
      assertThat(store.findExpiredLocks(NOW.plusSeconds(59))).isEmpty();
    }
    try (JdbcStore reopened = TestRows.initializedStore(file)) {
      assertThat(reopened.findExpiredLocks(NOW.plusSeconds(60))).containsExactly(1L);
      reopened.setLockExpiry(1, null);
      assertThat(reopened.findExpiredLocks(NOW.plusSeconds(3600))).isEmpty();
    }
  }
}
