package org.authnz.store.jdbc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.NewUser;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC store: SQLite (the embedded default), PostgreSQL and MariaDB.
 *
 * <p>Thread-safe.
 */
public final class JdbcStore implements AuthnzStore {

  private JdbcStore() {}

  /** Opens (creating and migrating as needed) an SQLite database file with mode 0600. */
  public static JdbcStore sqlite(Path file) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Opens a database by JDBC URL ({@code jdbc:sqlite:...}, {@code jdbc:postgresql:...}). */
  public static JdbcStore open(String jdbcUrl, @Nullable String user, @Nullable String password) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public boolean initializeIfEmpty(List<String> roles, List<NewUser> systemUsers) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public List<String> roles() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Optional<StoredUser> findUser(long userId) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Optional<StoredUser> findUserByEmail(String email) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public List<StoredUser> listUsers() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Optional<StoredUser> insertUser(NewUser user) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Optional<StoredUser> updateUser(
      long userId, Instant now, UnaryOperator<StoredUser> change) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public boolean deleteUser(long userId) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void insertSession(StoredSession session) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Optional<StoredSession> findSession(SessionToken token) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public Optional<StoredSession> updateSession(
      SessionToken token, UnaryOperator<StoredSession> change) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public boolean deleteSession(SessionToken token) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public int deleteSessionsOfUser(long userId, @Nullable SessionToken keep) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public int deleteSessionsExpiredBefore(Instant cutoff) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public boolean isHealthy() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {}
}
