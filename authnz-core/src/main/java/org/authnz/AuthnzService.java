package org.authnz;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.authnz.spi.AuthnzStore;
import org.jspecify.annotations.Nullable;

/**
 * The one entry point of authnz: users, sessions, passwords, e-mail, API keys and access checks.
 *
 * <p>Thread-safe. Built once with {@link #builder()}.
 */
public interface AuthnzService extends AutoCloseable {

  /** Returns a new builder. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Creates the roles and the system users 1 (superuser, {@code adminEmail}), 2 (anonymous) and 3
   * (locked dummy) on an empty store; does nothing on an initialised one.
   *
   * @param adminPassword the superuser's password, or null to generate one
   * @return the generated superuser password, when one was generated
   */
  Optional<String> initialize(String adminEmail, @Nullable String adminPassword);

  /** Whether the store answers, as {@code GET /health} reports. */
  boolean isHealthy();

  /** Closes the store. */
  @Override
  void close();

  /** Builds an {@link AuthnzService}. Not thread-safe. */
  final class Builder {
    @Nullable AuthnzStore store;
    Clock clock = Clock.systemUTC();
    String piiSalt = "";
    PasswordPolicy passwordPolicy = PasswordPolicy.SERVER_DEFAULT;
    String serverFqdn = "localhost";
    @Nullable Path disposableDomainsFile;
    int sessionExpiryDays = 30;
    int userLockTries = 10;
    Duration userLockTime = Duration.ofHours(1);

    Builder() {}

    /** The store (required). The service closes it when closed. */
    public Builder store(AuthnzStore store) {
      this.store = requireNonNull(store, "store");
      return this;
    }

    /** The clock for every timestamp and expiry; UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The secret key for hashing personal data in log lines. */
    public Builder piiSalt(String piiSalt) {
      this.piiSalt = requireNonNull(piiSalt, "piiSalt");
      return this;
    }

    /** The password policy; {@link PasswordPolicy#SERVER_DEFAULT} by default. */
    public Builder passwordPolicy(PasswordPolicy passwordPolicy) {
      this.passwordPolicy = requireNonNull(passwordPolicy, "passwordPolicy");
      return this;
    }

    /** The server's domain name that passwords must not resemble; {@code localhost} by default. */
    public Builder serverFqdn(String serverFqdn) {
      this.serverFqdn = requireNonNull(serverFqdn, "serverFqdn");
      return this;
    }

    /** A file of disposable e-mail domains, one a line; none by default. */
    public Builder disposableDomainsFile(Path file) {
      this.disposableDomainsFile = requireNonNull(file, "file");
      return this;
    }

    /** Days after expiry when the sweeper deletes a session; 30 by default. */
    public Builder sessionExpiryDays(int days) {
      this.sessionExpiryDays = days;
      return this;
    }

    /** Failed logins before an automatic lock; 10 by default. */
    public Builder userLockTries(int tries) {
      this.userLockTries = tries;
      return this;
    }

    /** How long an automatic lock lasts; one hour by default. */
    public Builder userLockTime(Duration time) {
      this.userLockTime = requireNonNull(time, "time");
      return this;
    }

    /**
     * Validates the settings and builds the service.
     *
     * @throws InvalidConfigurationException when a setting is missing or invalid
     */
    public AuthnzService build() {
      if (store == null) {
        throw new InvalidConfigurationException("a store is required");
      }
      throw new UnsupportedOperationException("built in a later step");
    }
  }
}
