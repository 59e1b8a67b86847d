package org.authnz.store.jdbc.internal;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs statements at TRACE with their SQL text (all values are bound parameters) and timing, never
 * bind values or driver messages. Thread-safe.
 */
public final class ValueFreeSqlLogger implements SqlLogger {
  private static final Logger logger = LoggerFactory.getLogger("org.authnz.store.jdbc.sql");

  @Override
  public void logAfterExecution(StatementContext context) {
    if (logger.isTraceEnabled()) {
      logger
          .atTrace()
          .addKeyValue("micros", context.getElapsedTime(ChronoUnit.MICROS))
          .log(context.getRenderedSql());
    }
  }

  @Override
  public void logException(StatementContext context, SQLException failure) {
    if (logger.isTraceEnabled()) {
      logger
          .atTrace()
          .addKeyValue("sqlstate", failure.getSQLState())
          .addKeyValue("micros", context.getElapsedTime(ChronoUnit.MICROS))
          .log(context.getRenderedSql());
    }
  }
}
