package org.authnz.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the storage contracts share: a fresh store per test, initialised with the five roles and the
 * three system users (ids 1, 2 and 3), rows to insert, and a way to start callers all at once.
 *
 * <p>A store author does not extend this class: extend {@link AuthnzStoreContract} (every concern
 * of an {@link AuthnzStore}) or one of {@link UserStoreContract}, {@link SessionStoreContract} and
 * {@link ApiKeyStoreContract}.
 */
public abstract class StoreContract {
  /** The time every fixture row is created at; nanoseconds show that stores keep microseconds. */
  protected static final Instant NOW = Instant.parse("2026-12-03T10:15:30.123456789Z");

  protected static final List<String> ROLES =
      List.of("superuser", "staff", "authenticated", "anonymous", "locked");
  protected static final PasswordHash HASH =
      PasswordHash.of("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g");

  /** The store under test, open and initialised during each test. */
  protected AuthnzStore store;

  /** Returns a new, empty, open store. */
  protected abstract AuthnzStore openStore() throws Exception;

  /** Closes {@code opened} and removes what {@link #openStore()} made; by default closes it. */
  protected void closeStore(AuthnzStore opened) throws Exception {
    opened.close();
  }

  @BeforeEach
  final void openAndInitialise() throws Exception {
    store = openStore();
    store.initializeIfEmpty(
        ROLES,
        List.of(
            user("admin@example.com", "superuser"),
            user("anonuser@localhost", "anonymous"),
            user("dummyuser@localhost", "locked")));
  }

  @AfterEach
  final void closeAndRemove() throws Exception {
    if (store != null) {
      closeStore(store);
    }
  }

  /** A new user with a random system id, created at {@link #NOW}. */
  protected static NewUser user(String email, String role) {
    return new NewUser(
        UUID.randomUUID().toString(), "Full Name", HASH, email, true, true, null, NOW, role);
  }

  /** Inserts a user with role {@code authenticated} and returns its id. */
  protected long insertUser(String email) {
    return store.insertUser(user(email, "authenticated")).orElseThrow().userId();
  }

  /** A session of {@code userId} created at {@link #NOW}, expiring at {@code expires}. */
  protected static StoredSession session(SessionToken token, long userId, Instant expires) {
    return new StoredSession(token, "127.0.0.1", "Mozilla/5.0", userId, NOW, expires, null);
  }

  /** Inserts a session of {@code userId} valid for a day and returns its token. */
  protected SessionToken insertSession(long userId) {
    SessionToken token = SessionToken.of(randomToken());
    store.insertSession(session(token, userId, NOW.plus(Duration.ofDays(1))));
    return token;
  }

  /** 43 random URL-safe characters, the shape of every token. */
  protected static String randomToken() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 43);
  }

  protected static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** One concurrent caller: {@code index} runs from 0 to the number of callers minus one. */
  protected interface Caller<T> {
    T call(int index) throws Exception;
  }

  /**
   * Starts {@code callers} threads that wait on one latch, releases them together and returns their
   * results in order (rethrowing the first failure).
   */
  protected static <T> List<T> concurrently(int callers, Caller<T> caller) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        int index = i;
        Callable<T> task =
            () -> {
              start.await();
              return caller.call(index);
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
