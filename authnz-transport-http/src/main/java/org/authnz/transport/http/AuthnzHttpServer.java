package org.authnz.transport.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.authnz.AuthnzService;

/**
 * The authnzerver-compatible sidecar: {@code POST /} and {@code GET /health} on Jetty.
 *
 * <p>Thread-safe.
 */
public final class AuthnzHttpServer implements AutoCloseable {

  private AuthnzHttpServer() {}

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts listening. */
  public void start() {
    throw new UnsupportedOperationException("not yet");
  }

  /** The bound port (useful with port 0). */
  public int port() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Stops the server; does not close the service. */
  @Override
  public void close() {}

  /** Builds an {@link AuthnzHttpServer}. Not thread-safe. */
  public static final class Builder {
    AuthnzService service;
    String secret;
    String listen = "127.0.0.1";
    int port = 13431;
    List<String> allowedHosts = List.of("localhost", "127.0.0.1");

    Builder() {}

    public Builder service(AuthnzService service) {
      this.service = requireNonNull(service, "service");
      return this;
    }

    /** The Fernet key shared with the frontends. */
    public Builder secret(String secret) {
      this.secret = requireNonNull(secret, "secret");
      return this;
    }

    public Builder listen(String address) {
      this.listen = requireNonNull(address, "address");
      return this;
    }

    /** The port; 0 picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Host names (without port) accepted in the {@code Host} header. */
    public Builder allowedHosts(List<String> hosts) {
      this.allowedHosts = List.copyOf(hosts);
      return this;
    }

    public AuthnzHttpServer build() {
      throw new UnsupportedOperationException("not yet");
    }
  }
}
