package org.authnz.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.authnz.AuthnzService;
import org.authnz.DeleteUserRequest;
import org.authnz.Denial;
import org.authnz.DenialCode;
import org.authnz.EditUserRequest;
import org.authnz.InternalEditUserRequest;
import org.authnz.InternalLockUserRequest;
import org.authnz.LockUserRequest;
import org.authnz.LookupUsersRequest;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;

/**
 * The wire side of the user administration actions: body to typed request, {@link
 * AuthnzService.Admin} call, outcome to the reference's result object. Bodies have passed the
 * schema. Stateless and thread-safe.
 */
final class AdminWire {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private AdminWire() {}

  /** {@code user-delete}: success and failure name the given user id and e-mail. */
  static ObjectNode userDelete(AuthnzService service, ObjectNode body) {
    long userId = integer(body, "user_id");
    String email = body.get("email").textValue();
    DeleteUserRequest request =
        new DeleteUserRequest(email, userId, Password.of(body.get("password").textValue()));
    Outcome<Long> outcome = service.admin().delete(request);
    ObjectNode result = skeleton(outcome);
    result.set("user_id", WireResults.id(userId));
    result.put("email", email);
    return result;
  }

  /** {@code internal-user-delete}: only success names the user id. */
  static ObjectNode internalUserDelete(AuthnzService service, ObjectNode body) {
    long target = integer(body, "target_userid");
    Outcome<Long> outcome = service.admin().deleteInternal(target);
    ObjectNode result = skeleton(outcome);
    if (outcome.isSuccess()) {
      result.set("user_id", WireResults.id(target));
    }
    return result;
  }

  /**
   * {@code user-list}: {@code user_id} is not type-checked by the schema; null lists everyone, a
   * number (or its text, or a boolean) one id as the reference's SQLite compares it, anything else
   * matches no user, and a container is a database error.
   */
  static ObjectNode userList(AuthnzService service, ObjectNode body) {
    JsonNode id = body.get("user_id");
    Outcome<List<StoredUser>> outcome;
    if (id.isNull()) {
      outcome = service.admin().list();
    } else if (id.isContainerNode()) {
      outcome = Outcome.denied(Denial.of(DenialCode.STORE_ERROR, null, "User look up failed."));
    } else {
      outcome = service.admin().list(listedId(id));
    }
    return writeUsers(outcome);
  }

  /** The id to list, or -1 (no user) for a value that is no whole number. */
  private static long listedId(JsonNode id) {
    if (id.isBoolean()) {
      return id.booleanValue() ? 1 : 0;
    }
    BigDecimal number = null;
    if (id.isNumber()) {
      number = id.decimalValue();
    } else if (id.isTextual()) {
      try {
        number = new BigDecimal(id.textValue().strip());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    if (number == null) {
      return -1;
    }
    try {
      return number.longValueExact();
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  /** {@code user-lookup-match}. */
  static ObjectNode userLookupMatch(AuthnzService service, ObjectNode body) {
    LookupUsersRequest request =
        new LookupUsersRequest(body.get("by").textValue(), body.get("match"));
    return writeUsers(service.admin().lookUp(request));
  }

  /** {@code user-edit}. */
  static ObjectNode userEdit(AuthnzService service, ObjectNode body) {
    EditUserRequest request =
        new EditUserRequest(
            integer(body, "user_id"),
            body.get("user_role").textValue(),
            SessionToken.of(body.get("session_token").textValue()),
            integer(body, "target_userid"),
            (ObjectNode) body.get("update_dict"));
    return writeUser(service.admin().edit(request), true);
  }

  /** {@code internal-user-edit}: its failures have no {@code user_info} key. */
  static ObjectNode internalUserEdit(AuthnzService service, ObjectNode body) {
    InternalEditUserRequest request =
        new InternalEditUserRequest(
            integer(body, "target_userid"), (ObjectNode) body.get("update_dict"));
    return writeUser(service.admin().editInternal(request), false);
  }

  /** {@code user-lock}. */
  static ObjectNode userLock(AuthnzService service, ObjectNode body) {
    LockUserRequest request =
        new LockUserRequest(
            integer(body, "user_id"),
            body.get("user_role").textValue(),
            SessionToken.of(body.get("session_token").textValue()),
            integer(body, "target_userid"),
            body.get("action").textValue());
    return writeUser(service.admin().lock(request), true);
  }

  /** {@code internal-user-lock}. */
  static ObjectNode internalUserLock(AuthnzService service, ObjectNode body) {
    InternalLockUserRequest request =
        new InternalLockUserRequest(integer(body, "target_userid"), body.get("action").textValue());
    return writeUser(service.admin().lockInternal(request), true);
  }

  private static ObjectNode writeUsers(Outcome<List<StoredUser>> outcome) {
    ObjectNode result = skeleton(outcome);
    if (outcome instanceof Outcome.Success<List<StoredUser>> success) {
      ArrayNode users = JSON.arrayNode();
      success.value().forEach(u -> users.add(WireResults.userInfo(u)));
      result.set("user_info", users);
    } else {
      result.putNull("user_info");
    }
    return result;
  }

  private static ObjectNode writeUser(Outcome<StoredUser> outcome, boolean nullOnFailure) {
    ObjectNode result = skeleton(outcome);
    if (outcome instanceof Outcome.Success<StoredUser> success) {
      result.set("user_info", WireResults.userInfo(success.value()));
    } else if (nullOnFailure) {
      result.putNull("user_info");
    }
    return result;
  }

  private static ObjectNode skeleton(Outcome<?> outcome) {
    if (outcome instanceof Outcome.Success<?> success) {
      return WireResults.success(success.messages());
    }
    return WireResults.failure(((Outcome.Denied<?>) outcome).denial());
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
