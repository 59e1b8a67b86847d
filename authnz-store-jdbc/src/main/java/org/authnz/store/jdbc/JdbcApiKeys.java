package org.authnz.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.authnz.StoreUnavailableException;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.DuplicateValueException;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredApiKey;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.store.jdbc.internal.ColumnCodec;
import org.authnz.store.jdbc.internal.SqlFailures;
import org.authnz.store.jdbc.internal.SqlFailures.Violation;
import org.authnz.store.jdbc.internal.TokenDigest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The {@code apikeys} and {@code apikeys_nosession} tables for {@link JdbcStore}, in the
 * reference's columns and value formats, but API-key and session tokens only as their SHA-256
 * {@link TokenDigest} (schema version 3) and refresh tokens only as their Argon2id hash.
 * Thread-safe.
 */
final class JdbcApiKeys {
  private static final String KEY_COLUMNS =
      "apikey, issued, expires, not_valid_before, user_id, user_role, session_token";
  private static final String NOSESSION_COLUMNS =
      "apikey, issued, expires, not_valid_before, refresh_token, refresh_issued,"
          + " refresh_expires, refresh_nbf, user_id, user_role";

  private final Jdbi reader;
  private final Jdbi writer;
  private final ColumnCodec codec;

  JdbcApiKeys(Jdbi reader, Jdbi writer, ColumnCodec codec) {
    this.reader = reader;
    this.writer = writer;
    this.codec = codec;
  }

  void insertApiKey(StoredApiKey key) {
    try {
      writer.useTransaction(
          handle ->
              handle
                  .createUpdate(
                      "INSERT INTO apikeys ("
                          + KEY_COLUMNS
                          + ") VALUES (:token, :issued, :expires, :nbf, :userId, :userRole,"
                          + " :session)")
                  .bind("token", TokenDigest.of(key.token().reveal()))
                  .bind("issued", codec.instant(key.issued()))
                  .bind("expires", codec.instant(key.expires()))
                  .bind("nbf", codec.instant(key.notValidBefore()))
                  .bind("userId", key.userId())
                  .bind("userRole", key.userRole())
                  .bind("session", TokenDigest.of(key.session().reveal()))
                  .execute());
    } catch (JdbiException e) {
      throw insertFailure("insertApiKey", "apikeys.apikey", e);
    }
  }

  Optional<StoredApiKey> findApiKey(ApiKeyToken token) {
    try {
      return reader.withHandle(
          handle ->
              handle
                  .createQuery("SELECT " + KEY_COLUMNS + " FROM apikeys WHERE apikey = :token")
                  .bind("token", TokenDigest.of(token.reveal()))
                  .map((row, context) -> mapKey(row, token))
                  .findOne());
    } catch (JdbiException e) {
      throw SqlFailures.unavailable("findApiKey", e);
    }
  }

  boolean deleteApiKey(ApiKeyToken token, long userId, String userRole) {
    return write("deleteApiKey", handle -> deleteKey(handle, "apikeys", token, userId, userRole))
        > 0;
  }

  void insertNoSessionKey(StoredNoSessionKey key) {
    try {
      writer.useTransaction(handle -> insertNoSessionRow(handle, key));
    } catch (JdbiException e) {
      throw insertFailure("insertNoSessionKey", "apikeys_nosession.apikey", e);
    }
  }

  Optional<StoredNoSessionKey> findNoSessionKey(ApiKeyToken token) {
    try {
      return reader.withHandle(
          handle ->
              handle
                  .createQuery(
                      "SELECT "
                          + NOSESSION_COLUMNS
                          + " FROM apikeys_nosession WHERE apikey = :token")
                  .bind("token", TokenDigest.of(token.reveal()))
                  .map((row, context) -> mapNoSessionKey(row, token))
                  .findOne());
    } catch (JdbiException e) {
      throw SqlFailures.unavailable("findNoSessionKey", e);
    }
  }

  boolean deleteNoSessionKey(ApiKeyToken token, long userId, String userRole) {
    return write(
            "deleteNoSessionKey",
            handle -> deleteKey(handle, "apikeys_nosession", token, userId, userRole))
        > 0;
  }

  int deleteNoSessionKeysOfUser(long userId) {
    return write(
        "deleteNoSessionKeysOfUser",
        handle ->
            handle
                .createUpdate("DELETE FROM apikeys_nosession WHERE user_id = :userId")
                .bind("userId", userId)
                .execute());
  }

