package org.authnz.transport.http.conformance;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.authnz.AuthnzService;
import org.authnz.limits.CounterStore;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.limits.MemoryCounterStore;
import org.authnz.spi.AuthnzStore;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.AuthnzHttpServer;

/**
 * A real sidecar on 127.0.0.1 with the server profile of FORMAT.md section 2: an SQLite file (or
 * another store), {@code userlocktries = 2}, {@code userlocktime = 15 s}, the conformance superuser
 * and a fresh Fernet key.
 */
final class Sidecar implements AutoCloseable {

  static final String ADMIN_EMAIL = "admin@test.org";
  static final String ADMIN_PASSWORD = "Conformance-Admin-Pass-7Q2x";

  private final AuthnzService service;
  private final AuthnzHttpServer server;
  private final String key;

  private Sidecar(AuthnzService service, AuthnzHttpServer server, String key) {
    this.service = service;
    this.server = server;
    this.key = key;
  }

  /** Starts a sidecar on a new database in {@code dir}. */
  static Sidecar start(Path dir) {
    return start(dir, UnaryOperator.identity());
  }

  /** As {@link #start(Path)} with further service settings (e.g. a mail server). */
  static Sidecar start(Path dir, UnaryOperator<AuthnzService.Builder> settings) {
    return start(
        JdbcStore.sqlite(dir.resolve("authnz.sqlite")),
        new MemoryCounterStore(Duration.ofHours(1)),
        WireClient.freshKey(),
        settings);
  }

  /**
   * Starts a sidecar on {@code store} (initialising it when empty) with failed logins counted in
   * {@code counters} and the Fernet key {@code key}; several sidecars may share all three, as a
   * cluster does. Closing the sidecar closes the store, not the counters.
   */
  static Sidecar start(
      AuthnzStore store,
      CounterStore counters,
      String key,
      UnaryOperator<AuthnzService.Builder> settings) {
    AuthnzService service =
        settings
            .apply(
                AuthnzService.builder()
                    .store(store)
                    .userLockTries(2)
                    .userLockTime(Duration.ofSeconds(15)))
            .build();
    try {
      service.initialize(ADMIN_EMAIL, ADMIN_PASSWORD);
      AuthnzHttpServer server =
          AuthnzHttpServer.builder()
              .service(service)
              .secret(key)
              .port(0)
              .loginThrottle(
                  new FailedLoginThrottle(
                      counters, store, Clock.systemUTC(), 2, Duration.ofSeconds(15)))
              .build();
      server.start();
      return new Sidecar(service, server, key);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  /** The shared Fernet key (test code only; never logged). */
  String key() {
    return key;
  }

  WireClient client() {
    return new WireClient(uri(), key);
  }

  @Override
  public void close() {
    server.close();
    service.close();
  }
}
