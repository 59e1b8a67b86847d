package org.authnz.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.authnz.AccessCheckRequest;
import org.authnz.AuthnzService;
import org.authnz.Denial;
import org.authnz.LimitCheckRequest;
import org.authnz.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * The wire mapping of {@code user-check-access} and {@code user-check-limit}: schema-checked body
 * in, the reference's result object out. Thread-safe (stateless).
 */
final class AccessWire {

  private AccessWire() {}

  static ObjectNode userCheckAccess(AuthnzService service, ObjectNode body) {
    AccessCheckRequest request =
        new AccessCheckRequest(
            integer(body, "user_id"),
            text(body, "user_role"),
            text(body, "action"),
            text(body, "target_name"),
            integer(body, "target_owner"),
            text(body, "target_visibility"),
            text(body, "target_sharedwith"));
    return write(service.access().check(request));
  }

  static ObjectNode userCheckLimit(AuthnzService service, ObjectNode body) {
    LimitCheckRequest request =
        new LimitCheckRequest(
            integer(body, "user_id"),
            text(body, "user_role"),
            text(body, "limit_name"),
            value(body.get("value_to_check")));
    return write(service.access().checkLimit(request));
  }

  private static ObjectNode write(Outcome<Boolean> outcome) {
    if (outcome instanceof Outcome.Success<Boolean> success) {
      return WireResults.success(success.messages());
    }
    Denial denial = ((Outcome.Denied<Boolean>) outcome).denial();
    return WireResults.failure(denial);
  }

  /**
   * A JSON value as {@link org.authnz.policy.PermissionPolicy#underLimit} takes it: numbers,
   * booleans and text as Java values, anything else (arrays, objects) as the node itself, which
   * never converts to a number.
   */
  static @Nullable Object value(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    return node;
  }

  private static String text(ObjectNode body, String key) {
    return body.get(key).textValue();
  }

  /** An {@code int} schema value: an integer, or a boolean as 0/1. */
  private static long integer(ObjectNode body, String key) {
    JsonNode value = body.get(key);
    if (value.isBoolean()) {
      return value.booleanValue() ? 1 : 0;
    }
    if (!value.canConvertToLong()) {
      throw new IllegalArgumentException("integer out of range");
    }
    return value.longValue();
  }
}
