package org.authnz.store.jdbc;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.authnz.InvalidConfigurationException;
import org.authnz.StoreUnavailableException;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.DuplicateValueException;
import org.authnz.spi.NewUser;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredApiKey;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.authnz.spi.UserMatchStore;
import org.authnz.store.jdbc.internal.ColumnCodec;
import org.authnz.store.jdbc.internal.SchemaMigrator;
import org.authnz.store.jdbc.internal.SqlFailures;
import org.authnz.store.jdbc.internal.SqlFailures.Violation;
import org.authnz.store.jdbc.internal.SqliteFile;
import org.authnz.store.jdbc.internal.SqliteHashedTokensMigration;
import org.authnz.store.jdbc.internal.TokenDigest;
import org.authnz.store.jdbc.internal.ValueFreeSqlLogger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The JDBC store: SQLite (the embedded default), PostgreSQL and MariaDB, over the reference schema
 * of {@code spec/storage-schema.md} as schema version 1, migrated with Flyway.
 *
 * <p>Opening a store creates or migrates the schema; a database made by authnzerver (its tables
 * present, no Flyway history) is adopted as version 1 with its rows. On SQLite the file has mode
 * {@code 0600}, runs in WAL mode, and every connection enforces foreign keys. Writes go through a
 * single connection whose transactions start with {@code BEGIN IMMEDIATE}, so concurrent writers
 * queue instead of deadlocking or losing updates; reads use a small pool of their own.
 *
 * <p>Session and API-key tokens are stored only as their SHA-256 digest (schema version 3): every
 * token given to the store is digested before it reaches SQL, and a row read back carries the token
 * it was looked up by. A key's {@link StoredApiKey#session()} is therefore the stored digest of its
 * session's token, which identifies the session but cannot be used as one.
 *
 * <p>Database failures are thrown as {@link StoreUnavailableException} carrying the SQLState (or
 * SQLite result code) but never the driver's message.
 *
 * <p>Thread-safe.
 */
public final class JdbcStore implements AuthnzStore, UserMatchStore {
  private static final Logger logger = LoggerFactory.getLogger(JdbcStore.class);

  private static final String USER_COLUMNS =
      "user_id, system_id, full_name, password, email, email_verified, is_active,"
          + " emailverify_sent_datetime, emailforgotpass_sent_datetime,"
          + " emailchangepass_sent_datetime, last_login_success, last_login_try,"
          + " failed_login_tries, extra_info, created_on, last_updated, user_role";
  private static final String SESSION_COLUMNS =
      "session_token, ip_address, user_agent, user_id, created, expires, extra_info_json";
  private static final String INSERT_USER =
      "INSERT INTO users (system_id, full_name, password, email, email_verified, is_active,"
          + " failed_login_tries, extra_info, created_on, last_updated, user_role)"
          + " VALUES (:systemId, :fullName, :password, :email, :emailVerified, :active, 0,"
          + " :extraInfo, :createdOn, :createdOn, :userRole) RETURNING user_id";
  private static final String UPDATE_USER =
      "UPDATE users SET full_name = :fullName, password = :password, email = :email,"
          + " email_verified = :emailVerified, is_active = :active,"
          + " emailverify_sent_datetime = :verifySent,"
          + " emailforgotpass_sent_datetime = :forgotSent,"
          + " emailchangepass_sent_datetime = :changeSent,"
          + " last_login_success = :loginSuccess, last_login_try = :loginTry,"
          + " failed_login_tries = :failedTries, extra_info = :extraInfo,"
          + " last_updated = :lastUpdated, user_role = :userRole"
          + " WHERE user_id = :userId";

  private final Dialect dialect;
  private final ColumnCodec codec;
  private final HikariDataSource readPool;
  private final HikariDataSource writePool;
  private final Jdbi reader;
  private final Jdbi writer;
  private final String schemaVersion;
  private final JdbcApiKeys apiKeys;

