package org.authnz.transport.http.cli;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.authnz.transport.http.AuthnzHttpServer;
import org.jspecify.annotations.Nullable;

/**
 * The {@code metrics} setting (not an item of the reference): {@code on} serves {@code GET
 * /metrics} on the sidecar's own address and port, {@code off} serves no metrics, and {@code PORT}
 * or {@code ADDRESS:PORT} serves them only on that listener.
 *
 * @param enabled whether metrics are served
 * @param address the separate listener's address, or null for the sidecar's own listener
 * @param port the separate listener's port (0: a free one); -1 without a separate listener
 */
record MetricsSetting(boolean enabled, @Nullable String address, int port) {

  /** The default: on, on the sidecar's port. */
  static final MetricsSetting ON = new MetricsSetting(true, null, -1);

  /**
   * Reads the setting; a bare port listens on {@code defaultAddress}.
   *
   * @throws StartupException when the value is none of the accepted forms
   */
  static MetricsSetting parse(String value, String defaultAddress) {
    requireNonNull(value, "value");
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.equals("on")) {
      return ON;
    }
    if (text.equals("off")) {
      return new MetricsSetting(false, null, -1);
    }
    int colon = text.lastIndexOf(':');
    String address = colon < 0 ? defaultAddress : text.substring(0, colon);
    int port = port(colon < 0 ? text : text.substring(colon + 1));
    if (address.isBlank() || port < 0) {
      throw new StartupException(
          "invalid setting: metrics must be on, off, PORT or ADDRESS:PORT (port 0..65535)");
    }
    return new MetricsSetting(true, address, port);
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      return port <= 65535 ? port : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Applies the setting to a server builder. */
  AuthnzHttpServer.Builder applyTo(AuthnzHttpServer.Builder builder) {
    if (address != null) {
      return builder.metricsListener(address, port);
    }
    return builder.metrics(enabled);
  }
}
