package org.authnz.transport.http.cli;

import static java.util.Objects.requireNonNull;

import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.authnz.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code authnzrv} command: starts the sidecar, or prepares a base directory with {@code
 * --autosetup}.
 *
 * <p>Flags, {@code AUTHNZERVER_*} variables, env files and defaults follow {@code
 * spec/server-config.md}: an environment variable (or, with {@code --envfile}, an entry of that
 * file) beats the flag, the flag beats the default. Exit status: 0 after a clean stop or a finished
 * {@code --autosetup}, 1 when start-up fails (one line on standard error), 2 for a malformed
 * command line.
 *
 * <p>Not thread-safe, except {@link #stop()}.
 */
@Command(
    name = "authnzrv",
    mixinStandardHelpOptions = true,
    version = "authnzrv 0.1.0",
    sortOptions = false,
    usageHelpWidth = 100,
    description = "The authnz sidecar: an authnzerver-compatible authentication server.",
    footer = {
      "",
      "An environment variable beats its flag; with --envfile=FILE (if FILE exists) only that file",
      "is read instead of the environment. AUTHNZERVER_ADMIN_EMAIL and AUTHNZERVER_ADMIN_PASSWORD",
      "(always from the environment) set the superuser of a new database."
    })
public final class AuthnzrvCommand implements Callable<Integer> {

  /** Exit status when start-up fails. */
  public static final int FAILED = 1;

  private static final Map<ConfigItem, String> DESCRIPTIONS = descriptions();

  @Option(
      names = "--autosetup",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      converter = FlagValue.class,
      description = "Prepare --basedir (secrets, database, .env) and exit.")
  boolean autoSetup;

  @Option(
      names = "--envfile",
      paramLabel = "FILE",
      description = "Read configuration from this env file instead of the environment.")
  @Nullable String envFile;

  @Option(
      names = "--confvars",
      paramLabel = "MODULE",
      description = "Not supported (a Python module in authnzerver): accepted and ignored.")
  @Nullable String confVars;

  @Option(
      names = "--logging",
      paramLabel = "LEVEL",
      description = "Log level, as Tornado's flag: debug, info, warning, error or none.")
  @Nullable String logging;

  @Spec @Nullable CommandSpec spec;

  private final Map<String, String> processEnvironment;
  private final Path workingDir;
  private final @Nullable Console console;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile @Nullable Sidecar running;
  private final CountDownLatch started = new CountDownLatch(1);

  private AuthnzrvCommand(
      Map<String, String> processEnvironment,
      Path workingDir,
      @Nullable Console console,
      Clock clock) {
    this.processEnvironment = Map.copyOf(processEnvironment);
    this.workingDir = workingDir.toAbsolutePath();
    this.console = console;
    this.clock = clock;
  }

  /** Runs {@code authnzrv} with the real environment, working directory and terminal. */
  public static void main(String[] args) {
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    setIfAbsent("org.slf4j.simpleLogger.log.org.flywaydb", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    CommandLine commandLine =
        commandLine(
            new AuthnzrvCommand(
                System.getenv(),
                Path.of("").toAbsolutePath(),
                System.console(),
                Clock.systemUTC()));
    String level = requestedLogLevel(commandLine, args);
    if (level != null) {
      // must happen before the first logger exists
      setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", level);
    }
    System.exit(commandLine.execute(args));
  }

  /**
   * A command over an explicit environment, working directory and terminal (null: none), for tests
   * and embedding; run it with {@link CommandLine#execute(String...)}.
   */
  public static AuthnzrvCommand create(
      Map<String, String> processEnvironment, Path workingDir, @Nullable Console console) {
    return new AuthnzrvCommand(
        requireNonNull(processEnvironment, "processEnvironment"),
        requireNonNull(workingDir, "workingDir"),
        console,
        Clock.systemUTC());
  }

  /** The picocli command line for {@code command}, with one option per configuration item. */
  public static CommandLine commandLine(AuthnzrvCommand command) {
    CommandLine commandLine = new CommandLine(command);
    CommandSpec spec = commandLine.getCommandSpec();
    for (ConfigItem item : ConfigItem.values()) {
      OptionSpec.Builder option =
          OptionSpec.builder("--" + item.flag)
              .paramLabel(item.flag.toUpperCase(Locale.ROOT))
              .type(String.class)
              .description(describe(item));
      if (item.integer) {
        // As the reference's option parser: a malformed number is a usage error (exit status 2),
        // reported before any setting is resolved, even when the environment sets the item.
        option.converters(AuthnzrvCommand::integerFlag);
      }
      spec.addOption(option.build());
    }
    return commandLine;
  }

  /** Checks an integer flag's value and keeps it as text; the settings parse it again. */
  private static String integerFlag(String value) {
    try {
      Integer.parseInt(value.strip());
      return value;
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not an integer");
    }
  }

  /** Debug mode raises the log level to debug; else {@code --logging} sets it. */
  private static @Nullable String requestedLogLevel(CommandLine commandLine, String[] args) {
    try {
      CommandLine.ParseResult parsed = commandLine.parseArgs(args);
      if (parsed.matchedOptionValue("--debugmode", "0").strip().equals("1")) {
        return "debug";
      }
      String logging = parsed.matchedOptionValue("--logging", "");
      switch (logging.strip().toLowerCase(Locale.ROOT)) {
        case "debug":
        case "info":
        case "error":
          return logging.strip().toLowerCase(Locale.ROOT);
        case "warning":
        case "warn":
          return "warn";
        case "none":
          return "off";
        default:
          return null;
      }
    } catch (CommandLine.ParameterException e) {
      return null; // execute() reports it
    }
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** Stops a running server (as SIGTERM does) and lets {@code execute} return 0. */
  public void stop() {
    Sidecar sidecar;
    synchronized (this) {
      sidecar = running;
      stopped.countDown();
    }
    if (sidecar != null) {
      sidecar.close();
    }
  }

  /** The port of the running server, waiting for start-up; -1 when start-up failed. */
  public int awaitPort() throws InterruptedException {
    started.await();
    Sidecar sidecar = running;
    return sidecar == null ? -1 : sidecar.port();
  }

  @Override
  public Integer call() {
    CommandSpec commandSpec = requireNonNull(spec, "spec");
    Map<String, String> flags = flagValues(commandSpec);
    try {
      if (confVars != null) {
        commandSpec
            .commandLine()
            .getErr()
            .println(
                "authnzrv: warning: --confvars is not supported (it loads Python code); ignored");
      }
      if (autoSetup) {
        return autoSetup(commandSpec, flags);
      }
      return serve(flags);
    } catch (InvalidConfigurationException | StartupException e) {
      logger().atDebug().addKeyValue("causes", FailureText.causes(e)).log("start-up failed");
      return fail(commandSpec, e.getMessage());
    } catch (RuntimeException e) {
      logger().atDebug().addKeyValue("causes", FailureText.causes(e)).log("start-up failed");
      return fail(commandSpec, "start-up failed: " + FailureText.of(e));
    } finally {
      started.countDown();
    }
  }

  private int autoSetup(CommandSpec commandSpec, Map<String, String> flags) {
    // only the flag counts here (spec section 8); the environment's AUTHNZERVER_BASEDIR does not
    Path baseDir = Path.of(flags.getOrDefault(ConfigItem.BASEDIR.flag, workingDir.toString()));
    new AutoSetup(baseDir, workingDir, processEnvironment, Prompts.of(console), clock)
        .run(
            flags.get(ConfigItem.AUTHDB.flag),
            flags.get(ConfigItem.PERMISSIONS.flag),
            commandSpec.commandLine().getOut());
    return 0;
  }

  private int serve(Map<String, String> flags) {
    Map<String, String> environment =
        ServerSettings.configEnvironment(envFile, processEnvironment, workingDir);
    ServerSettings settings = ServerSettings.resolve(flags, environment, workingDir);
    if (settings.debugMode()) {
      logger().warn("debug mode is on");
    }

    String counterStore = ServerSettings.rateLimitStore(flags, environment, workingDir);
    MetricsSetting metrics =
        MetricsSetting.parse(
            ServerSettings.metrics(flags, environment, workingDir), settings.listen());
    Sidecar sidecar = Sidecar.start(settings, counterStore, metrics, processEnvironment, clock);
    synchronized (this) {
      running = sidecar;
      if (stopped.getCount() == 0) {
        sidecar.close(); // stop() came while starting
      }
    }
    started.countDown();

    Thread hook = new Thread(this::stopFromSignal, "authnzrv-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    awaitStop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running
    }
    return 0;
  }

  private void stopFromSignal() {
    logger().info("authnzrv stopping");
    stop();
  }

  private void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
    }
  }

  private static int fail(CommandSpec commandSpec, @Nullable String message) {
    commandSpec.commandLine().getErr().println("authnzrv: error: " + message);
    commandSpec.commandLine().getErr().flush();
    return FAILED;
  }

  private static Map<String, String> flagValues(CommandSpec commandSpec) {
    Map<String, String> flags = new HashMap<>();
    for (ConfigItem item : ConfigItem.values()) {
      OptionSpec option = commandSpec.findOption("--" + item.flag);
      String value = option == null ? null : option.getValue();
      if (value != null) {
        flags.put(item.flag, value);
      }
    }
    return flags;
  }

  private static String describe(ConfigItem item) {
    StringBuilder text = new StringBuilder(DESCRIPTIONS.getOrDefault(item, item.flag));
    text.append(" Env: ").append(String.join(", ", item.envNames)).append('.');
    if (item.required) {
      text.append(" Required.");
    } else if (item.fixedDefault != null && !item.fixedDefault.isEmpty()) {
      text.append(" Default: ").append(item.fixedDefault.replace("%", "%%")).append('.');
    }
    return text.toString();
  }

  private static Map<ConfigItem, String> descriptions() {
    Map<ConfigItem, String> text = new HashMap<>();
    text.put(ConfigItem.ALLOWEDHOSTS, "';'-separated host names accepted in the Host header.");
    text.put(ConfigItem.AUTHDB, "Database URL: sqlite:////abs/path, postgresql://u:p@host/db.");
    text.put(ConfigItem.BASEDIR, "Directory for the admin credentials file. Default: cwd.");
    text.put(ConfigItem.DEBUGMODE, "1 for debug mode (the flag only; the variable is ignored).");
    text.put(ConfigItem.LISTEN, "Bind address.");
    text.put(ConfigItem.PERMISSIONS, "Permission policy JSON file. Default: bundled policy.");
    text.put(ConfigItem.PORT, "TCP port (0: any free port).");
    text.put(ConfigItem.SECRET, "Fernet key shared with frontends, or a file holding it.");
    text.put(ConfigItem.PIISALT, "Key for hashing personal data in logs, or a file holding it.");
    text.put(ConfigItem.SESSIONEXPIRY, "Days after expiry when sessions are deleted.");
    text.put(ConfigItem.USERLOCKTRIES, "Failed logins before an automatic lock.");
    text.put(ConfigItem.USERLOCKTIME, "Seconds an automatic lock lasts.");
    text.put(ConfigItem.PASSPOLICY, "Password policy.");
    text.put(ConfigItem.RATELIMITS, "Per-minute rate limits, or none.");
    text.put(
        ConfigItem.RATELIMITSTORE,
        "Where rate-limit and failed-login counts live: memory, database (the auth database),"
            + " or redis://HOST:PORT.");
    text.put(
        ConfigItem.METRICS,
        "Prometheus metrics at /metrics: on (the sidecar's port), off, PORT or ADDRESS:PORT.");
    text.put(ConfigItem.WORKERS, "Worker pool size.");
    text.put(ConfigItem.EMAILSERVER, "SMTP server.");
    text.put(ConfigItem.EMAILPORT, "SMTP port.");
    text.put(ConfigItem.EMAILUSER, "SMTP user. Default: the OS user.");
    text.put(ConfigItem.EMAILPASS, "SMTP password.");
    text.put(ConfigItem.EMAILSENDER, "Sender of e-mails, as 'Name <address>'.");
    text.put(ConfigItem.TLSCERTFILE, "PEM certificate file (TLS is not served yet).");
    text.put(ConfigItem.TLSCERTKEY, "PEM key file (TLS is not served yet).");
    text.put(ConfigItem.FQDN, "Domain name passwords must not resemble. Default: host's FQDN.");
    return text;
  }

  private static Logger logger() {
    // looked up late, so that a logging backend configured in main() takes effect
    return LoggerFactory.getLogger(AuthnzrvCommand.class);
  }

  /** Tornado's booleans: {@code false}, {@code 0} and {@code f} (any case) are false. */
  static final class FlagValue implements CommandLine.ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      String text = value.strip().toLowerCase(Locale.ROOT);
      return !(text.equals("false") || text.equals("0") || text.equals("f"));
    }
  }
}
