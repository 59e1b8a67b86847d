package org.authnz.store.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.authnz.InvalidConfigurationException;
import org.authnz.StoreUnavailableException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the newest schema version with Flyway.
 *
 * <p>Version 1 is the reference schema. A database made by authnzerver itself (its {@code users}
 * table present, no history table) is baselined at version 1 instead of migrated from nothing, so
 * its rows are kept and later migrations convert it in place. Not thread-safe; run once per open.
 */
public final class SchemaMigrator {
  /** Flyway's history table. */
  public static final String HISTORY_TABLE = "flyway_schema_history";

  /** The eight tables of the reference schema, all required at version 1. */
  public static final List<String> REFERENCE_TABLES =
      List.of(
          "roles",
          "users",
          "apikeys_nosession",
          "groups",
          "preferences",
          "sessions",
          "apikeys",
          "user_groups");

  private static final Logger logger = LoggerFactory.getLogger(SchemaMigrator.class);

  private final DataSource dataSource;
  private final String location;
  private final JavaMigration[] javaMigrations;

  /**
   * Prepares a migrator; nothing touches the database until {@link #migrate()}.
   *
   * @param dataSource connections to migrate with
   * @param location the Flyway location of the dialect's SQL migrations
   * @param javaMigrations the dialect's migrations written in Java (where SQL cannot do the work)
   */
  public SchemaMigrator(DataSource dataSource, String location, JavaMigration... javaMigrations) {
    this.dataSource = dataSource;
    this.location = location;
    this.javaMigrations = javaMigrations.clone();
  }

  /**
   * Migrates (or adopts) the database and checks that the reference tables are there.
   *
   * @return the schema version after migration
   * @throws StoreUnavailableException when the database cannot be read or a migration fails
   * @throws InvalidConfigurationException when the database is not one the store can adopt
   */
  public String migrate() {
    boolean adopt = hasTable("users") && !hasTable(HISTORY_TABLE);
    Flyway flyway =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations(location)
            .javaMigrations(javaMigrations)
            .table(HISTORY_TABLE)
            .baselineOnMigrate(adopt)
            .baselineVersion("1")
            .baselineDescription("adopted authnzerver reference schema")
            .cleanDisabled(true)
            .validateMigrationNaming(true)
            .load();

    MigrateResult result;
    try {
      result = flyway.migrate();
    } catch (FlywayException e) {
      if (SqlFailures.sqlCause(e) != null) {
        throw SqlFailures.unavailable("migrate", e);
      }
      // Flyway's own messages (validation, non-empty schema) name migrations, never values.
      throw new InvalidConfigurationException("schema migration failed: " + e.getMessage());
    }

    List<String> missing = new ArrayList<>();
    for (String table : REFERENCE_TABLES) {
      if (!hasTable(table)) {
        missing.add(table);
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidConfigurationException(
          "the database lacks tables of the reference schema: " + String.join(", ", missing));
    }

    var current = flyway.info().current();
    String version = current == null ? "none" : current.getVersion().getVersion();
    logger
        .atInfo()
        .addKeyValue("adopted", adopt)
        .addKeyValue("migrations", result.migrationsExecuted)
        .addKeyValue("version", version)
        .log("schema ready");
    return version;
  }

  private boolean hasTable(String name) {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      for (String candidate : new String[] {name, name.toUpperCase(Locale.ROOT)}) {
        try (ResultSet tables =
            meta.getTables(connection.getCatalog(), connection.getSchema(), candidate, null)) {
          while (tables.next()) {
            String type = tables.getString("TABLE_TYPE");
            if (type == null || type.toUpperCase(Locale.ROOT).contains("TABLE")) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (SQLException e) {
      throw SqlFailures.unavailable("migrate", e);
    }
  }
}
