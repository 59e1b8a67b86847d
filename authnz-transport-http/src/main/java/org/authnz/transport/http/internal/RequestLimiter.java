package org.authnz.transport.http.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The seam where request rate limiting ({@code spec/rate-limits.md}) plugs into the sidecar: the
 * pipeline asks it once per {@code POST /} after the {@code client_ipaddr} check and before the
 * body is looked at (step 7 of {@code spec/wire-protocol.md} section 6), and once per {@code GET
 * /health} under the action name {@code apikey-healthcheck} keyed by the TCP peer address. A
 * refusal is answered with 429 and {@code Retry-After: 180}.
 *
 * <p>Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface RequestLimiter {

  /** The action name {@code GET /health} is counted under. */
  String HEALTH_ACTION = "apikey-healthcheck";

  /**
   * Counts one request and says whether it may go on.
   *
   * @param action the envelope's {@code request} value (not necessarily a known action)
   * @param client the client's key: the envelope's {@code client_ipaddr} as text, or the peer
   *     address for {@code /health}
   * @param body the envelope's {@code body} as received (any JSON value), for the e-mail, user,
   *     session and API-key keys; a missing node for {@code /health}
   * @return false when the request is over its limit
   */
  boolean tryAcquire(String action, String client, JsonNode body);

  /** A limiter that counts nothing and allows everything. */
  static RequestLimiter unlimited() {
    return (action, client, body) -> true;
  }
}
