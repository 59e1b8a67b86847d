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
    int question = rest.indexOf('?');
    int end = slash < 0 ? question : question < 0 ? slash : Math.min(slash, question);
    String authority = end < 0 ? rest : rest.substring(0, end);
    String pathAndQuery = end < 0 ? "" : rest.substring(end);
    int at = authority.lastIndexOf('@');
    String hostPort = authority.substring(at + 1);
    if (hostPort.isEmpty()) {
      throw new InvalidConfigurationException("authdb: the database URL has no host");
    }
    for (String one : hostPort.split(",", -1)) {
      checkHostAndPort(one);
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

  /**
   * Refuses a host that the driver would only fail to connect to, with a message that says what is
   * wrong with the URL rather than "cannot connect": {@code host}, {@code host:port}, {@code [v6
   * address]} or {@code [v6 address]:port}, the port from 1 to 65535. Never quotes the URL.
   */
  private static void checkHostAndPort(String hostPort) {
    String host = hostPort;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0 || !(close == hostPort.length() - 1 || hostPort.charAt(close + 1) == ':')) {
        throw new InvalidConfigurationException(
            "authdb: the database URL's host is not valid (an IPv6 address goes in [ ])");
      }
      host = hostPort.substring(1, close);
      port = close == hostPort.length() - 1 ? null : hostPort.substring(close + 2);
    } else {
      int colon = hostPort.indexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon + 1);
      }
    }
    if (host.isEmpty() || !host.chars().allMatch(DatabaseTarget::isHostCharacter)) {
      throw new InvalidConfigurationException("authdb: the database URL's host is not valid");
    }
    if (port != null && !isPort(port)) {
      throw new InvalidConfigurationException(
          "authdb: the database URL's port must be a number from 1 to 65535");
    }
  }

  private static boolean isHostCharacter(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '_'
        || c == ':'
        || c == '%';
  }

  private static boolean isPort(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535;
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
