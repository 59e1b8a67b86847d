package org.authnz.spi;

/**
 * Everything authnz keeps: users, roles, sessions and API keys.
 *
 * <p>Implementations: the in-memory store in core ({@code InMemoryStore}), {@code JdbcStore} in
 * authnz-store-jdbc, or a team's own, proven with the contract suite in core's test-jar.
 */
public interface AuthnzStore extends UserStore, SessionStore, ApiKeyStore, AutoCloseable {

  /**
   * Checks the store is reachable and readable, as {@code GET /health} reports it.
   *
   * @return true when a trivial read succeeded
   */
  boolean isHealthy();

  /** Releases connections and files. */
  @Override
  void close();
}
