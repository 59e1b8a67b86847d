package org.authnz.transport.http.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.authnz.AuthnzService;
import org.authnz.store.jdbc.JdbcStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --autosetup} ({@code spec/server-config.md} section 8): prepares a base directory with the
 * reference's file names and {@code .env} layout, then the caller exits.
 *
 * <p>Fixes of the reference ({@code spec/README.md} item 17): a typed database URL is honoured, and
 * {@code AUTHNZERVER_BASEDIR} in {@code .env} is the chosen basedir. Every file it writes has mode
 * 0600.
 */
final class AutoSetup {
  static final String DATABASE_FILE = ".authdb.sqlite";
  static final String SECRET_FILE = ".authnzerver-secret-key";
  static final String SALT_FILE = ".authnzerver-salt";
  static final String PERMISSIONS_FILE = "default-permissions-model.json";
  static final String ENV_FILE = ".env";

  private static final Logger logger = LoggerFactory.getLogger(AutoSetup.class);

  /**
   * What was prepared.
   *
   * @param databaseUrl the {@code authdb} URL written to {@code .env}
   * @param credentials the admin credentials file (absent when the database existed before)
   * @param secretKey the Fernet key file
   * @param salt the PII salt file
   * @param envFile the {@code .env} file
   */
  record Result(String databaseUrl, Path credentials, Path secretKey, Path salt, Path envFile) {}

  private final Path baseDir;
  private final Path workingDir;
  private final Map<String, String> processEnvironment;
  private final Prompts prompts;
  private final Clock clock;

  /**
   * @param baseDir the {@code --basedir} flag (the environment is ignored here), or the working
   *     directory
   */
  AutoSetup(
      Path baseDir,
      Path workingDir,
      Map<String, String> processEnvironment,
      Prompts prompts,
      Clock clock) {
    this.workingDir = workingDir.toAbsolutePath();
    this.baseDir = this.workingDir.resolve(baseDir).normalize();
    this.processEnvironment = processEnvironment;
    this.prompts = prompts;
    this.clock = clock;
  }

  /**
   * Runs the set-up.
   *
   * @param authDb the {@code --authdb} flag, the default answer of the database question
   * @param permissions the {@code --permissions} flag, the default answer of the policy question
   * @throws StartupException when a step fails
   */
  Result run(@Nullable String authDb, @Nullable String permissions, PrintWriter out) {
    try {
      Files.createDirectories(baseDir);
    } catch (IOException e) {
      throw new StartupException("cannot create basedir " + baseDir + ": " + FailureText.of(e));
    }

    String sqliteUrl = "sqlite:///" + baseDir.resolve(DATABASE_FILE);
    String databaseUrl =
        prompts.ask("Auth DB URL (blank: SQLite in basedir)", blankToEmpty(authDb));
    if (databaseUrl.isBlank()) {
      databaseUrl = sqliteUrl;
    }
    DatabaseTarget database = DatabaseTarget.parse(databaseUrl, workingDir);
    String policy =
        prompts.ask("Permission policy JSON (blank: bundled default)", blankToEmpty(permissions));
    Path policyFile = policy.isBlank() ? null : workingDir.resolve(policy).normalize();
    ServerSettings.checkPermissions(policyFile);

    Path secretKey = baseDir.resolve(SECRET_FILE);
    Path salt = baseDir.resolve(SALT_FILE);
    writeIfAbsent(secretKey, AdminAccount.newFernetKey());
    writeIfAbsent(salt, AdminAccount.newFernetKey());

    Path credentials = createDatabase(database, salt);

    Path bundledCopy = baseDir.resolve(PERMISSIONS_FILE);
    copyBundledPolicy(bundledCopy);
    Path envFile = baseDir.resolve(ENV_FILE);
    Path policyInEnv = policyFile == null ? bundledCopy : policyFile;
    write(envFile, EnvFile.format(envEntries(databaseUrl, secretKey, salt, policyInEnv)));

    out.println("authnzrv: base directory ready: " + baseDir);
    out.println("Start the server with:");
    out.println("  authnzrv --basedir=\"" + baseDir + "\" --envfile=\"" + envFile + "\"");
    out.flush();
    return new Result(databaseUrl, credentials, secretKey, salt, envFile);
  }