  private JdbcStore(
      Dialect dialect,
      HikariDataSource readPool,
      HikariDataSource writePool,
      String schemaVersion) {
    this.dialect = dialect;
    this.codec =
        switch (dialect) {
          case SQLITE -> ColumnCodec.sqlite();
          case POSTGRESQL -> ColumnCodec.postgresql();
          case MARIADB -> ColumnCodec.mariadb();
        };
    this.readPool = readPool;
    this.writePool = writePool;
    this.reader = configure(Jdbi.create(readPool));
    this.writer = writePool == readPool ? reader : configure(Jdbi.create(writePool));
    this.schemaVersion = schemaVersion;
    this.apiKeys = new JdbcApiKeys(reader, writer, codec);
  }

  /** Returns a builder for a store; set either an SQLite file or a JDBC URL. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens (creating and migrating as needed) an SQLite database file with mode 0600.
   *
   * @throws InvalidConfigurationException when the file cannot be created or adopted
   * @throws StoreUnavailableException when the database cannot be opened or migrated
   */
  public static JdbcStore sqlite(Path file) {
    return builder().sqliteFile(file).build();
  }

  /**
   * Opens a database by JDBC URL ({@code jdbc:sqlite:...}, {@code jdbc:postgresql:...}, {@code
   * jdbc:mariadb:...}).
   *
   * @throws InvalidConfigurationException when the URL is not supported or the database cannot be
   *     adopted
   * @throws StoreUnavailableException when the database cannot be opened or migrated
   */
  public static JdbcStore open(String jdbcUrl, @Nullable String user, @Nullable String password) {
    return builder().jdbcUrl(jdbcUrl).credentials(user, password).build();
  }

  /** The database this store talks to. */
  public Dialect dialect() {
    return dialect;
  }

  /** The schema version the database had after opening (for example {@code "1"}). */
  public String schemaVersion() {
    return schemaVersion;
  }

  @Override
  public boolean initializeIfEmpty(List<String> roles, List<NewUser> systemUsers) {
    List<String> roleNames = List.copyOf(roles);
    List<NewUser> users = List.copyOf(systemUsers);

    return write(
        "initializeIfEmpty",
        handle -> {
          long existing = handle.createQuery("SELECT COUNT(*) FROM roles").mapTo(Long.class).one();
          if (existing > 0) {
            return false;
          }
          for (String role : roleNames) {
            handle
                .createUpdate("INSERT INTO roles (name, \"desc\") VALUES (:name, :desc)")
                .bind("name", role)
                .bind("desc", "Role with " + role + " privileges")
                .execute();
          }
          for (int i = 0; i < users.size(); i++) {
            long id = insertUserRow(handle, users.get(i));
            if (id != i + 1) {
              // Rolls the transaction back: the hard-wired ids 1, 2, 3 need a fresh users table.
              throw new IllegalStateException(
                  "system users must get ids 1.." + users.size() + " but got " + id);
            }
          }
          return true;
        });
  }

  @Override
  public List<String> roles() {
    return read(
        "roles",
        () ->
            reader.withHandle(
                handle ->
                    handle
                        .createQuery("SELECT name FROM roles ORDER BY name")
                        .mapTo(String.class)
                        .list()));
  }

  @Override
  public Optional<StoredUser> findUser(long userId) {
    return read("findUser", () -> reader.withHandle(handle -> selectUser(handle, userId, false)));
  }

  @Override
  public Optional<StoredUser> findUserByEmail(String email) {
    requireNonNull(email, "email");
    return read(
        "findUserByEmail",
        () ->
            reader.withHandle(
                handle ->
                    handle
                        .createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE email = :email")
                        .bind("email", email)
                        .map(this::mapUser)
                        .findOne()));
  }

  @Override
  public List<StoredUser> listUsers() {
    return read(
        "listUsers",
        () ->
            reader.withHandle(
                handle ->
                    handle
                        .createQuery("SELECT " + USER_COLUMNS + " FROM users ORDER BY user_id")
                        .map(this::mapUser)
                        .list()));
  }

