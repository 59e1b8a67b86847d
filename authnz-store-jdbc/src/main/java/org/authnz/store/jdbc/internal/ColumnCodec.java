package org.authnz.store.jdbc.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.argument.Argument;
import org.jspecify.annotations.Nullable;

/**
 * Binds and reads datetime and JSON columns the way each database stores them
 * (spec/storage-schema.md section 6): on SQLite as reference-style text, on PostgreSQL as {@code
 * TIMESTAMP WITHOUT TIME ZONE} holding UTC and as native {@code JSON}, on MariaDB as {@code
 * DATETIME(6)} holding UTC and as JSON text. Immutable and thread-safe.
 */
public final class ColumnCodec {
  private final boolean textColumns;
  private final int jsonType;

  private ColumnCodec(boolean textColumns, int jsonType) {
    this.textColumns = textColumns;
    this.jsonType = jsonType;
  }

  /** The codec for SQLite: datetimes and JSON as text. */
  public static ColumnCodec sqlite() {
    return new ColumnCodec(true, Types.VARCHAR);
  }

  /** The codec for PostgreSQL: UTC {@link LocalDateTime}s and untyped JSON text. */
  public static ColumnCodec postgresql() {
    return new ColumnCodec(false, Types.OTHER);
  }

  /** The codec for MariaDB: UTC {@link LocalDateTime}s and JSON as text. */
  public static ColumnCodec mariadb() {
    return new ColumnCodec(false, Types.VARCHAR);
  }

  /** An argument binding an instant (microsecond precision) or SQL NULL. */
  public Argument instant(@Nullable Instant value) {
    if (textColumns) {
      String text = value == null ? null : SqliteTimes.format(value);
      return (position, statement, context) -> {
        if (text == null) {
          statement.setNull(position, Types.VARCHAR);
        } else {
          statement.setString(position, text);
        }
      };
    }
    LocalDateTime local =
        value == null
            ? null
            : LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    return (position, statement, context) -> {
      if (local == null) {
        statement.setNull(position, Types.TIMESTAMP);
      } else {
        // setObject with a LocalDateTime: no conversion through the JVM's time zone.
        statement.setObject(position, local);
      }
    };
  }

  /** An argument binding a JSON object as text, or SQL NULL for null. */
  public Argument json(@Nullable ObjectNode value) {
    String text = ReferenceJson.write(value);
    int type = jsonType;
    return (position, statement, context) -> {
      if (text == null) {
        statement.setNull(position, type);
      } else {
        // Types.OTHER lets PostgreSQL infer the json column type of an untyped parameter.
        statement.setObject(position, text, type);
      }
    };
  }

  /** Reads a nullable datetime column. */
  public @Nullable Instant readInstant(ResultSet row, String column) throws SQLException {
    if (textColumns) {
      String text = row.getString(column);
      return text == null ? null : SqliteTimes.parse(text);
    }
    LocalDateTime local = row.getObject(column, LocalDateTime.class);
    return local == null ? null : local.toInstant(ZoneOffset.UTC);
  }

  /** Reads a NOT NULL datetime column. */
  public Instant readRequiredInstant(ResultSet row, String column) throws SQLException {
    Instant value = readInstant(row, column);
    if (value == null) {
      throw new IllegalArgumentException("NULL in the NOT NULL column " + column);
    }
    return value;
  }

  /** Reads a JSON column: SQL NULL (or JSON null) gives null. */
  public @Nullable ObjectNode readJson(ResultSet row, String column) throws SQLException {
    return ReferenceJson.read(row.getString(column));
  }
}
