package org.authnz.transport.http.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuthnzrvCommandTest {
  private static final String KEY = AdminAccount.newFernetKey();

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Map<String, String> env;

  @BeforeEach
  void environment() throws Exception {
    env = new HashMap<>();
    env.put("AUTHNZERVER_FQDN", "localhost");
  }

  private AuthnzrvCommand command() {
    return AuthnzrvCommand.create(env, dir, null);
  }

  private int execute(AuthnzrvCommand command, String... args) {
    CommandLine commandLine = AuthnzrvCommand.commandLine(command);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void execute_invalidFernetKey_refusesToStartWithOneLine() {
    int status =
        execute(
            command(),
            "--authdb=sqlite:///auth.sqlite",
            "--secret=not-a-key-at-all",
            "--piisalt=salt");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("authnzrv: error: secret is not a valid Fernet key")
        .doesNotContain("not-a-key-at-all")
        .doesNotContain("Exception")
        .hasLineCount(1);
    assertThat(dir.resolve("auth.sqlite")).doesNotExist();
  }

  @Test
  void execute_longPiiSalt_refusesToStartWithOneLine() {
    int status =
        execute(
            command(),
            "--authdb=sqlite:///auth.sqlite",
            "--secret=" + KEY,
            "--piisalt=" + "x".repeat(65));

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "authnzrv: error: piisalt is longer than 64 bytes (UTF-8)" + System.lineSeparator());
  }

  @Test
  void execute_missingAuthdb_failsNamingIt() {
    int status = execute(command(), "--secret=" + KEY, "--piisalt=salt");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("authnzrv: error: authdb is required: set --authdb or AUTHNZERVER_AUTHDB");
  }

  @Test
  void execute_malformedIntegerFlagWithoutAuthdb_reportsTheFlagFirst() {
    int status = execute(command(), "--port=abc");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("Invalid value for option '--port': 'abc' is not an integer")
        .contains("Usage: authnzrv")
        .doesNotContain("authdb is required")
        .doesNotContain("Exception");
  }

  @Test
  void execute_malformedIntegerFlagWithEverythingElseSet_isAUsageError() {
    int status =
        execute(
            command(),
            "--authdb=sqlite:///auth.sqlite",
            "--secret=" + KEY,
            "--piisalt=salt",
            "--workers=four");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("Invalid value for option '--workers'");
    assertThat(dir.resolve("auth.sqlite")).doesNotExist();
  }

  @Test
  void execute_unknownFlag_isAUsageError() {
    assertThat(execute(command(), "--no-such-flag=1")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option").contains("Usage: authnzrv");
  }

  @Test
  void execute_autosetupFalseAsTornadoSpellsIt_startsNormally() {
    for (String value : List.of("0", "f", "FALSE")) {
      int status = execute(command(), "--autosetup=" + value, "--basedir=" + dir.resolve("b"));

      assertThat(status).isEqualTo(1);
      assertThat(dir.resolve("b")).doesNotExist();
    }
    assertThat(err.toString()).contains("authdb is required");
  }

  @Test
  void execute_confvars_isIgnoredWithAWarning() {
    execute(command(), "--confvars=/x/confvars.py", "--secret=" + KEY, "--piisalt=s");

    assertThat(err.toString())
        .contains("--confvars is not supported")
        .contains("authdb is required");
  }

  @Test
  void execute_tlsConfigured_refusesToServePlainHttp() {
    env.put("AUTHNZERVER_TLSCERTFILE", "cert.pem");
    env.put("AUTHNZERVER_TLSCERTKEY", "key.pem");

    int status =
        execute(command(), "--authdb=sqlite:///auth.sqlite", "--secret=" + KEY, "--piisalt=s");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("does not serve TLS yet");
  }

  @Test
  void execute_onlyTlsKeySet_refusesToServePlainHttp() {
    env.put("AUTHNZERVER_TLSCERTKEY", "key.pem");

    int status =
        execute(command(), "--authdb=sqlite:///auth.sqlite", "--secret=" + KEY, "--piisalt=s");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("does not serve TLS yet");
  }

  @Test
  void autosetup_withoutTerminal_createsEveryFileOwnerOnly() throws Exception {
    Path base = dir.resolve("base");

    int status = execute(command(), "--autosetup", "--basedir=" + base);

    assertThat(status).as(err.toString()).isZero();
    List<String> names =
        List.of(
            ".authdb.sqlite",
            ".authnzerver-secret-key",
            ".authnzerver-salt",
            ".authnzerver-admin-credentials",
            ".env",
            "default-permissions-model.json");
    for (String name : names) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base.resolve(name))))
          .as(name)
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(base.resolve(".authnzerver-secret-key"))).hasSize(44);
    assertThat(Files.readString(base.resolve(".authnzerver-salt")))
        .hasSize(44)
        .isNotEqualTo(Files.readString(base.resolve(".authnzerver-secret-key")));
    String[] credentials =
        Files.readString(base.resolve(".authnzerver-admin-credentials")).split(" ");
    assertThat(credentials[0]).endsWith("@localhost");
    assertThat(credentials[1].strip()).hasSize(22);
    assertThat(out.toString())
        .contains("--basedir=\"" + base + "\"")
        .contains("--envfile=\"" + base.resolve(".env") + "\"");
  }

  @Test
  void autosetup_envFile_isAcceptedByANormalStartAndPointsIntoBasedir() throws Exception {
    Path base = dir.resolve("base");
    execute(command(), "--autosetup", "--basedir=" + base);

    Map<String, String> source =
        ServerSettings.configEnvironment(base.resolve(".env").toString(), Map.of(), dir);
    ServerSettings settings = ServerSettings.resolve(Map.of(), source, dir);

    assertThat(source.keySet().stream().limit(8))
        .containsExactly(
            "AUTHNZERVER_ALLOWEDHOSTS",
            "AUTHNZERVER_AUTHDB",
            "AUTHNZERVER_BASEDIR",
            "AUTHNZERVER_DEBUGMODE",
            "AUTHNZERVER_LISTEN",
            "AUTHNZERVER_PERMISSIONS",
            "PORT",
            "AUTHNZERVER_PORT");
    assertThat(source)
        .containsEntry("AUTHNZERVER_AUTHDB", "sqlite:///" + base.resolve(".authdb.sqlite"))
        .containsEntry("AUTHNZERVER_BASEDIR", base.toString())
        .containsEntry("AUTHNZERVER_EMAILPASS", "");
    assertThat(settings.baseDir()).isEqualTo(base);
    assertThat(settings.authDb())
        .isEqualTo(new DatabaseTarget.Sqlite(base.resolve(".authdb.sqlite")));
    assertThat(settings.secret().reveal())
        .isEqualTo(Files.readString(base.resolve(".authnzerver-secret-key")));
    assertThat(settings.permissions()).isEqualTo(base.resolve("default-permissions-model.json"));
  }

  @Test
  void autosetup_adminVariables_areHonouredAndThePasswordIsNotWritten() throws Exception {
    env.put("AUTHNZERVER_ADMIN_EMAIL", "boss@example.org");
    env.put("AUTHNZERVER_ADMIN_PASSWORD", "correct horse battery staple");
    Path base = dir.resolve("base");

    execute(command(), "--autosetup", "--basedir=" + base);

    assertThat(Files.readString(base.resolve(".authnzerver-admin-credentials")))
        .isEqualTo("boss@example.org password-was-user-generated\n");
  }

  @Test
  void autosetup_invalidAdminEmail_failsWithOneLineAndCreatesNoSuperuser() {
    env.put("AUTHNZERVER_ADMIN_EMAIL", "not an email");
    env.put("AUTHNZERVER_ADMIN_PASSWORD", "correct horse battery staple");
    Path base = dir.resolve("base");

    int status = execute(command(), "--autosetup", "--basedir=" + base);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("authnzrv: error: cannot create the superuser: the admin e-mail address")
        .contains("AUTHNZERVER_ADMIN_EMAIL")
        .doesNotContain("correct horse")
        .doesNotContain("Exception")
        .hasLineCount(1);
    assertThat(base.resolve(".authnzerver-admin-credentials")).doesNotExist();
  }

  @Test
  void autosetup_adminPasswordFailingThePolicy_failsWithThePolicyMessagesOnOneLine() {
    env.put("AUTHNZERVER_ADMIN_EMAIL", "boss@example.org");
    env.put("AUTHNZERVER_ADMIN_PASSWORD", "Qz9x!");
    Path base = dir.resolve("base");

    int status = execute(command(), "--autosetup", "--basedir=" + base);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("authnzrv: error: cannot create the superuser: the admin password")
        .contains("Your password is too short. It must have at least 12 characters.")
        .contains("AUTHNZERVER_ADMIN_PASSWORD")
        .doesNotContain("Qz9x!")
        .hasLineCount(1);
    assertThat(base.resolve(".authnzerver-admin-credentials")).doesNotExist();
  }

  @Test
  void autosetup_typedDatabaseUrl_isHonoured() throws Exception {
    Path base = dir.resolve("base");
    Path database = dir.resolve("elsewhere.sqlite");

    execute(command(), "--autosetup", "--basedir=" + base, "--authdb=sqlite:///" + database);

    assertThat(database).exists();
    assertThat(base.resolve(".authdb.sqlite")).doesNotExist();
    assertThat(EnvFile.read(base.resolve(".env")))
        .containsEntry("AUTHNZERVER_AUTHDB", "sqlite:///" + database);
  }

  @Test
  void autosetup_runTwice_keepsSecretsAndCredentials() throws Exception {
    Path base = dir.resolve("base");
    execute(command(), "--autosetup", "--basedir=" + base);
    String key = Files.readString(base.resolve(".authnzerver-secret-key"));
    String credentials = Files.readString(base.resolve(".authnzerver-admin-credentials"));

    int status = execute(command(), "--autosetup", "--basedir=" + base);

    assertThat(status).isZero();
    assertThat(Files.readString(base.resolve(".authnzerver-secret-key"))).isEqualTo(key);
    assertThat(Files.readString(base.resolve(".authnzerver-admin-credentials")))
        .isEqualTo(credentials);
  }

  @Test
  void serve_fromAutosetupDirectory_answersHealthAndStopsCleanly() throws Exception {
    Path base = dir.resolve("base");
    assertThat(execute(command(), "--autosetup", "--basedir=" + base)).isZero();
    Path envFile = base.resolve(".env");
    // the env file beats flags (spec section 1), so the port goes there
    Files.writeString(envFile, Files.readString(envFile).replace("PORT=13431", "PORT=0"));

    AuthnzrvCommand server = command();
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> status =
          runner.submit(() -> execute(server, "--basedir=" + base, "--envfile=" + envFile));
      int port = server.awaitPort();
      assertThat(port).as(err.toString()).isPositive();

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"Health-Ok\":true");

      server.stop();
      assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
    } finally {
      server.stop();
      runner.shutdownNow();
    }
  }

  @Test
  void serve_portInUse_failsWithExitStatusOne() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      env.put("AUTHNZERVER_PORT", Integer.toString(taken.getLocalPort()));

      int status =
          execute(command(), "--authdb=sqlite:///auth.sqlite", "--secret=" + KEY, "--piisalt=s");

      assertThat(status).isEqualTo(1);
      assertThat(err.toString())
          .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address in use")
          .hasLineCount(1);
    }
  }

  /** The one line a failed start prints: the problem in words, no exception class names. */
  private String startFailure(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--secret=" + KEY, "--piisalt=s"));
    if (java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--authdb="))) {
      all.add("--authdb=sqlite:///auth.sqlite");
    }
    all.addAll(List.of(args));
    env.put("PORT", "0");

    int status = execute(command(), all.toArray(String[]::new));

    assertThat(status).as(err.toString()).isEqualTo(1);
    assertThat(err.toString()).hasLineCount(1).doesNotContain("Exception");
    return err.toString().strip();
  }

  // Regression: start-up errors named exception classes (UncheckedIOException,
  // NoSuchFileException) instead of the setting and the problem.

  @Test
  void serve_listenAddressThatIsNoAddress_saysSo() {
    assertThat(startFailure("--listen=999.1.1.1"))
        .startsWith("authnzrv: error: cannot listen on 999.1.1.1: not a valid address");
  }

  // Regression: a bad listen address was found only after a new database had been created and
  // set up, leaving the database and its admin credentials file behind.
  @Test
  void serve_badListenAddress_failsBeforeTheDatabaseIsCreated() {
    Path database = dir.resolve("fresh.sqlite");

    assertThat(startFailure("--authdb=sqlite:///" + database, "--listen=not-a-host.invalid"))
        .startsWith("authnzrv: error: cannot listen on not-a-host.invalid: not a valid address");
    assertThat(database).doesNotExist();
  }

  // Regression: a busy metrics port was reported as the sidecar's port being in use, after a new
  // database had been created.
  @Test
  void serve_metricsPortInUse_namesTheMetricsPortBeforeTheDatabaseIsCreated() throws Exception {
    Path database = dir.resolve("fresh.sqlite");
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();

      assertThat(startFailure("--authdb=sqlite:///" + database, "--metrics=" + port))
          .isEqualTo(
              "authnzrv: error: cannot serve metrics on 127.0.0.1:" + port + ": address in use");
    }
    assertThat(database).doesNotExist();
  }

  @Test
  void serve_metricsOnTheSidecarsOwnPort_isRefusedBeforeTheDatabaseIsCreated() throws Exception {
    Path database = dir.resolve("fresh.sqlite");
    int port;
    try (java.net.ServerSocket free =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      port = free.getLocalPort();
    }
    env.put("AUTHNZERVER_PORT", Integer.toString(port));

    int status =
        execute(
            command(),
            "--authdb=sqlite:///" + database,
            "--secret=" + KEY,
            "--piisalt=s",
            "--metrics=" + port);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString().strip())
        .isEqualTo(
            "authnzrv: error: cannot serve metrics on 127.0.0.1:" + port + ": address in use");
    assertThat(database).doesNotExist();
  }

  // Regression: an env file that is not UTF-8 gave "an unexpected error".
  @Test
  void serve_envFileThatIsNotUtf8_saysSo() throws Exception {
    Path envFile = dir.resolve("latin1.env");
    Files.write(envFile, new byte[] {'K', '=', 'e', (byte) 0xe9, 't', (byte) 0xe9, '\n'});

    assertThat(startFailure("--envfile=" + envFile))
        .isEqualTo(
            "authnzrv: error: cannot read the env file " + envFile + ": not valid UTF-8 text");
  }

  @Test
  void serve_listenAddressOfAnotherMachine_saysSoNotAddressInUse() {
    assertThat(startFailure("--listen=192.0.2.1")) // TEST-NET-1: never this machine's
        .isEqualTo("authnzrv: error: cannot listen on 192.0.2.1:0: not an address of this machine");
  }

  @Test
  void serve_missingPermissionsFile_namesTheFile() {
    assertThat(startFailure("--permissions=/missing.json"))
        .isEqualTo("authnzrv: error: permissions file /missing.json does not exist");
  }

  @Test
  void serve_permissionsFileThatIsNoJson_saysWhere() throws Exception {
    Files.writeString(dir.resolve("policy.json"), "{\n  \"roles\": [oops]\n}\n");

    assertThat(startFailure("--permissions=policy.json"))
        .isEqualTo(
            "authnzrv: error: permissions file "
                + dir.resolve("policy.json")
                + " is not valid JSON (line 2, column 13)");
  }

  @Test
  void serve_permissionsDirectory_saysItIsNoFile() {
    assertThat(startFailure("--permissions=" + dir))
        .isEqualTo("authnzrv: error: permissions file " + dir + " is not a file");
  }

  @Test
  void serve_sqliteFileInAMissingDirectory_namesThePath() {
    Path file = dir.resolve("no-such-dir/auth.sqlite");

    assertThat(startFailure("--authdb=sqlite:///" + file))
        .isEqualTo(
            "authnzrv: error: authdb: cannot open the auth database: cannot create the SQLite"
                + " database file: "
                + file
                + ": no such file or directory");
  }

  @Test
  void serve_databaseServerNotListening_saysItCannotConnect() throws Exception {
    int port;
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    assertThat(startFailure("--authdb=postgresql://authnz:a-db-password@127.0.0.1:" + port + "/x"))
        .startsWith(
            "authnzrv: error: authdb: cannot open the auth database: cannot connect to the"
                + " database server")
        .doesNotContain("a-db-password");
  }

  @Test
  void autosetup_basedirUnderAFile_saysWhyItCannotBeCreated() throws Exception {
    Files.writeString(dir.resolve("plain-file"), "x");
    Path baseDir = dir.resolve("plain-file/base");

    int status = execute(command(), "--autosetup", "--basedir=" + baseDir);

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("authnzrv: error: cannot create basedir " + baseDir + ": ")
        .doesNotContain("Exception")
        .hasLineCount(1);
  }

  @Test
  void serve_newDatabaseWithCredentialsFilePresent_writesATimestampedOne() throws Exception {
    Files.writeString(dir.resolve(".authnzerver-admin-credentials"), "old content\n");
    env.put("AUTHNZERVER_ADMIN_EMAIL", "root@example.org");
    env.put("PORT", "0");

    AuthnzrvCommand server = command();
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> status =
          runner.submit(
              () ->
                  execute(
                      server, "--authdb=sqlite:///auth.sqlite", "--secret=" + KEY, "--piisalt=s"));
      assertThat(server.awaitPort()).as(err.toString()).isPositive();
      server.stop();
      assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
    } finally {
      server.stop();
      runner.shutdownNow();
    }

    assertThat(Files.readString(dir.resolve(".authnzerver-admin-credentials")))
        .isEqualTo("old content\n");
    try (var files = Files.list(dir)) {
      Path written =
          files
              .filter(f -> f.getFileName().toString().startsWith(".authnzerver-admin-credentials-"))
              .findFirst()
              .orElseThrow();
      assertThat(Files.readString(written)).matches("root@example\\.org [A-Za-z0-9_-]{22}\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
          .isEqualTo("rw-------");
    }
  }
}
