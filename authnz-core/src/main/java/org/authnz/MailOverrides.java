package org.authnz;

import org.jspecify.annotations.Nullable;

/**
 * SMTP settings that one e-mail request brings along. As in the reference, a setting that is
 * present replaces the configured one even when it is null, and a null sender, server or port makes
 * the request fail; settings that are absent keep the configured value.
 *
 * <h2>Security</h2>
 *
 * <p>{@link #toString()} never prints the password. Immutable and thread-safe.
 */
public final class MailOverrides {
  private static final MailOverrides NONE =
      new MailOverrides(false, null, false, null, false, null, false, null, false, null);

  private final boolean hasServer;
  private final @Nullable String server;
  private final boolean hasPort;
  private final @Nullable Integer port;
  private final boolean hasUser;
  private final @Nullable String user;
  private final boolean hasPassword;
  private final @Nullable String password;
  private final boolean hasSender;
  private final @Nullable String sender;

  private MailOverrides(
      boolean hasServer,
      @Nullable String server,
      boolean hasPort,
      @Nullable Integer port,
      boolean hasUser,
      @Nullable String user,
      boolean hasPassword,
      @Nullable String password,
      boolean hasSender,
      @Nullable String sender) {
    this.hasServer = hasServer;
    this.server = server;
    this.hasPort = hasPort;
    this.port = port;
    this.hasUser = hasUser;
    this.user = user;
    this.hasPassword = hasPassword;
    this.password = password;
    this.hasSender = hasSender;
    this.sender = sender;
  }

  /** No overrides: the configured settings apply. */
  public static MailOverrides none() {
    return NONE;
  }

  /** Returns a copy that sets the server ({@code emailserver}). */
  public MailOverrides server(@Nullable String value) {
    return new MailOverrides(
        true, value, hasPort, port, hasUser, user, hasPassword, password, hasSender, sender);
  }

  /** Returns a copy that sets the port ({@code emailport}). */
  public MailOverrides port(@Nullable Integer value) {
    return new MailOverrides(
        hasServer, server, true, value, hasUser, user, hasPassword, password, hasSender, sender);
  }

  /** Returns a copy that sets the login user ({@code emailuser}). */
  public MailOverrides user(@Nullable String value) {
    return new MailOverrides(
        hasServer, server, hasPort, port, true, value, hasPassword, password, hasSender, sender);
  }

  /** Returns a copy that sets the login password ({@code emailpass}). */
  public MailOverrides password(@Nullable String value) {
    return new MailOverrides(
        hasServer, server, hasPort, port, hasUser, user, true, value, hasSender, sender);
  }

  /** Returns a copy that sets the sender ({@code emailsender}). */
  public MailOverrides sender(@Nullable String value) {
    return new MailOverrides(
        hasServer, server, hasPort, port, hasUser, user, hasPassword, password, true, value);
  }

  /** Whether no setting is present, as in {@link #none()}. */
  public boolean isEmpty() {
    return !(hasServer || hasPort || hasUser || hasPassword || hasSender);
  }

  /** The settings to send with: these overrides over {@code configured} (which may be absent). */
  SmtpTarget over(@Nullable MailSettings configured) {
    return new SmtpTarget(
        hasServer ? server : configured == null ? null : configured.server(),
        hasPort ? port : configured == null ? null : Integer.valueOf(configured.port()),
        hasUser ? user : configured == null ? null : configured.user().orElse(null),
        hasPassword
            ? password
            : configured == null ? null : configured.revealPassword().orElse(null),
        hasSender ? sender : configured == null ? null : configured.sender(),
        configured);
  }

  @Override
  public String toString() {
    return "MailOverrides[server="
        + (hasServer ? server : "-")
        + ", port="
        + (hasPort ? port : "-")
        + ", password="
        + (hasPassword ? "redacted" : "-")
        + "]";
  }

  /** Effective settings for one message; any of them may be missing. Not for logging. */
  static final class SmtpTarget {
    final @Nullable String server;
    final @Nullable Integer port;
    final @Nullable String user;
    final @Nullable String password;
    final @Nullable String sender;
    final MailSettings.Security security;
    final boolean verifyCertificate;
    final java.time.Duration timeout;

    SmtpTarget(
        @Nullable String server,
        @Nullable Integer port,
        @Nullable String user,
        @Nullable String password,
        @Nullable String sender,
        @Nullable MailSettings configured) {
      this.server = server;
      this.port = port;
      this.user = user;
      this.password = password;
      this.sender = sender;
      MailSettings base = configured != null ? configured : MailSettings.builder().build();
      this.security = base.security();
      this.verifyCertificate = base.verifyCertificate();
      this.timeout = base.timeout();
    }

    /** Whether sender, server and port are all set. */
    boolean isComplete() {
      return server != null && port != null && sender != null;
    }
  }
}
