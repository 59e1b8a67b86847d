package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.authnz.store.jdbc.TestRows.NOW;
import static org.authnz.store.jdbc.TestRows.ROLES;
import static org.authnz.store.jdbc.TestRows.object;
import static org.authnz.store.jdbc.TestRows.queryOne;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.authnz.StoreUnavailableException;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcStoreUsersTest {
  @TempDir Path dir;
  private Path file;
  private JdbcStore store;

  @BeforeEach
  void open() {
    file = dir.resolve("auth.sqlite");
    store = TestRows.initializedStore(file);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void initializeIfEmpty_emptyStore_insertsRolesThenSystemUsersWithIds1To3() throws Exception {
    assertThat(store.roles()).containsExactlyInAnyOrderElementsOf(ROLES);
    assertThat(queryOne(file, "SELECT \"desc\" FROM roles WHERE name = 'staff'"))
        .isEqualTo("Role with staff privileges");

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
  void initializeIfEmpty_freshStore_returnsTrueOnce() {
    try (JdbcStore fresh = JdbcStore.sqlite(dir.resolve("fresh.sqlite"))) {
      assertThat(fresh.initializeIfEmpty(ROLES, TestRows.systemUsers())).isTrue();
      assertThat(fresh.initializeIfEmpty(ROLES, TestRows.systemUsers())).isFalse();
    }
  }

  @Test
  void updateUser_changedFields_areWrittenWithLastUpdatedNow() throws Exception {
    Instant later = NOW.plusSeconds(3600);
    ObjectNode extra = object("{\"previous_user_roles\": [\"locked\", \"authenticated\"]}");

    StoredUser updated =
        store
            .updateUser(
                1,
                later,
                u ->
                    u.withFullName("Renamed")
                        .withActive(false)
                        .withUserRole("locked")
                        .withExtraInfo(extra)
                        .withFailedLoginTries(2)
                        .withLastLoginTry(later)
                        .withEmailForgotpassSentAt(later))
            .orElseThrow();

    assertThat(updated.fullName()).isEqualTo("Renamed");
    assertThat(updated.active()).isFalse();
    assertThat(updated.userRole()).isEqualTo("locked");
    assertThat(updated.extraInfo()).isEqualTo(extra);
    assertThat(updated.failedLoginTries()).isEqualTo(2);
    assertThat(updated.lastLoginTry()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    assertThat(updated.emailForgotpassSentAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    assertThat(updated.lastUpdated()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
    assertThat(store.findUser(1)).contains(updated);
    assertThat(queryOne(file, "SELECT last_updated FROM users WHERE user_id = 1"))
        .isEqualTo("2026-12-03 11:15:30.123456");
  }

  @Test
  void updateUser_changedSystemId_throwsIllegalArgument() {
    StoredUser other = store.findUser(2).orElseThrow();

    assertThatThrownBy(
            () ->
                store.updateUser(
                    1,
                    NOW,
                    u ->
                        new StoredUser(
                            u.userId(),
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
                            u.createdOn(),
                            u.lastUpdated(),
                            u.userRole())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void updateUser_twoStoresOnOneFile_loseNoUpdate() throws Exception {
    // Two stores do not share a writer connection: BEGIN IMMEDIATE serialises them in SQLite.
    try (JdbcStore second = JdbcStore.sqlite(file)) {
      List<JdbcStore> stores = List.of(store, second);

      runConcurrently(
          4,
          i -> {
            for (int n = 0; n < 20; n++) {
              stores
                  .get(i % 2)
                  .updateUser(2, NOW, u -> u.withFailedLoginTries(u.failedLoginTries() + 1));
            }
            return null;
          });
    }

    assertThat(store.findUser(2).orElseThrow().failedLoginTries()).isEqualTo(80);
  }

  @Test
  void closedStore_operation_throwsStoreUnavailableWithoutValues() {
    store.close();

    assertThatThrownBy(() -> store.findUserByEmail("secret-address@example.com"))
        .isInstanceOf(StoreUnavailableException.class)
        .satisfies(
            e -> {
              for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain("secret-address");
              }
            });
    assertThat(store.isHealthy()).isFalse();
  }

  interface Task<T> {
    T run(int index) throws Exception;
  }

  /** Starts all tasks together on their own threads and returns their results in order. */
  static <T> List<T> runConcurrently(int threads, Task<T> task) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int index = i;
        Callable<T> call =
            () -> {
              start.await();
              return task.run(index);
            };
        futures.add(executor.submit(call));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      executor.shutdownNow();
    }
  }
}
