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

  /**
   * The dispatcher over {@code service}, with the table of all 38 action names.
   *
   * <p>Bodies are validated as {@link ActionSchema} describes; a failing body gets the reference's
   * {@code problems} report as an {@link DispatchResult.Answer}. The actions {@code session-new},
   * {@code session-exists}, {@code session-delete}, {@code session-delete-userid}, {@code
   * internal-session-edit}, {@code user-new}, {@code user-login}, {@code user-logout}, {@code
   * user-passcheck}, {@code user-passcheck-nosession}, {@code user-lookup-email}, {@code
   * user-validatepass}, {@code user-set-emailverified}, {@code user-set-emailsent}, and the user
   * administration actions {@code user-delete}, {@code internal-user-delete}, {@code user-list},
   * {@code user-lookup-match}, {@code user-edit}, {@code internal-user-edit}, {@code user-lock} and
   * {@code internal-user-lock} run against the service and answer the reference's result object.
   * The other actions validate their body and then answer {@code {"success": false,
   * "failure_reason": "action not implemented yet", "messages": [...]}}. An exception escaping an
   * action becomes {@link DispatchResult.BadRequest}. The body's {@code reqid} and {@code pii_salt}
   * keys are ignored.
   */
  static ActionDispatcher of(org.authnz.AuthnzService service) {
    return new DefaultActionDispatcher(service);
  }

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