  @Override
  public List<StoredUser> findUsersByExtraInfo(Map<String, String> entries) {
    requireNonNull(entries, "entries");
    String sql = ExtraInfoQuery.select(dialect, USER_COLUMNS, entries.size());
    return read(
        "findUsersByExtraInfo",
        () ->
            reader.withHandle(
                handle -> {
                  var query = handle.createQuery(sql);
                  int i = 0;
                  for (Map.Entry<String, String> entry : entries.entrySet()) {
                    query.bind("k" + i, entry.getKey()).bind("v" + i, entry.getValue());
                    i++;
                  }
                  return query.map(this::mapUser).list();
                }));
  }

  @Override
  public Optional<StoredUser> insertUser(NewUser user) {
    requireNonNull(user, "user");
    try {
      return Optional.of(
          writer.inTransaction(
              handle -> {
                long id = insertUserRow(handle, user);
                return selectUser(handle, id, false).orElseThrow();
              }));
    } catch (JdbiException e) {
      Violation violation = SqlFailures.violation(e);
      if (violation == Violation.UNIQUE) {
        return Optional.empty();
      }
      if (violation == Violation.FOREIGN_KEY) {
        throw new IllegalArgumentException("the user's role does not exist");
      }
      throw SqlFailures.unavailable("insertUser", e);
    }
  }

  @Override
  public Optional<StoredUser> updateUser(
      long userId, Instant now, UnaryOperator<StoredUser> change) {
    requireNonNull(now, "now");
    requireNonNull(change, "change");
    try {
      return writer.inTransaction(
          handle -> {
            Optional<StoredUser> current = selectUser(handle, userId, true);
            if (current.isEmpty()) {
              return Optional.<StoredUser>empty();
            }
            StoredUser before = current.get();
            StoredUser after = requireNonNull(change.apply(before), "change result");
            if (after.userId() != before.userId()
                || !after.systemId().equals(before.systemId())
                || !after.createdOn().equals(before.createdOn())) {
              throw new IllegalArgumentException(
                  "updateUser cannot change the user id, system id or creation time");
            }
            updateUserRow(handle, after.withLastUpdated(now));
            return selectUser(handle, userId, false);
          });
    } catch (JdbiException e) {
      Violation violation = SqlFailures.violation(e);
      if (violation == Violation.UNIQUE) {
        throw new DuplicateValueException("users.email");
      }
      if (violation == Violation.FOREIGN_KEY) {
        throw new IllegalArgumentException("the user's role does not exist");
      }
      throw SqlFailures.unavailable("updateUser", e);
    }
  }

  @Override
  public boolean deleteUser(long userId) {
    // Sessions, both kinds of API keys and the other dependent rows go by ON DELETE CASCADE.
    return write(
        "deleteUser",
        handle ->
            handle
                    .createUpdate("DELETE FROM users WHERE user_id = :userId")
                    .bind("userId", userId)
                    .execute()
                > 0);
  }

  @Override
  public void insertSession(StoredSession session) {
    requireNonNull(session, "session");
    try {
      writer.useTransaction(
          handle ->
              handle
                  .createUpdate(
                      "INSERT INTO sessions ("
                          + SESSION_COLUMNS
                          + ") VALUES (:token, :ipAddress, :userAgent, :userId, :created,"
                          + " :expires, :extraInfoJson)")
                  .bind("token", TokenDigest.of(session.token().reveal()))
                  .bind("ipAddress", session.ipAddress())
                  .bind("userAgent", session.userAgent())
                  .bind("userId", session.userId())
                  .bind("created", codec.instant(session.created()))
                  .bind("expires", codec.instant(session.expires()))
                  .bind("extraInfoJson", codec.json(session.extraInfoJson()))
                  .execute());
    } catch (JdbiException e) {
      Violation violation = SqlFailures.violation(e);
      if (violation == Violation.UNIQUE) {
        throw new DuplicateValueException("sessions.session_token");
      }
      if (violation == Violation.FOREIGN_KEY) {
        throw new IllegalArgumentException("the session's user does not exist");
      }
      throw SqlFailures.unavailable("insertSession", e);
    }
  }

  @Override
  public Optional<StoredSession> findSession(SessionToken token) {
    requireNonNull(token, "token");
    return read(
        "findSession", () -> reader.withHandle(handle -> selectSession(handle, token, false)));
  }

