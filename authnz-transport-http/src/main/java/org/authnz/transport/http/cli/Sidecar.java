package org.authnz.transport.http.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.authnz.AuthnzService;
import org.authnz.CachingStore;
import org.authnz.InvalidConfigurationException;
import org.authnz.MailSettings;
import org.authnz.PasswordPolicy;
import org.authnz.internal.password.PasswordChecker;
import org.authnz.limits.CounterStore;
import org.authnz.limits.CounterStores;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.limits.FallbackCounterStore;
import org.authnz.limits.MemoryCounterStore;
import org.authnz.spi.AuthnzStore;
import org.authnz.store.jdbc.JdbcCounterStore;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.AuthnzHttpServer;
import org.authnz.wire.ActionDispatcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sidecar: store, service and HTTP server started from {@link ServerSettings} as {@code
 * spec/server-config.md} section 6 says.
 *
 * <p>Thread-safe; {@link #close()} may be called more than once.
 */
final class Sidecar implements AutoCloseable {
  /**
   * How long a session or user row may be served from memory: a session deleted or a user locked
   * through another sidecar on the same database is refused here at most this long (plus one
   * database read) later. Writes through this sidecar are seen at once.
   */
  static final Duration ROW_CACHE_TTL = Duration.ofSeconds(1);

  private static final Logger logger = LoggerFactory.getLogger(Sidecar.class);

  private final AuthnzService service;
  private final AuthnzHttpServer server;
  private final CounterStore counters;
  private boolean closed;

  private Sidecar(AuthnzService service, AuthnzHttpServer server, CounterStore counters) {
    this.service = service;
    this.server = server;
    this.counters = counters;
  }

  /**
   * Opens the database (creating tables), creates the system users on a fresh database and writes
   * the admin credentials file, then starts the HTTP server.
   *
   * @param processEnvironment the real environment, for the admin e-mail and password only
   * @throws StartupException when a step fails; the message says which and holds no secret
   */
  static Sidecar start(
      ServerSettings settings, Map<String, String> processEnvironment, Clock clock) {
    return start(settings, CounterStores.MEMORY, processEnvironment, clock);
  }

  /**
   * As {@link #start(ServerSettings, Map, Clock)}, keeping rate-limit and failed-login counts where
   * {@code counterStore} says ({@code memory}, {@code database} for the auth database's own {@code
   * authnz_counters} table, or a {@code redis://} URI).
   */
  static Sidecar start(
      ServerSettings settings,
      String counterStore,
      Map<String, String> processEnvironment,
      Clock clock) {
    return start(settings, counterStore, MetricsSetting.ON, processEnvironment, clock);
  }

  /** As {@link #start(ServerSettings, String, Map, Clock)}, serving metrics as {@code metrics}. */
  static Sidecar start(
      ServerSettings settings,
      String counterStore,
      MetricsSetting metrics,
      Map<String, String> processEnvironment,
      Clock clock) {
    if (settings.tlsEnabled()) {
      throw new StartupException(
          "tlscertfile or tlscertkey is set, but authnzrv does not serve TLS yet;"
              + " terminate TLS in a reverse proxy and unset both");
    }

    checkListenAddresses(settings, metrics);

    // Sessions and users are read through a short-lived cache; see docs/benchmarks.md for the
    // bound.
    JdbcStore database = openStore(settings.authDb());
    CachingStore store = CachingStore.wrap(database, ROW_CACHE_TTL);
    AuthnzService service;
    boolean fresh;
    try {
      fresh = store.roles().isEmpty();
      if (fresh && !Files.isDirectory(settings.baseDir())) {
        throw new StartupException(
            "basedir "
                + settings.baseDir()
                + " does not exist; the admin credentials of a new database are written there");
      }
      service = buildService(settings, store, clock);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }

    @Nullable CounterStore counters = null;
    try {
      initialize(service, fresh, settings.baseDir(), processEnvironment, clock);
      counters = openCounters(counterStore, database, settings.userLockTime(), clock);
      FailedLoginThrottle throttle =
          new FailedLoginThrottle(
              counters, store, clock, settings.userLockTries(), settings.userLockTime());
      AuthnzHttpServer server = startServer(settings, service, counters, throttle, metrics);
      return new Sidecar(service, server, counters);
    } catch (RuntimeException e) {
      if (counters != null) {
        counters.close();
      }
      service.close();
      throw e;
    }
  }

  /** The bound port. */
  int port() {
    return server.port();
  }

  /** Stops the HTTP server, then closes the service and its store. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } finally {
      try {
        counters.close();
      } finally {
        service.close();
      }
    }
  }

  static JdbcStore openStore(DatabaseTarget target) {
    try {
      return target.open();
    } catch (RuntimeException e) {
      throw new StartupException("authdb: cannot open the auth database: " + FailureText.of(e), e);
    }
  }

  static AuthnzService buildService(ServerSettings settings, AuthnzStore store, Clock clock) {
    PasswordPolicy policy =
        PasswordChecker.parsePolicy(settings.passPolicy(), PasswordPolicy.FUNCTION_DEFAULT);
    try {
      return AuthnzService.builder()
          .store(store)
          .clock(clock)
          .piiSalt(settings.piiSalt().reveal())
          .passwordPolicy(policy)
          .serverFqdn(settings.serverFqdn())
          .sessionExpiryDays(settings.sessionExpiryDays())
          .userLockTries(settings.userLockTries())
          .userLockTime(settings.userLockTime())
          .mail(
              MailSettings.builder()
                  .server(settings.emailServer())
                  .port(settings.emailPort())
                  .user(settings.emailUser())
                  .password(settings.emailPass().reveal())
                  .sender(settings.emailSender())
                  .build())
          .permissions(settings.permissions())
          .build();
    } catch (InvalidConfigurationException e) {
      throw new StartupException("invalid setting: " + e.getMessage(), e);
    }
  }

  /** Section 9: system users on a fresh database, then the credentials file in basedir. */
  private static void initialize(
      AuthnzService service,
      boolean fresh,
      Path baseDir,
      Map<String, String> processEnvironment,
      Clock clock) {
    String email = AdminAccount.email(processEnvironment, "admin@localhost");
    String password = AdminAccount.password(processEnvironment);
    Optional<String> generated = AdminAccount.initialize(service, email, password);
    if (!fresh) {
      return;
    }

    String line = email + " " + generated.orElse(AdminAccount.USER_GENERATED) + "\n";
    Path file = baseDir.resolve(AdminAccount.CREDENTIALS_FILE);
    try {
      if (!PrivateFiles.createNew(file, line)) {
        file =
            baseDir.resolve(AdminAccount.CREDENTIALS_FILE + "-" + clock.instant().getEpochSecond());
        PrivateFiles.replace(file, line);
      }
    } catch (IOException e) {
      throw new StartupException(
          "cannot write the admin credentials file in " + baseDir + ": " + FailureText.of(e), e);
    }
    logger.info("new auth database: admin credentials written to {}", file);
  }

  private static CounterStore openCounters(
      String setting, JdbcStore store, Duration lockTime, Clock clock) {
    Duration failureMemory = CounterStores.failureMemory(lockTime);
    try {
      if (setting.strip().equalsIgnoreCase(CounterStores.DATABASE)) {
        return new FallbackCounterStore(
            JdbcCounterStore.of(store, failureMemory),
            new MemoryCounterStore(failureMemory),
            clock);
      }
      return CounterStores.open(setting, failureMemory, clock);
    } catch (InvalidConfigurationException e) {
      throw new StartupException("invalid setting: " + e.getMessage(), e);
    }
  }

  /**
   * Fails on a listen address, or a separate metrics address, that does not resolve or cannot be
   * bound, before the store is opened and a new database set up, so that a mistyped setting leaves
   * no database or credentials file behind. The ports are bound together (so a metrics port equal
   * to the sidecar's is found too) and released at once; the server binds them again afterwards.
   */
  private static void checkListenAddresses(ServerSettings settings, MetricsSetting metrics) {
    InetSocketAddress address = new InetSocketAddress(settings.listen(), settings.port());
    if (address.isUnresolved()) {
      throw new StartupException(unresolvedListen(settings));
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      try {
        probe.bind(address);
      } catch (IOException e) {
        throw new StartupException(listenFailure(settings, e), e);
      }
      if (metrics.address() != null) {
        checkMetricsAddress(metrics.address(), metrics.port());
      }
    } catch (IOException e) {
      throw new StartupException(listenFailure(settings, e), e); // closing the probe failed
    }
  }

  private static void checkMetricsAddress(String host, int port) {
    InetSocketAddress address = new InetSocketAddress(host, port);
    String where = "cannot serve metrics on " + host + ":" + port + ": ";
    if (address.isUnresolved()) {
      throw new StartupException(where + "not a valid address");
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(address);
    } catch (IOException e) {
      throw new StartupException(where + FailureText.of(e), e);
    }
  }

  private static String unresolvedListen(ServerSettings settings) {
    return "cannot listen on "
        + settings.listen()
        + ": not a valid address (listen takes an IP address or a host name that resolves)";
  }

  private static String listenFailure(ServerSettings settings, Exception e) {
    return "cannot listen on "
        + settings.listen()
        + ":"
        + settings.port()
        + ": "
        + FailureText.of(e);
  }

  private static AuthnzHttpServer startServer(
      ServerSettings settings,
      AuthnzService service,
      CounterStore counters,
      FailedLoginThrottle throttle,
      MetricsSetting metrics) {
    AuthnzHttpServer.Builder builder =
        AuthnzHttpServer.builder()
            .service(service)
            .secret(settings.secret().reveal())
            .listen(settings.listen())
            .port(settings.port())
            .allowedHosts(settings.allowedHosts())
            .dispatcher(ActionDispatcher.of(service))
            .rateLimitingEnabled(settings.rateLimits().enabled())
            .rateLimits(settings.rateLimits().limits())
            .counterStore(counters)
            .loginThrottle(throttle)
            .workers(settings.workers())
            .debug(settings.debugMode());
    AuthnzHttpServer server = metrics.applyTo(builder).build();
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      if (FailureText.isUnresolvedAddress(e)) {
        throw new StartupException(unresolvedListen(settings), e);
      }
      throw new StartupException(listenFailure(settings, e), e);
    }
    return server;
  }
}