  /** Creates the tables and, on a new database, the system users and the credentials file. */
  private Path createDatabase(DatabaseTarget database, Path saltFile) {
    Path credentials = baseDir.resolve(AdminAccount.CREDENTIALS_FILE);
    JdbcStore store = Sidecar.openStore(database);
    try (AuthnzService service = service(store, saltFile)) {
      if (!store.roles().isEmpty()) {
        logger.warn("the auth database is already set up; no new admin credentials");
        return credentials;
      }

      String email = adminEmail();
      String password = AdminAccount.password(processEnvironment);
      if (password == null) {
        password = prompts.askHidden("Admin password (blank: generate one)");
      }
      Optional<String> generated = AdminAccount.initialize(service, email, password);
      String line = email + " " + generated.orElse(AdminAccount.USER_GENERATED) + "\n";
      if (!writeIfAbsent(credentials, line)) {
        // like a normal start (spec section 9): never lose a generated password
        credentials =
            baseDir.resolve(AdminAccount.CREDENTIALS_FILE + "-" + clock.instant().getEpochSecond());
        write(credentials, line);
      }
      logger.info("admin credentials written to {}", credentials);
      return credentials;
    }
  }

  private AuthnzService service(JdbcStore store, Path saltFile) {
    try {
      return AuthnzService.builder()
          .store(store)
          .clock(clock)
          .piiSalt(Files.readString(saltFile, StandardCharsets.UTF_8).strip())
          .build();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw new StartupException("cannot set up the auth database: " + FailureText.of(e), e);
    }
  }

  private String adminEmail() {
    String fromEnvironment = processEnvironment.get(AdminAccount.EMAIL_VARIABLE);
    String suggested = AdminAccount.email(processEnvironment, "serveradmin@localhost");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return suggested;
    }
    return prompts.ask("Admin e-mail", suggested);
  }

  /** One line per item of spec section 2, in its order, with {@code PORT} before its twin. */
  private Map<String, String> envEntries(
      String databaseUrl, Path secretKey, Path salt, Path permissions) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (ConfigItem item : ConfigItem.values()) {
      switch (item) {
        case AUTHDB -> entries.put("AUTHNZERVER_AUTHDB", databaseUrl);
        case BASEDIR -> entries.put("AUTHNZERVER_BASEDIR", baseDir.toString());
        case PERMISSIONS -> entries.put("AUTHNZERVER_PERMISSIONS", permissions.toString());
        case SECRET -> entries.put("AUTHNZERVER_SECRET", secretKey.toString());
        case PIISALT -> entries.put("AUTHNZERVER_PIISALT", salt.toString());
        case EMAILUSER -> entries.put("AUTHNZERVER_EMAILUSER", System.getProperty("user.name", ""));
        case FQDN -> {} // an authnz addition, left to its default
        default -> item.envNames.forEach(name -> entries.put(name, item.fixedDefault));
      }
    }
    return entries;
  }

  private void copyBundledPolicy(Path target) {
    try (InputStream in = AutoSetup.class.getResourceAsStream(ServerSettings.BUNDLED_PERMISSIONS)) {
      if (in == null) {
        throw new StartupException("the bundled permission policy is missing from the classpath");
      }
      write(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StartupException("cannot write " + target + ": " + FailureText.of(e), e);
    }
  }

  private static boolean writeIfAbsent(Path file, String text) {
    try {
      return PrivateFiles.createNew(file, text);
    } catch (IOException e) {
      throw new StartupException("cannot write " + file + ": " + FailureText.of(e), e);
    }
  }

  private static void write(Path file, String text) {
    try {
      PrivateFiles.replace(file, text);
    } catch (IOException e) {
      throw new StartupException("cannot write " + file + ": " + FailureText.of(e), e);
    }
  }

  private static String blankToEmpty(@Nullable String value) {
    return value == null || value.isBlank() ? "" : value.strip();
  }
}
