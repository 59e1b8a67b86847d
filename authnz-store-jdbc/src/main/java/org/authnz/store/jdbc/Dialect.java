package org.authnz.store.jdbc;

import static java.util.Objects.requireNonNull;

import org.authnz.InvalidConfigurationException;

/** The SQL databases the JDBC store knows how to talk to. */
public enum Dialect {
  /** SQLite, one file, the embedded default. */
  SQLITE("jdbc:sqlite:", "sqlite"),
  /** PostgreSQL. */
  POSTGRESQL("jdbc:postgresql:", "postgresql"),
  /** MariaDB (10.6 or later). */
  MARIADB("jdbc:mariadb:", "mariadb");

  private final String urlPrefix;
  private final String migrationFolder;

  Dialect(String urlPrefix, String migrationFolder) {
    this.urlPrefix = urlPrefix;
    this.migrationFolder = migrationFolder;
  }

  /**
   * Returns the dialect a JDBC URL is for.
   *
   * @throws InvalidConfigurationException when the URL is for no supported database
   */
  public static Dialect ofJdbcUrl(String jdbcUrl) {
    requireNonNull(jdbcUrl, "jdbcUrl");
    for (Dialect dialect : values()) {
      if (jdbcUrl.startsWith(dialect.urlPrefix)) {
        return dialect;
      }
    }
    throw new InvalidConfigurationException(
        "unsupported JDBC URL: only SQLite, PostgreSQL and MariaDB");
  }

  /** The prefix of this dialect's JDBC URLs. */
  String urlPrefix() {
    return urlPrefix;
  }

  /** The classpath folder of this dialect's migrations. */
  String migrationLocation() {
    return "classpath:db/migration/" + migrationFolder;
  }
}
