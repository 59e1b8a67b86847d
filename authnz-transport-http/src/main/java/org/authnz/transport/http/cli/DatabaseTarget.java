package org.authnz.transport.http.cli;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.authnz.InvalidConfigurationException;
import org.authnz.store.jdbc.JdbcStore;
import org.jspecify.annotations.Nullable;

/**
 * Where the auth database lives, translated from an {@code authdb} URL in SQLAlchemy form ({@code
 * spec/server-config.md} section 7).
 *
 * <p>Immutable and thread-safe. {@code toString} never shows a password.
 */
public sealed interface DatabaseTarget {

  /** An SQLite file. */
  record Sqlite(Path file) implements DatabaseTarget {
    public Sqlite {
      requireNonNull(file, "file");
    }

    @Override
    public JdbcStore open() {
      return JdbcStore.sqlite(file);
    }
  }

  /** A server database reached by JDBC URL; the user and password come apart from the URL. */
  record Jdbc(String jdbcUrl, @Nullable String user, @Nullable Secret password)
      implements DatabaseTarget {
    public Jdbc {
      requireNonNull(jdbcUrl, "jdbcUrl");
    }

    @Override
    public JdbcStore open() {
      return JdbcStore.open(jdbcUrl, user, password == null ? null : password.reveal());
    }
  }

  /** Opens (creating tables as needed) the store. */
  JdbcStore open();

  /**
   * Translates an SQLAlchemy URL: {@code sqlite:///relative/file} (against {@code workingDir}),
   * {@code sqlite:////absolute/file}, {@code postgresql[+driver]://user:pass@host:port/db?params}
   * and {@code mysql[+driver]://...} or {@code mariadb[+driver]://...}.
   *
   * @throws InvalidConfigurationException for any other form; the message never shows the URL
   */
  static DatabaseTarget parse(String url, Path workingDir) {
    String text = url.strip();
    int schemeEnd = text.indexOf("://");
    if (schemeEnd <= 0) {
      throw new InvalidConfigurationException(
          "authdb is not a database URL (expected e.g. sqlite:////path/to/file.sqlite)");
    }
    String scheme = text.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    String dialect = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
    String rest = text.substring(schemeEnd + 3);

    switch (dialect) {
      case "sqlite":
        if (!rest.startsWith("/") || rest.length() < 2) {
          throw new InvalidConfigurationException(
              "authdb: an SQLite URL needs a file: sqlite:///relative or sqlite:////absolute");
        }
        if (rest.contains("?")) {
          // SQLAlchemy reads them as driver arguments; none of Python's mean anything here
          throw new InvalidConfigurationException(
              "authdb: an SQLite URL takes no query parameters");
        }
        return new Sqlite(workingDir.resolve(rest.substring(1)).toAbsolutePath().normalize());
      case "postgresql":
      case "postgres":
        return server("postgresql", rest);
      case "mysql":
      case "mariadb":
        return server("mariadb", rest);
      default:
        throw new InvalidConfigurationException(
            "authdb: unsupported database '" + dialect + "' (use sqlite, postgresql or mysql)");
    }
  }

  private static Jdbc server(String jdbcScheme, String rest) {
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String pathAndQuery = slash < 0 ? "" : rest.substring(slash);
    int at = authority.lastIndexOf('@');
    String hostPort = authority.substring(at + 1);
    if (hostPort.isEmpty()) {
      throw new InvalidConfigurationException("authdb: the database URL has no host");
    }

    String user = null;
    Secret password = null;
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      if (colon >= 0) {
        password = Secret.of(decode(userInfo.substring(colon + 1)));
      }
    }
    return new Jdbc(
        "jdbc:" + jdbcScheme + "://" + hostPort + pathAndQuery,
        user == null || user.isEmpty() ? null : user,
        password);
  }

  /** Percent-decoding as SQLAlchemy does it: a {@code +} stays a plus sign. */
  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          "authdb: bad percent-encoding in the user or password");
    }
  }
}