  @Override
  public Optional<StoredSession> updateSession(
      SessionToken token, UnaryOperator<StoredSession> change) {
    requireNonNull(token, "token");
    requireNonNull(change, "change");
    return write(
        "updateSession",
        handle -> {
          Optional<StoredSession> current = selectSession(handle, token, true);
          if (current.isEmpty()) {
            return Optional.<StoredSession>empty();
          }
          StoredSession before = current.get();
          StoredSession after = requireNonNull(change.apply(before), "change result");
          if (!after.withExtraInfoJson(before.extraInfoJson()).equals(before)) {
            throw new IllegalArgumentException("updateSession can only change extraInfoJson");
          }
          handle
              .createUpdate(
                  "UPDATE sessions SET extra_info_json = :extraInfoJson"
                      + " WHERE session_token = :token")
              .bind("extraInfoJson", codec.json(after.extraInfoJson()))
              .bind("token", TokenDigest.of(token.reveal()))
              .execute();
          return selectSession(handle, token, false);
        });
  }

  @Override
  public boolean deleteSession(SessionToken token) {
    requireNonNull(token, "token");
    // The session's API keys go by ON DELETE CASCADE.
    return write(
        "deleteSession",
        handle ->
            handle
                    .createUpdate("DELETE FROM sessions WHERE session_token = :token")
                    .bind("token", TokenDigest.of(token.reveal()))
                    .execute()
                > 0);
  }

  @Override
  public int deleteSessionsOfUser(long userId, @Nullable SessionToken keep) {
    return write(
        "deleteSessionsOfUser",
        handle -> {
          if (keep == null) {
            return handle
                .createUpdate("DELETE FROM sessions WHERE user_id = :userId")
                .bind("userId", userId)
                .execute();
          }
          return handle
              .createUpdate(
                  "DELETE FROM sessions WHERE user_id = :userId AND session_token <> :keep")
              .bind("userId", userId)
              .bind("keep", TokenDigest.of(keep.reveal()))
              .execute();
        });
  }

  @Override
  public int deleteSessionsExpiredBefore(Instant cutoff) {
    requireNonNull(cutoff, "cutoff");
    return write(
        "deleteSessionsExpiredBefore",
        handle ->
            handle
                .createUpdate("DELETE FROM sessions WHERE expires < :cutoff")
                .bind("cutoff", codec.instant(cutoff))
                .execute());
  }

  @Override
  public void setLockExpiry(long userId, @Nullable Instant expiry) {
    write(
        "setLockExpiry",
        handle ->
            handle
                .createUpdate("UPDATE users SET lock_expires = :expiry WHERE user_id = :userId")
                .bind("expiry", codec.instant(expiry))
                .bind("userId", userId)
                .execute());
  }

