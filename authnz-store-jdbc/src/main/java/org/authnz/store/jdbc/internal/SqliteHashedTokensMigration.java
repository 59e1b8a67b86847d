package org.authnz.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;

/**
 * Schema version 3 on SQLite, which has no SHA-256 function: replaces every session token and
 * API-key token with its {@link TokenDigest}. Runs in Flyway's transaction with foreign-key checks
 * deferred to the commit, because {@code apikeys.session_token} and {@code sessions.session_token}
 * change in two statements.
 */
public final class SqliteHashedTokensMigration implements JavaMigration {
  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("3");
  }

  @Override
  public String getDescription() {
    return "hashed tokens";
  }

  @Override
  public @Nullable Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA defer_foreign_keys = ON");
    }
    digestColumn(connection, "sessions", "session_token");
    digestColumn(connection, "apikeys", "session_token");
    digestColumn(connection, "apikeys", "apikey");
    digestColumn(connection, "apikeys_nosession", "apikey");
  }

  private static void digestColumn(Connection connection, String table, String column)
      throws SQLException {
    List<String> tokens = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT DISTINCT " + column + " FROM " + table)) {
      while (rows.next()) {
        tokens.add(rows.getString(1));
      }
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE " + table + " SET " + column + " = ? WHERE " + column + " = ?")) {
      for (String token : tokens) {
        update.setString(1, TokenDigest.of(token));
        update.setString(2, token);
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
