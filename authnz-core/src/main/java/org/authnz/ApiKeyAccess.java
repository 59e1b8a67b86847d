package org.authnz;

/**
 * The access check every API key action runs: {@code user-check-access} for item {@code apikey},
 * visibility {@code private}, nobody shared with. Implementations are thread-safe.
 */
@FunctionalInterface
interface ApiKeyAccess {

  /**
   * Whether {@code userId}, claiming {@code role}, may apply {@code action} ({@code create}, {@code
   * view} or {@code delete}) to API keys owned by {@code owner}; false also when the check fails.
   */
  boolean allows(long userId, String role, String action, long owner);
}