  @Override
  public List<Long> findExpiredLocks(Instant now) {
    requireNonNull(now, "now");
    return read(
        "findExpiredLocks",
        () ->
            reader.withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT user_id FROM users WHERE lock_expires IS NOT NULL"
                                + " AND lock_expires <= :now ORDER BY user_id")
                        .bind("now", codec.instant(now))
                        .mapTo(Long.class)
                        .list()));
  }

  @Override
  public void insertApiKey(StoredApiKey key) {
    apiKeys.insertApiKey(requireNonNull(key, "key"));
  }

  @Override
  public Optional<StoredApiKey> findApiKey(ApiKeyToken token) {
    return apiKeys.findApiKey(requireNonNull(token, "token"));
  }

  @Override
  public boolean deleteApiKey(ApiKeyToken token, long userId, String userRole) {
    requireNonNull(userRole, "userRole");
    return apiKeys.deleteApiKey(requireNonNull(token, "token"), userId, userRole);
  }

  @Override
  public void insertNoSessionKey(StoredNoSessionKey key) {
    apiKeys.insertNoSessionKey(requireNonNull(key, "key"));
  }

  @Override
  public Optional<StoredNoSessionKey> findNoSessionKey(ApiKeyToken token) {
    return apiKeys.findNoSessionKey(requireNonNull(token, "token"));
  }

  @Override
  public boolean deleteNoSessionKey(ApiKeyToken token, long userId, String userRole) {
    requireNonNull(userRole, "userRole");
    return apiKeys.deleteNoSessionKey(requireNonNull(token, "token"), userId, userRole);
  }

  @Override
  public int deleteNoSessionKeysOfUser(long userId) {
    return apiKeys.deleteNoSessionKeysOfUser(userId);
  }

  @Override
  public boolean rotateNoSessionKey(
      ApiKeyToken old, long userId, String userRole, StoredNoSessionKey replacement) {
    requireNonNull(old, "old");
    requireNonNull(userRole, "userRole");
    requireNonNull(replacement, "replacement");
    return apiKeys.rotateNoSessionKey(old, userId, userRole, replacement);
  }

  @Override
  public boolean isHealthy() {
    try {
      return reader.withHandle(
          handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one() == 1);
    } catch (RuntimeException e) {
      logger
          .atWarn()
          .addKeyValue("error", e.getClass().getSimpleName())
          .log("store health check failed");
      return false;
    }
  }

  @Override
  public void close() {
    writePool.close();
    readPool.close();
  }

  /** The pool that serves reads (package-private for tests). */
  DataSource readDataSource() {
    return readPool;
  }

  /** The pool that serves writes (package-private for tests). */
  DataSource writeDataSource() {
    return writePool;
  }

  private static Jdbi configure(Jdbi jdbi) {
    // Jdbi's default exception text lists the bound values; keep them out of messages.
    jdbi.getConfig(StatementExceptions.class)
        .setMessageRendering(StatementExceptions.MessageRendering.NONE);
    jdbi.getConfig(SqlStatements.class).setSqlLogger(new ValueFreeSqlLogger());
    return jdbi;
  }

  private <T> T read(String operation, Supplier<T> body) {
    try {
      return body.get();
    } catch (JdbiException e) {
      throw SqlFailures.unavailable(operation, e);
    }
  }

  private <T> T write(String operation, WriteStep<T> body) {
    try {
      return writer.inTransaction(body::run);
    } catch (JdbiException e) {
      throw SqlFailures.unavailable(operation, e);
    }
  }

  /** One write transaction's work. */
  @FunctionalInterface
  private interface WriteStep<T> {
    T run(Handle handle);
  }

  private long insertUserRow(Handle handle, NewUser user) {
    return handle
        .createQuery(INSERT_USER)
        .bind("systemId", user.systemId())
        .bind("fullName", user.fullName())
        .bind("password", user.password().reveal())
        .bind("email", user.email())
        .bind("emailVerified", user.emailVerified())
        .bind("active", user.active())
        .bind("extraInfo", codec.json(user.extraInfo()))
        .bind("createdOn", codec.instant(user.createdOn()))
        .bind("userRole", user.userRole())
        .mapTo(Long.class)
        .one();
  }

  private void updateUserRow(Handle handle, StoredUser user) {
    handle
        .createUpdate(UPDATE_USER)
        .bind("fullName", user.fullName())
        .bind("password", user.password().reveal())
        .bind("email", user.email())
        .bind("emailVerified", user.emailVerified())
        .bind("active", user.active())
        .bind("verifySent", codec.instant(user.emailVerifySentAt()))
        .bind("forgotSent", codec.instant(user.emailForgotpassSentAt()))
        .bind("changeSent", codec.instant(user.emailChangepassSentAt()))
        .bind("loginSuccess", codec.instant(user.lastLoginSuccess()))
        .bind("loginTry", codec.instant(user.lastLoginTry()))
        .bind("failedTries", user.failedLoginTries())
        .bind("extraInfo", codec.json(user.extraInfo()))
        .bind("lastUpdated", codec.instant(user.lastUpdated()))
        .bind("userRole", user.userRole())
        .bind("userId", user.userId())
        .execute();
  }

  private Optional<StoredUser> selectUser(Handle handle, long userId, boolean forUpdate) {
    // On SQLite the write transaction already holds the database's write lock (BEGIN IMMEDIATE).
    String lock = forUpdate && dialect != Dialect.SQLITE ? " FOR UPDATE" : "";
    return handle
        .createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE user_id = :userId" + lock)
        .bind("userId", userId)
        .map(this::mapUser)
        .findOne();
  }

  private Optional<StoredSession> selectSession(
      Handle handle, SessionToken token, boolean forUpdate) {
    // As in selectUser: without the row lock, concurrent read-modify-writes lose updates.
    String lock = forUpdate && dialect != Dialect.SQLITE ? " FOR UPDATE" : "";
    return handle
        .createQuery(
            "SELECT " + SESSION_COLUMNS + " FROM sessions WHERE session_token = :token" + lock)
        .bind("token", TokenDigest.of(token.reveal()))
        .map((row, context) -> mapSession(row, token))
        .findOne();
  }

  private StoredUser mapUser(ResultSet row, StatementContext context) throws SQLException {
    try {
      return new StoredUser(
          row.getLong("user_id"),
          row.getString("system_id"),
          row.getString("full_name"),
          PasswordHash.of(row.getString("password")),
          row.getString("email"),
          row.getBoolean("email_verified"),
          row.getBoolean("is_active"),
          codec.readInstant(row, "emailverify_sent_datetime"),
          codec.readInstant(row, "emailforgotpass_sent_datetime"),
          codec.readInstant(row, "emailchangepass_sent_datetime"),
          codec.readInstant(row, "last_login_success"),
          codec.readInstant(row, "last_login_try"),
          row.getInt("failed_login_tries"),
          codec.readJson(row, "extra_info"),
          codec.readRequiredInstant(row, "created_on"),
          codec.readRequiredInstant(row, "last_updated"),
          row.getString("user_role"));
    } catch (IllegalArgumentException e) {
      throw new StoreUnavailableException("a users row cannot be read: " + e.getMessage());
    }
  }

  /** Maps a sessions row found by {@code token} (the row holds only the token's digest). */
  private StoredSession mapSession(ResultSet row, SessionToken token) throws SQLException {
    try {
      return new StoredSession(
          token,
          row.getString("ip_address"),
          row.getString("user_agent"),
          row.getLong("user_id"),
          codec.readRequiredInstant(row, "created"),
          codec.readRequiredInstant(row, "expires"),
          codec.readJson(row, "extra_info_json"));
    } catch (IllegalArgumentException e) {
      throw new StoreUnavailableException("a sessions row cannot be read: " + e.getMessage());
    }
  }

  /**
   * Builds a {@link JdbcStore}. Set exactly one of {@link #sqliteFile} and {@link #jdbcUrl}. Not
   * thread-safe.
   */
  public static final class Builder {
    private static final int SQLITE_JOURNAL_SIZE_LIMIT = 5_242_880;
    private static final Duration SQLITE_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SERVER_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SERVER_VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(5);
    private static final String MARIADB_SQL_MODE =
        "ANSI_QUOTES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
            + "NO_ENGINE_SUBSTITUTION";

    private @Nullable Path sqliteFile;
    private @Nullable String jdbcUrl;
    private @Nullable String user;
    private @Nullable String password;
    private int maximumPoolSize = 4;
    private Duration busyTimeout = Duration.ofSeconds(10);
    private @Nullable Duration connectionTimeout;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;

    private Builder() {}

    /** Uses an SQLite database file, created with mode 0600 when absent. */
    public Builder sqliteFile(Path file) {
      this.sqliteFile = requireNonNull(file, "file");
      return this;
    }

    /**
     * Uses a JDBC URL: {@code jdbc:sqlite:<file>} (query parameters are ignored: the store sets its
     * own), {@code jdbc:postgresql:...} or {@code jdbc:mariadb:...}.
     */
    public Builder jdbcUrl(String url) {
      this.jdbcUrl = requireNonNull(url, "url");
      return this;
    }

    /** Sets the database user and password (ignored for SQLite). */
    public Builder credentials(@Nullable String user, @Nullable String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /**
     * Sets the number of read connections (SQLite; writes always use one connection) or of all
     * connections (PostgreSQL, MariaDB). Default 4.
     */
    public Builder maximumPoolSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("maximumPoolSize must be at least 1");
      }
      this.maximumPoolSize = size;
      return this;
    }

    /** Sets how long an SQLite connection waits for another process's lock. Default 10 s. */
    public Builder busyTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("busyTimeout out of range");
      }
      this.busyTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a caller waits for a pooled connection before the operation fails with {@link
     * StoreUnavailableException}. Default 30 s on SQLite (where writes queue for one connection)
     * and 3 s on PostgreSQL and MariaDB, so that a database that went away is reported within
     * seconds instead of holding every request.
     */
    public Builder connectionTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.toMillis() < 250) {
        throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
      }
      this.connectionTimeout = timeout;
      return this;
    }

    /**
     * Sets how long a PostgreSQL or MariaDB connection waits for the server's answer before the
     * operation fails and the connection is dropped (the driver's {@code socketTimeout}; ignored
     * for SQLite). It bounds the wait when the server stops answering without closing the
     * connection. Default 5 s; {@link Duration#ZERO} waits forever. Schema migrations at opening
     * run without it. A {@code socketTimeout} in the JDBC URL wins over this setting.
     */
    public Builder socketTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new IllegalArgumentException("socketTimeout out of range");
      }
      this.socketTimeout = timeout;
      return this;
    }

    /**
     * Opens the database, creating or migrating its schema.
     *
     * @throws InvalidConfigurationException when the settings are incomplete or contradictory, or
     *     the database cannot be adopted
     * @throws StoreUnavailableException when the database cannot be opened or migrated
     */
    public JdbcStore build() {
      if ((sqliteFile == null) == (jdbcUrl == null)) {
        throw new InvalidConfigurationException("set exactly one of sqliteFile and jdbcUrl");
      }
      if (sqliteFile != null) {
        return openSqlite(sqliteFile);
      }
      String url = requireNonNull(jdbcUrl);
      Dialect dialect = Dialect.ofJdbcUrl(url);
      return switch (dialect) {
        case SQLITE -> openSqlite(sqlitePath(url));
        case POSTGRESQL, MARIADB -> openServer(url, dialect);
      };
    }

    private static Path sqlitePath(String url) {
      String rest = url.substring(Dialect.SQLITE.urlPrefix().length());
      int query = rest.indexOf('?');
      if (query >= 0) {
        rest = rest.substring(0, query);
      }
      if (rest.startsWith("file:")) {
        rest = rest.substring("file:".length());
      }
      if (rest.isEmpty() || rest.startsWith(":")) {
        throw new InvalidConfigurationException("the SQLite store needs a database file");
      }
      return Path.of(rest);
    }

    private JdbcStore openSqlite(Path file) {
      Path path = file.toAbsolutePath();
      SqliteFile.prepare(path);
      String url = Dialect.SQLITE.urlPrefix() + path;

      String version =
          new SchemaMigrator(
                  sqliteDataSource(url, SQLiteConfig.TransactionMode.IMMEDIATE),
                  Dialect.SQLITE.migrationLocation(),
                  new SqliteHashedTokensMigration())
              .migrate();
      SqliteFile.restrictCompanions(path);

      HikariDataSource writePool = null;
      try {
        writePool =
            pool(
                "authnz-sqlite-writer",
                sqliteDataSource(url, SQLiteConfig.TransactionMode.IMMEDIATE),
                1);
        HikariDataSource readPool =
            pool(
                "authnz-sqlite-reader",
                sqliteDataSource(url, SQLiteConfig.TransactionMode.DEFERRED),
                maximumPoolSize);
        logger.atInfo().addKeyValue("schemaVersion", version).log("SQLite store open");
        return new JdbcStore(Dialect.SQLITE, readPool, writePool, version);
      } catch (RuntimeException e) {
        if (writePool != null) {
          writePool.close();
        }
        throw openFailure(e);
      }
    }

    private JdbcStore openServer(String url, Dialect dialect) {
      // Migrations may run long statements, so they get a pool of their own without the socket
      // timeout; the serving pool is opened once the schema is current. Flyway holds two
      // connections at once on PostgreSQL (one for its lock).
      String version;
      HikariDataSource migrationPool = serverPool(url, dialect, "-migration", 2, Duration.ZERO);
      try {
        version = new SchemaMigrator(migrationPool, dialect.migrationLocation()).migrate();
      } finally {
        migrationPool.close();
      }

      HikariDataSource pool = serverPool(url, dialect, "", maximumPoolSize, socketTimeout);
      logger
          .atInfo()
          .addKeyValue("dialect", dialect)
          .addKeyValue("schemaVersion", version)
          .log("store open");
      return new JdbcStore(dialect, pool, pool, version);
    }

    private HikariDataSource serverPool(
        String url, Dialect dialect, String nameSuffix, int size, Duration socket) {
      HikariConfig config = new HikariConfig();
      config.setPoolName("authnz-" + dialect.name().toLowerCase(Locale.ROOT) + nameSuffix);
      config.setJdbcUrl(url);
      if (user != null) {
        config.setUsername(user);
      }
      if (password != null) {
        config.setPassword(password);
      }
      if (dialect == Dialect.POSTGRESQL) {
        // Keep row values out of server error messages (spec: never log bind values).
        config.addDataSourceProperty("logServerErrorDetail", "false");
      } else {
        // ANSI_QUOTES: the reference's quoted "desc" column; strict mode: no silent truncation.
        config.setConnectionInitSql("SET SESSION sql_mode = '" + MARIADB_SQL_MODE + "'");
      }
      // PostgreSQL's default; on MariaDB it spares the single-row claims (delete, then insert)
      // the gap locks of REPEATABLE READ, which deadlock concurrent callers.
      config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
      config.setMaximumPoolSize(size);
      Duration wait = connectionTimeout == null ? SERVER_CONNECTION_TIMEOUT : connectionTimeout;
      config.setConnectionTimeout(wait.toMillis());
      // A borrowed connection idle for a while is checked first; a dead one is replaced.
      config.setValidationTimeout(
          Math.min(SERVER_VALIDATION_TIMEOUT.toMillis(), Math.max(250, wait.toMillis() / 2)));
      if (!socket.isZero()) {
        // PostgreSQL counts whole seconds, MariaDB milliseconds.
        config.addDataSourceProperty(
            "socketTimeout",
            dialect == Dialect.POSTGRESQL
                ? Long.toString(Math.max(1, (socket.toMillis() + 999) / 1000))
                : Long.toString(socket.toMillis()));
      }

      try {
        return new HikariDataSource(config);
      } catch (RuntimeException e) {
        throw openFailure(e);
      }
    }

    private SQLiteDataSource sqliteDataSource(String url, SQLiteConfig.TransactionMode mode) {
      SQLiteConfig config = new SQLiteConfig();
      // Foreign keys are per connection in SQLite: without this the cascades silently stop.
      config.enforceForeignKeys(true);
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setJournalSizeLimit(SQLITE_JOURNAL_SIZE_LIMIT);
      config.setBusyTimeout((int) busyTimeout.toMillis());
      config.setTransactionMode(mode);
      SQLiteDataSource dataSource = new SQLiteDataSource(config);
      dataSource.setUrl(url);
      return dataSource;
    }

    private HikariDataSource pool(String name, DataSource dataSource, int size) {
      HikariConfig config = new HikariConfig();
      config.setPoolName(name);
      config.setDataSource(dataSource);
      config.setMaximumPoolSize(size);
      config.setMinimumIdle(1);
      config.setConnectionTimeout(
          (connectionTimeout == null ? SQLITE_CONNECTION_TIMEOUT : connectionTimeout).toMillis());
      return new HikariDataSource(config);
    }

    private static RuntimeException openFailure(RuntimeException e) {
      if (e instanceof InvalidConfigurationException || e instanceof StoreUnavailableException) {
        return e;
      }
      return SqlFailures.unavailable("open", e);
    }
  }
}
