package org.authnz.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.authnz.store.jdbc.TestRows.NOW;
import static org.authnz.store.jdbc.TestRows.ROLES;
import static org.authnz.store.jdbc.TestRows.newUser;
import static org.authnz.store.jdbc.TestRows.object;
import static org.authnz.store.jdbc.TestRows.queryOne;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.authnz.StoreUnavailableException;
import org.authnz.spi.DuplicateValueException;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users table on a real SQLite file; the subclasses run the same tests on servers. */
class JdbcStoreUsersTest {
  @TempDir Path dir;
  private TestDatabase db;
  private JdbcStore store;

  /** The database the tests run on: an SQLite file here, a server in the subclasses. */
  TestDatabase database(Path dir) throws Exception {
    return TestDatabase.sqlite(dir.resolve("auth.sqlite"));
  }

  @BeforeEach
  void open() throws Exception {
    db = database(dir);
    store = db.initializedStore();
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
  void initializeIfEmpty_emptyStore_insertsRolesThenSystemUsersWithIds1To3() throws Exception {
    assertThat(store.roles()).containsExactlyInAnyOrderElementsOf(ROLES);
    assertThat(queryOne(db, "SELECT \"desc\" FROM roles WHERE name = 'staff'"))
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
  void initializeIfEmpty_storeWithRoles_insertsNothing() {
    boolean inserted = store.initializeIfEmpty(List.of("other"), List.of(newUser("x@y.z")));

    assertThat(inserted).isFalse();
    assertThat(store.roles()).doesNotContain("other");
    assertThat(store.listUsers()).hasSize(3);
  }

  @Test
  void initializeIfEmpty_freshStore_returnsTrueOnce() throws Exception {
    try (TestDatabase another = db.another(dir);
        JdbcStore fresh = another.open()) {
      assertThat(fresh.initializeIfEmpty(ROLES, TestRows.systemUsers())).isTrue();
      assertThat(fresh.initializeIfEmpty(ROLES, TestRows.systemUsers())).isFalse();
    }
  }

  @Test
  void insertUser_newEmail_returnsStoredRowWithNextId() {
    StoredUser user = store.insertUser(newUser("new@example.com")).orElseThrow();

    assertThat(user.userId()).isEqualTo(4);
    assertThat(user.email()).isEqualTo("new@example.com");
    assertThat(user.createdOn()).isEqualTo(NOW.truncatedTo(ChronoUnit.MICROS));
    assertThat(user.lastUpdated()).isEqualTo(user.createdOn());
    assertThat(user.failedLoginTries()).isZero();
    assertThat(user.emailVerifySentAt()).isNull();
    assertThat(user.lastLoginTry()).isNull();
    assertThat(store.findUser(4)).contains(user);
    assertThat(store.findUserByEmail("new@example.com")).contains(user);
    assertThat(store.listUsers()).last().isEqualTo(user);
  }

  @Test
  void findUserByEmail_differentCase_findsNothing() {
    store.insertUser(newUser("Case@example.com"));

    assertThat(store.findUserByEmail("case@example.com")).isEmpty();
    assertThat(store.findUser(99)).isEmpty();
  }

  @Test
  void insertUser_emailsDifferingInCaseOrTrailingSpace_areDistinctUsers() {
    // MariaDB's default collations would call these equal; the store's tables compare exactly.
    store.insertUser(newUser("same@example.com"));

    assertThat(store.insertUser(newUser("SAME@example.com"))).isPresent();
    assertThat(store.insertUser(newUser("same@example.com "))).isPresent();
    assertThat(store.findUserByEmail("same@example.com ").orElseThrow().email())
        .isEqualTo("same@example.com ");
    assertThat(store.findUserByEmail("s\u00e4me@example.com")).isEmpty();
  }

  @Test
  void insertUser_extraInfoWithNumbers_roundTripsExactly() {
    ObjectNode extra =
        object(
            "{\"f\": 0.30000000000000004, \"big\": 123456789012345678901234567890,"
                + " \"tiny\": 1e-300, \"text\": \"caf\u00e9 \\ud83d\\ude00\"}");

    StoredUser user =
        store.insertUser(newUser("numbers@example.com", "staff", extra)).orElseThrow();

    assertThat(store.findUser(user.userId()).orElseThrow().extraInfo()).isEqualTo(extra);
    assertThat(user.extraInfo().get("f").doubleValue()).isEqualTo(0.30000000000000004);
    assertThat(user.extraInfo().get("big").bigIntegerValue())
        .isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
  }

  @Test
  void insertUser_takenEmail_returnsEmpty() {
    store.insertUser(newUser("taken@example.com"));

    assertThat(store.insertUser(newUser("taken@example.com"))).isEmpty();
    assertThat(store.listUsers()).hasSize(4);
  }

  @Test
  void insertUser_takenSystemId_returnsEmpty() {
    StoredUser first = store.insertUser(newUser("one@example.com")).orElseThrow();
    var clash =
        new org.authnz.spi.NewUser(
            first.systemId(),
            null,
            first.password(),
            "two@example.com",
            false,
            false,
            null,
            NOW,
            "authenticated");

    assertThat(store.insertUser(clash)).isEmpty();
  }

  @Test
  void insertUser_unknownRole_throwsIllegalArgument() {
    assertThatThrownBy(() -> store.insertUser(newUser("r@example.com", "no-such-role", null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void insertUser_concurrentSameEmail_exactlyOneWins() throws Exception {
    int threads = 8;
    List<Optional<StoredUser>> results =
        runConcurrently(threads, i -> store.insertUser(newUser("race@example.com")));

    assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
    assertThat(store.listUsers()).filteredOn(u -> u.email().equals("race@example.com")).hasSize(1);
  }

  @Test
  void insertUser_concurrentDifferentEmails_allSucceedWithDistinctIds() throws Exception {
    List<Optional<StoredUser>> results =
        runConcurrently(8, i -> store.insertUser(newUser("user" + i + "@example.com")));

    assertThat(results).allMatch(Optional::isPresent);
    assertThat(results.stream().map(r -> r.orElseThrow().userId()).distinct()).hasSize(8);
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
    assertThat(
            queryOne(
                db, "SELECT " + db.datetimeText("last_updated") + " FROM users WHERE user_id = 1"))
        .isEqualTo("2026-12-03 11:15:30.123456");
  }

  @Test
  void updateUser_noChange_stillSetsLastUpdated() {
    Instant later = NOW.plusSeconds(60);

    StoredUser updated = store.updateUser(2, later, u -> u).orElseThrow();

    assertThat(updated.lastUpdated()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  void updateUser_missingUser_returnsEmpty() {
    assertThat(store.updateUser(42, NOW, u -> u.withFullName("x"))).isEmpty();
  }

  @Test
  void updateUser_emailOfAnotherUser_throwsDuplicateValueAndKeepsRow() {
    StoredUser before = store.findUser(1).orElseThrow();

    assertThatThrownBy(() -> store.updateUser(1, NOW, u -> u.withEmail("anonuser@localhost")))
        .isInstanceOf(DuplicateValueException.class)
        .hasMessageNotContaining("anonuser");
    assertThat(store.findUser(1)).contains(before);
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
  void updateUser_concurrentIncrements_loseNoUpdate() throws Exception {
    int threads = 8;
    int perThread = 20;

    runConcurrently(
        threads,
        i -> {
          for (int n = 0; n < perThread; n++) {
            store.updateUser(1, NOW, u -> u.withFailedLoginTries(u.failedLoginTries() + 1));
          }
          return null;
        });

    assertThat(store.findUser(1).orElseThrow().failedLoginTries()).isEqualTo(threads * perThread);
  }

  @Test
  void updateUser_twoStoresOnOneFile_loseNoUpdate() throws Exception {
    // Two stores do not share a writer connection: BEGIN IMMEDIATE serialises them in SQLite.
    try (JdbcStore second = db.open()) {
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
  void deleteUser_existing_returnsTrueOnceAndRemovesRow() {
    long id = store.insertUser(newUser("gone@example.com")).orElseThrow().userId();

    assertThat(store.deleteUser(id)).isTrue();
    assertThat(store.deleteUser(id)).isFalse();
    assertThat(store.findUser(id)).isEmpty();
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

  @Test
  void isHealthy_openStore_isTrue() {
    assertThat(store.isHealthy()).isTrue();
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
