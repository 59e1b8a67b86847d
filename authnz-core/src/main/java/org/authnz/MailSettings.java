package org.authnz;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The SMTP server that the e-mail actions ({@code user-sendemail-signup}, {@code
 * user-sendemail-forgotpass}) send through, as the reference's {@code emailserver}, {@code
 * emailport}, {@code emailuser}, {@code emailpass} and {@code emailsender} settings. A request may
 * replace each of them ({@link MailOverrides}).
 *
 * <p>As in the reference, by default the connection is upgraded with STARTTLS and never used in
 * clear text: a server that does not offer STARTTLS gets no message. The server's certificate is
 * not verified by default, again as in the reference (local relays with self-signed certificates
 * keep working); turn {@link Builder#verifyCertificate(boolean)} on where the relay has a proper
 * certificate. The client logs in only when the server offers {@code AUTH} and both user and
 * password are set and not empty.
 *
 * <h2>Security</h2>
 *
 * <p>The password is never printed by {@link #toString()}; {@link #revealPassword()} is its only
 * accessor. Immutable and thread-safe.
 */
public final class MailSettings {

  /** How the SMTP connection is protected. */
  public enum Security {
    /** Plain connect, then STARTTLS, which the server must offer (the reference's way). */
    STARTTLS,
    /** TLS from the first byte ("SMTPS", usually port 465). */
    IMPLICIT_TLS
  }

  private final String server;
  private final int port;
  private final @Nullable String user;
  private final @Nullable String password;
  private final String sender;
  private final Security security;
  private final boolean verifyCertificate;
  private final Duration timeout;

  private MailSettings(Builder builder) {
    this.server = builder.server;
    this.port = builder.port;
    this.user = builder.user;
    this.password = builder.password;
    this.sender = builder.sender;
    this.security = builder.security;
    this.verifyCertificate = builder.verifyCertificate;
    this.timeout = builder.timeout;
  }

  /** Returns a builder with the reference's defaults: {@code localhost:25}, no login. */
  public static Builder builder() {
    return new Builder();
  }

  /** The SMTP host. */
  public String server() {
    return server;
  }

  /** The SMTP port. */
  public int port() {
    return port;
  }

  /** The login user, if any. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The login password, if any. Only for the SMTP login. */
  public Optional<String> revealPassword() {
    return Optional.ofNullable(password);
  }

  /** The {@code From} of sent mail, an RFC 822 {@code Name <address>} or a bare address. */
  public String sender() {
    return sender;
  }

  /** How the connection is protected. */
  public Security security() {
    return security;
  }

  /** Whether the server's certificate and host name are verified. */
  public boolean verifyCertificate() {
    return verifyCertificate;
  }

  /** The connect, read and write timeout. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "MailSettings[server="
        + server
        + ", port="
        + port
        + ", security="
        + security
        + ", password="
        + (password == null ? "none" : "redacted")
        + "]";
  }

  /** Builds {@link MailSettings}. Not thread-safe. */
  public static final class Builder {
    private String server = "localhost";
    private int port = 25;
    private @Nullable String user;
    private @Nullable String password;
    private String sender = "Authnzerver <authnzerver@localhost>";
    private Security security = Security.STARTTLS;
    private boolean verifyCertificate;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The SMTP host; {@code localhost} by default. */
    public Builder server(String server) {
      this.server = requireNonNull(server, "server");
      return this;
    }

    /** The SMTP port; 25 by default. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The login user; none by default. */
    public Builder user(@Nullable String user) {
      this.user = user;
      return this;
    }

    /** The login password; none by default. */
    public Builder password(@Nullable String password) {
      this.password = password;
      return this;
    }

    /** The sender; {@code Authnzerver <authnzerver@localhost>} by default. */
    public Builder sender(String sender) {
      this.sender = requireNonNull(sender, "sender");
      return this;
    }

    /** How the connection is protected; {@link Security#STARTTLS} by default. */
    public Builder security(Security security) {
      this.security = requireNonNull(security, "security");
      return this;
    }

    /** Whether to verify the server's certificate and host name; off by default. */
    public Builder verifyCertificate(boolean verify) {
      this.verifyCertificate = verify;
      return this;
    }

    /** The connect, read and write timeout; 30 s by default. */
    public Builder timeout(Duration timeout) {
      this.timeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @throws InvalidConfigurationException when the port or the timeout is out of range
     */
    public MailSettings build() {
      if (port < 1 || port > 65535) {
        throw new InvalidConfigurationException("the SMTP port must be 1 to 65535");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new InvalidConfigurationException("the SMTP timeout must be positive");
      }
      return new MailSettings(this);
    }
  }
}
