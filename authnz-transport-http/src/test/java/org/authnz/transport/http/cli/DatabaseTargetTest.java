package org.authnz.transport.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.authnz.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseTargetTest {
  private static final Path CWD = Path.of("/srv/work");

  @Test
  void parse_threeSlashes_isRelativeToTheWorkingDirectory() {
    assertThat(DatabaseTarget.parse("sqlite:///data/.authdb.sqlite", CWD))
        .isEqualTo(new DatabaseTarget.Sqlite(Path.of("/srv/work/data/.authdb.sqlite")));
  }

  @Test
  void parse_fourSlashes_isAbsolute() {
    assertThat(DatabaseTarget.parse("sqlite:////data/.authdb.sqlite", CWD))
        .isEqualTo(new DatabaseTarget.Sqlite(Path.of("/data/.authdb.sqlite")));
  }

  @Test
  void parse_postgresqlWithDriver_splitsDecodedCredentialsFromTheJdbcUrl() {
    DatabaseTarget target =
        DatabaseTarget.parse(
            "postgresql+psycopg2://auth%40user:p%3Ass+w@db:5432/authnzerver?sslmode=require", CWD);

    assertThat(target).isInstanceOf(DatabaseTarget.Jdbc.class);
    DatabaseTarget.Jdbc jdbc = (DatabaseTarget.Jdbc) target;
    assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/authnzerver?sslmode=require");
    assertThat(jdbc.user()).isEqualTo("auth@user");
    assertThat(jdbc.password()).isEqualTo(Secret.of("p:ss+w"));
    assertThat(jdbc.toString()).doesNotContain("p:ss+w");
  }

  @Test
  void parse_postgresqlWithoutCredentials_hasNoUser() {
    DatabaseTarget.Jdbc jdbc =
        (DatabaseTarget.Jdbc) DatabaseTarget.parse("postgresql://db/authnzerver", CWD);

    assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://db/authnzerver");
    assertThat(jdbc.user()).isNull();
    assertThat(jdbc.password()).isNull();
  }

  @Test
  void parse_mysql_becomesMariadbJdbc() {
    DatabaseTarget.Jdbc jdbc =
        (DatabaseTarget.Jdbc) DatabaseTarget.parse("mysql+pymysql://u:p@db:3306/auth", CWD);

    assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:mariadb://db:3306/auth");
    assertThat(jdbc.user()).isEqualTo("u");
    assertThat(jdbc.password().reveal()).isEqualTo("p");
  }

  @Test
  void parse_plainMysqlAndMariadb_becomeMariadbJdbc() {
    assertThat(((DatabaseTarget.Jdbc) DatabaseTarget.parse("mysql://db/auth", CWD)).jdbcUrl())
        .isEqualTo("jdbc:mariadb://db/auth");
    assertThat(
            ((DatabaseTarget.Jdbc) DatabaseTarget.parse("mariadb+mariadbconnector://r@db/a", CWD))
                .jdbcUrl())
        .isEqualTo("jdbc:mariadb://db/a");
  }

  @Test
  void parse_unknownScheme_failsWithoutShowingTheUrl() {
    assertThatThrownBy(() -> DatabaseTarget.parse("oracle://u:topsecret@db/x", CWD))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("oracle")
        .hasMessageNotContaining("topsecret");
  }

  @Test
  void parse_notAUrl_fails() {
    assertThatThrownBy(() -> DatabaseTarget.parse("/data/.authdb.sqlite", CWD))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("authdb");
  }

  // Regression: the query became part of the file name ("auth.sqlite?mode=ro").
  @Test
  void parse_sqliteWithQueryParameters_isRefused() {
    assertThatThrownBy(() -> DatabaseTarget.parse("sqlite:////data/auth.sqlite?mode=ro", CWD))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("authdb: an SQLite URL takes no query parameters");
  }

  // Regression: a malformed host or port was reported as "cannot connect to the database server".
  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://u:topsecret@[::1/db",
        "postgresql://u:topsecret@[::1]x/db",
        "postgresql://u:topsecret@db host/db",
        "mysql://u:topsecret@:3306/db"
      })
  void parse_malformedHost_saysTheHostIsNotValid(String url) {
    assertThatThrownBy(() -> DatabaseTarget.parse(url, CWD))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("authdb: the database URL's host is not valid")
        .hasMessageNotContaining("topsecret");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql://u:topsecret@127.0.0.1:99999/db",
        "postgresql://u:topsecret@127.0.0.1:0/db",
        "postgresql://u:topsecret@127.0.0.1:/db",
        "mariadb://u:topsecret@[::1]:port/db"
      })
  void parse_portOutOfRange_saysWhichPortsAreValid(String url) {
    assertThatThrownBy(() -> DatabaseTarget.parse(url, CWD))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("authdb: the database URL's port must be a number from 1 to 65535");
  }

  @Test
  void parse_ipv6HostWithPort_isKept() {
    DatabaseTarget.Jdbc target =
        (DatabaseTarget.Jdbc) DatabaseTarget.parse("postgresql://u@[::1]:5432/test", CWD);
    assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/test");
  }
}
