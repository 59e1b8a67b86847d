package org.authnz.store.jdbc;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.authnz.limits.CounterStore;
import org.authnz.store.jdbc.internal.SqlFailures;
import org.authnz.store.jdbc.internal.ValueFreeSqlLogger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * A {@link CounterStore} in the store's own database (table {@code authnz_counters}, schema version
 * 4), for a cluster of sidecars that share one database but no Redis ({@code
 * --ratelimitstore=database}). Every operation is one statement: an insert-or-update that returns
 * the new count, atomic in SQLite, PostgreSQL and MariaDB alike.
 *
 * <p>Keys expire as in the other stores: a rate counter a day after its last request, a failure
 * streak {@code failureMemory} after its last failure. An expired row counts as absent at once and
 * is deleted by a sweep every {@link #SWEEP_EVERY} writes. Keys longer than {@link #MAX_KEY_CHARS}
 * characters are stored as their SHA-256 digest.
 *
 * <p>Uses the store's connections and does not close them. Thread-safe.
 */
public final class JdbcCounterStore implements CounterStore {

  /** How many writes of this instance pass between two deletions of expired rows. */
  public static final int SWEEP_EVERY = 1000;

  /** The longest key stored as it is; longer ones are stored as a digest. */
  public static final int MAX_KEY_CHARS = 400;

  private static final Duration RATE_IDLE = Duration.ofDays(1);

  // The SET expressions see the old row, so an expired row restarts at 1 with a new first_seen.
  private static final String UPSERT =
      "INSERT INTO authnz_counters (counter_key, hits, first_seen, expires)"
          + " VALUES (:key, 1, :now, :expires)"
          + " ON CONFLICT (counter_key) DO UPDATE SET"
          + " hits = CASE WHEN authnz_counters.expires <= excluded.first_seen THEN 1"
          + " ELSE authnz_counters.hits + 1 END,"
          + " first_seen = CASE WHEN authnz_counters.expires <= excluded.first_seen"
          + " THEN excluded.first_seen ELSE authnz_counters.first_seen END,"
          + " expires = excluded.expires"
          + " RETURNING hits, first_seen";

  // MariaDB: the same step. Assignments run left to right and see the columns already assigned,
  // so expires, which the others read, is assigned last; RETURNING gives the row as written.
  private static final String UPSERT_MARIADB =
      "INSERT INTO authnz_counters (counter_key, hits, first_seen, expires)"
          + " VALUES (:key, 1, :now, :expires)"
          + " ON DUPLICATE KEY UPDATE"
          + " hits = IF(expires <= VALUES(first_seen), 1, hits + 1),"
          + " first_seen = IF(expires <= VALUES(first_seen), VALUES(first_seen), first_seen),"
          + " expires = VALUES(expires)"
          + " RETURNING hits, first_seen";

  private final Jdbi jdbi;
  private final String upsert;
  private final Duration failureMemory;
  private final AtomicLong writes = new AtomicLong();

  private JdbcCounterStore(Jdbi jdbi, String upsert, Duration failureMemory) {
    this.jdbi = jdbi;
    this.upsert = upsert;
    this.failureMemory = failureMemory;
  }

  /**
   * Creates a counter store over {@code store}'s database; the store must stay open while this one
   * is used.
   *
   * @param failureMemory how long a failed-login streak is remembered after its last failure
   */
  public static JdbcCounterStore of(JdbcStore store, Duration failureMemory) {
    requireNonNull(store, "store");
    requireNonNull(failureMemory, "failureMemory");
    String upsert = store.dialect() == Dialect.MARIADB ? UPSERT_MARIADB : UPSERT;
    Jdbi jdbi = Jdbi.create(store.writeDataSource());
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.NONE);
    jdbi.getConfig(SqlStatements.class).setSqlLogger(new ValueFreeSqlLogger());
    return new JdbcCounterStore(jdbi, upsert, failureMemory);
  }

  @Override
  public Count increment(String key, Instant now) {
    requireNonNull(key, "key");
    requireNonNull(now, "now");
    long[] row = upsert("increment", "rate:" + key, now, now.plus(RATE_IDLE));
    return new Count(row[0], Instant.EPOCH.plusNanos(row[1] * 1000));
  }

  @Override
  public long addFailure(String email, Instant now) {
    requireNonNull(email, "email");
    requireNonNull(now, "now");
    return upsert("addFailure", "fail:" + email, now, now.plus(failureMemory))[0];
  }

  @Override
  public void clearFailures(String email) {
    requireNonNull(email, "email");
    try {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate("DELETE FROM authnz_counters WHERE counter_key = :key")
                  .bind("key", stored("fail:" + email))
                  .execute());
    } catch (JdbiException e) {
      throw SqlFailures.unavailable("clearFailures", e);
    }
  }

  /**
   * Deletes the rows that have expired by {@code now}.
   *
   * @return how many were deleted
   */
  public int sweep(Instant now) {
    requireNonNull(now, "now");
    try {
      return jdbi.withHandle(
          handle ->
              handle
                  .createUpdate("DELETE FROM authnz_counters WHERE expires <= :now")
                  .bind("now", micros(now))
                  .execute());
    } catch (JdbiException e) {
      throw SqlFailures.unavailable("sweepCounters", e);
    }
  }

  private long[] upsert(String operation, String key, Instant now, Instant expires) {
    if (writes.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep(now);
    }
    try {
      return jdbi.withHandle(
          handle ->
              handle
                  .createQuery(upsert)
                  .bind("key", stored(key))
                  .bind("now", micros(now))
                  .bind("expires", micros(expires))
                  .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                  .one());
    } catch (JdbiException e) {
      throw SqlFailures.unavailable(operation, e);
    }
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
  }

  /** The key as stored: itself when short enough, else its digest. */
  static String stored(String key) {
    if (key.length() <= MAX_KEY_CHARS) {
      return key;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
