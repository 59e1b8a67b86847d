package org.authnz.store.jdbc;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.authnz.spi.NewUser;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.jspecify.annotations.Nullable;

/** Rows and plain-JDBC helpers shared by the store tests. */
final class TestRows {
  static final Instant NOW = Instant.parse("2026-12-03T10:15:30.123456789Z");
  static final List<String> ROLES =
      List.of("superuser", "staff", "authenticated", "anonymous", "locked");

  /** Parses as the wire does: floats as exact decimals, which is what the store returns. */
  static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(
              com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private TestRows() {}

  static NewUser newUser(String email) {
    return newUser(email, "authenticated", null);
  }

  static NewUser newUser(String email, String role, @Nullable ObjectNode extraInfo) {
    return new NewUser(
        UUID.randomUUID().toString(),
        "Full Name",
        PasswordHash.of("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g"),
        email,
        true,
        true,
        extraInfo,
        NOW,
        role);
  }

  static List<NewUser> systemUsers() {
    return List.of(
        newUser("admin@example.com", "superuser", object("{\"type\": \"system-user\"}")),
        newUser("anonuser@localhost", "anonymous", object("{\"type\": \"system-user\"}")),
        newUser("dummyuser@localhost", "locked", object("{\"type\": \"locked-user\"}")));
  }

  static JdbcStore initializedStore(Path file) {
    JdbcStore store = JdbcStore.sqlite(file);
    store.initializeIfEmpty(ROLES, systemUsers());
    return store;
  }

  static StoredSession session(String token, long userId, Instant expires) {
    return new StoredSession(
        SessionToken.of(token), "127.0.0.1", "Mozilla/5.0", userId, NOW, expires, null);
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Connection connect(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
  }

  /** Runs a query on a fresh plain connection and returns the first column of the first row. */
  static @Nullable String queryOne(Path file, String sql, Object... params) throws SQLException {
    try (Connection connection = connect(file);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  static void execute(Path file, String sql, Object... params) throws SQLException {
    execute(TestDatabase.sqlite(file), sql, params);
  }

  /** Runs a query on a fresh plain connection and returns the first column of the first row. */
  static @Nullable String queryOne(TestDatabase db, String sql, Object... params)
      throws SQLException {
    try (Connection connection = db.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  static void execute(TestDatabase db, String sql, Object... params) throws SQLException {
    try (Connection connection = db.connect()) {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          statement.setObject(i + 1, params[i]);
        }
        statement.execute();
      }
    }
  }
}
