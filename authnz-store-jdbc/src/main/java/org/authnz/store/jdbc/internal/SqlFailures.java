package org.authnz.store.jdbc.internal;

import java.sql.SQLException;
import org.authnz.StoreUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Classifies database failures and turns them into {@link StoreUnavailableException}s that keep the
 * SQLState (and SQLite result code) but never the driver's message, which can quote values.
 * Thread-safe.
 */
public final class SqlFailures {
  private static final Logger logger = LoggerFactory.getLogger(SqlFailures.class);

  /** What kind of integrity rule a failed statement broke. */
  public enum Violation {
    /** A unique index or primary key. */
    UNIQUE,
    /** A foreign key. */
    FOREIGN_KEY,
    /** Not an integrity violation. */
    NONE
  }

  private SqlFailures() {}

  /** Returns the first {@link SQLException} in the cause chain, if any. */
  public static @Nullable SQLException sqlCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** Classifies a failure by SQLState (PostgreSQL, MariaDB) or SQLite result code. */
  public static Violation violation(Throwable failure) {
    SQLException sql = sqlCause(failure);
    if (sql == null) {
      return Violation.NONE;
    }
    if (sql instanceof SQLiteException sqlite) {
      SQLiteErrorCode code = sqlite.getResultCode();
      if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
          || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Violation.UNIQUE;
      }
      if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY) {
        return Violation.FOREIGN_KEY;
      }
      return Violation.NONE;
    }
    String state = sql.getSQLState();
    if ("23505".equals(state) || ("23000".equals(state) && sql.getErrorCode() == 1062)) {
      return Violation.UNIQUE;
    }
    if ("23503".equals(state) || ("23000".equals(state) && sql.getErrorCode() == 1452)) {
      return Violation.FOREIGN_KEY;
    }
    return Violation.NONE;
  }

  /**
   * Logs a failure by operation and code and wraps it for callers, without the driver's text.
   *
   * @param operation the store method that failed, for logs and the message
   */
  public static StoreUnavailableException unavailable(String operation, Throwable failure) {
    SQLException sql = sqlCause(failure);
    String code = sql == null ? failure.getClass().getSimpleName() : describe(sql);
    logger
        .atError()
        .addKeyValue("operation", operation)
        .addKeyValue("code", code)
        .log("database operation failed");
    String message = "store operation " + operation + " failed (" + code + ")";
    return new StoreUnavailableException(message, sanitized(sql == null ? failure : sql, code));
  }

  private static String describe(SQLException sql) {
    String state = sql.getSQLState();
    StringBuilder text = new StringBuilder(state == null ? "no SQLState" : "SQLState " + state);
    if (sql instanceof SQLiteException sqlite) {
      text.append(", ").append(sqlite.getResultCode().name());
    } else {
      text.append(", vendor code ").append(sql.getErrorCode());
    }
    return text.toString();
  }

  /** A stand-in cause with the original's type, codes and stack trace, but not its message. */
  private static Throwable sanitized(Throwable original, String code) {
    SQLException sql = original instanceof SQLException e ? e : null;
    SQLException copy =
        new SQLException(
            original.getClass().getSimpleName() + " (" + code + ")",
            sql == null ? null : sql.getSQLState(),
            sql == null ? 0 : sql.getErrorCode());
    copy.setStackTrace(original.getStackTrace());
    return copy;
  }
}
