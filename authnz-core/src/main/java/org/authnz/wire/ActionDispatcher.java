package org.authnz.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The single mapping between the wire and {@link org.authnz.AuthnzService}: the table of the 38
 * action names, body validation with the reference's {@code problems} report, and the typed call
 * with its response writer. The sidecar, {@code AuthnzClient} and the conformance tests all go
 * through it.
 *
 * <p>Thread-safe.
 */
public interface ActionDispatcher {

  /** Whether {@code action} is one of the 38 wire action names. */
  boolean isKnownAction(String action);

  /**
   * Validates {@code body} against the action's schema and runs the action.
   *
   * @param action the {@code request} value of the envelope
   * @param body the {@code body} object of the envelope; not modified
   * @param reqid the envelope's {@code reqid}, for log correlation
   */
  DispatchResult dispatch(String action, ObjectNode body, JsonNode reqid);
}