  boolean rotateNoSessionKey(
      ApiKeyToken old, long userId, String userRole, StoredNoSessionKey replacement) {
    try {
      return writer.inTransaction(
          handle -> {
            // The delete is the claim: of racing rotations only one deletes the row; the others
            // see zero rows (PostgreSQL re-checks the row after the winner commits; SQLite has one
            // writer).
            if (deleteKey(handle, "apikeys_nosession", old, userId, userRole) != 1) {
              return false; // nothing was changed
            }
            insertNoSessionRow(handle, replacement);
            return true;
          });
    } catch (JdbiException e) {
      throw insertFailure("rotateNoSessionKey", "apikeys_nosession.apikey", e);
    }
  }

  private int deleteKey(
      Handle handle, String table, ApiKeyToken token, long userId, String userRole) {
    return handle
        .createUpdate(
            "DELETE FROM "
                + table
                + " WHERE apikey = :token AND user_id = :userId AND user_role = :userRole")
        .bind("token", TokenDigest.of(token.reveal()))
        .bind("userId", userId)
        .bind("userRole", userRole)
        .execute();
  }

  private void insertNoSessionRow(Handle handle, StoredNoSessionKey key) {
    handle
        .createUpdate(
            "INSERT INTO apikeys_nosession ("
                + NOSESSION_COLUMNS
                + ") VALUES (:token, :issued, :expires, :nbf, :refreshHash, :refreshIssued,"
                + " :refreshExpires, :refreshNbf, :userId, :userRole)")
        .bind("token", TokenDigest.of(key.token().reveal()))
        .bind("issued", codec.instant(key.issued()))
        .bind("expires", codec.instant(key.expires()))
        .bind("nbf", codec.instant(key.notValidBefore()))
        .bind("refreshHash", key.refreshTokenHash().reveal())
        .bind("refreshIssued", codec.instant(key.refreshIssued()))
        .bind("refreshExpires", codec.instant(key.refreshExpires()))
        .bind("refreshNbf", codec.instant(key.refreshNotValidBefore()))
        .bind("userId", key.userId())
        .bind("userRole", key.userRole())
        .execute();
  }

  private <T> T write(String operation, WriteStep<T> body) {
    try {
      return writer.inTransaction(body::run);
    } catch (JdbiException e) {
      throw SqlFailures.unavailable(operation, e);
    }
  }

  @FunctionalInterface
  private interface WriteStep<T> {
    T run(Handle handle);
  }

  private static RuntimeException insertFailure(
      String operation, String uniqueColumn, JdbiException e) {
    Violation violation = SqlFailures.violation(e);
    if (violation == Violation.UNIQUE) {
      return new DuplicateValueException(uniqueColumn);
    }
    if (violation == Violation.FOREIGN_KEY) {
      return new IllegalArgumentException("the key's user, role or session does not exist");
    }
    return SqlFailures.unavailable(operation, e);
  }

  /**
   * Maps an apikeys row found by {@code token}; the row holds digests only, so the key's session is
   * the digest of the session's token.
   */
  private StoredApiKey mapKey(ResultSet row, ApiKeyToken token) throws SQLException {
    try {
      return new StoredApiKey(
          token,
          codec.readRequiredInstant(row, "issued"),
          codec.readRequiredInstant(row, "expires"),
          codec.readRequiredInstant(row, "not_valid_before"),
          row.getLong("user_id"),
          row.getString("user_role"),
          SessionToken.of(row.getString("session_token")));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StoreUnavailableException("an apikeys row cannot be read");
    }
  }

  /** Maps an apikeys_nosession row found by {@code token} (the row holds its digest). */
  private StoredNoSessionKey mapNoSessionKey(ResultSet row, ApiKeyToken token) throws SQLException {
    try {
      return new StoredNoSessionKey(
          token,
          codec.readRequiredInstant(row, "issued"),
          codec.readRequiredInstant(row, "expires"),
          codec.readRequiredInstant(row, "not_valid_before"),
          PasswordHash.of(row.getString("refresh_token")),
          codec.readRequiredInstant(row, "refresh_issued"),
          codec.readRequiredInstant(row, "refresh_expires"),
          codec.readRequiredInstant(row, "refresh_nbf"),
          row.getLong("user_id"),
          row.getString("user_role"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StoreUnavailableException("an apikeys_nosession row cannot be read");
    }
  }
}
