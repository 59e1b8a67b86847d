package org.authnz.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.authnz.store.jdbc.internal.SchemaMigrator;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * A database of its own for one test: an SQLite file, or a fresh schema (PostgreSQL) or database
 * (MariaDB) on the machine's server, dropped by {@link #close()}. Server databases are skipped with
 * a reason when the server does not answer, and fail instead when {@code
 * AUTHNZ_REQUIRE_SERVICES=true} (how {@code .ci/run} runs the tests).
 */
abstract class TestDatabase implements AutoCloseable {
  private static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String POSTGRESQL_USER = "postgres";
  private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";
  private static final String MARIADB_USER = "root";

  /** Opens a new store on this database (several may be open at once). */
  abstract JdbcStore open();

  /** A plain JDBC connection with foreign keys and the store's quoting rules. */
  abstract Connection connect() throws SQLException;

  /** SQL rendering a datetime column as text, {@code YYYY-MM-DD HH:MM:SS.ffffff}. */
  abstract String datetimeText(String column);

  /** Another, empty database of the same kind. */
  abstract TestDatabase another(Path dir) throws SQLException;

  /** Runs the store's SQL migrations up to {@code version} only, as an older authnz would have. */
  abstract void migrateTo(String version);

  /** Runs the dialect's SQL migrations up to {@code version} on a database reached by URL. */
  static void migrate(String url, @Nullable String user, Dialect dialect, String version) {
    Flyway.configure(TestDatabase.class.getClassLoader())
        .dataSource(url, user, null)
        .locations(dialect.migrationLocation())
        .table(SchemaMigrator.HISTORY_TABLE)
        .target(version)
        .load()
        .migrate();
  }

  /** Opens a store and inserts the roles and system users. */
  JdbcStore initializedStore() {
    JdbcStore store = open();
    store.initializeIfEmpty(TestRows.ROLES, TestRows.systemUsers());
    return store;
  }

  @Override
  public abstract void close() throws SQLException;

  static TestDatabase sqlite(Path file) {
    return new TestDatabase() {
      @Override
      JdbcStore open() {
        return JdbcStore.sqlite(file);
      }

      @Override
      Connection connect() throws SQLException {
        Connection connection = TestRows.connect(file);
        connection.createStatement().execute("PRAGMA foreign_keys = ON");
        return connection;
      }

      @Override
      String datetimeText(String column) {
        return column;
      }

      @Override
      TestDatabase another(Path dir) throws SQLException {
        try {
          return sqlite(Files.createTempFile(dir, "another", ".sqlite"));
        } catch (java.io.IOException e) {
          throw new SQLException(e);
        }
      }

      @Override
      void migrateTo(String version) {
        migrate("jdbc:sqlite:" + file.toAbsolutePath(), null, Dialect.SQLITE, version);
      }

      @Override
      public void close() {}
    };
  }

  /** A fresh schema in the PostgreSQL database {@code test}. */
  static TestDatabase postgresql() throws SQLException {
    String schema = freshName();
    admin(POSTGRESQL_URL, POSTGRESQL_USER, "CREATE SCHEMA " + schema, "PostgreSQL");
    // stringtype=unspecified: tests bind datetimes as reference text, as on SQLite.
    String url = POSTGRESQL_URL + "?currentSchema=" + schema;
    return new Server(url, POSTGRESQL_USER, "&stringtype=unspecified") {
      @Override
      String datetimeText(String column) {
        return column + "::text";
      }

      @Override
      TestDatabase another(Path dir) throws SQLException {
        return postgresql();
      }

      @Override
      void migrateTo(String version) {
        migrate(url, POSTGRESQL_USER, Dialect.POSTGRESQL, version);
      }

      @Override
      public void close() throws SQLException {
        admin(
            POSTGRESQL_URL, POSTGRESQL_USER, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", null);
      }
    };
  }

  /** A fresh database on the MariaDB server. */
  static TestDatabase mariadb() throws SQLException {
    String database = freshName();
    admin(MARIADB_URL, MARIADB_USER, "CREATE DATABASE " + database, "MariaDB");
    return new Server(MARIADB_URL + database, MARIADB_USER, "") {
      @Override
      Connection connect() throws SQLException {
        Connection connection = super.connect();
        connection
            .createStatement()
            .execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
        return connection;
      }

      @Override
      String datetimeText(String column) {
        return "CAST(" + column + " AS CHAR)";
      }

      @Override
      TestDatabase another(Path dir) throws SQLException {
        return mariadb();
      }

      @Override
      void migrateTo(String version) {
        // The migrations quote "desc" as the reference does; the store's connections allow it.
        migrate(
            MARIADB_URL + database + "?sessionVariables=sql_mode=ANSI_QUOTES",
            MARIADB_USER,
            Dialect.MARIADB,
            version);
      }

      @Override
      public void close() throws SQLException {
        admin(MARIADB_URL, MARIADB_USER, "DROP DATABASE IF EXISTS " + database, null);
      }
    };
  }

  private static String freshName() {
    return "authnz_test_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** Runs one statement as the server's administrator; skips or fails when no server answers. */
  private static void admin(String url, String user, String sql, @Nullable String skipAs)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      // CI starts the servers and sets AUTHNZ_REQUIRE_SERVICES, so there a missing server fails.
      if (skipAs == null || "true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"))) {
        throw e;
      }
      assumeTrue(false, "no " + skipAs + " server answers on " + url);
    }
  }

  /** A database on a server reached by URL. */
  private abstract static class Server extends TestDatabase {
    private final String url;
    private final String user;
    private final String plainSuffix;

    Server(String url, String user, String plainSuffix) {
      this.url = url;
      this.user = user;
      this.plainSuffix = plainSuffix;
    }

    String url() {
      return url;
    }

    @Override
    JdbcStore open() {
      return JdbcStore.open(url, user, null);
    }

    @Override
    Connection connect() throws SQLException {
      return DriverManager.getConnection(url + plainSuffix, user, null);
    }
  }
}
