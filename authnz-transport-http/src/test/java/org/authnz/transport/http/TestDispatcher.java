package org.authnz.transport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;

/**
 * A small real dispatcher for the server tests: a few session actions over an in-memory token set,
 * with the reference's result shapes, plus actions that fail in the ways the server must handle.
 */
final class TestDispatcher implements ActionDispatcher {

  static final String RAISED_SECRET = "marker-secret-from-a-failing-action";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> ACTIONS =
      Set.of(
          "session-exists",
          "session-delete",
          "test-raise",
          "test-bad",
          "test-nan",
          "test-body",
          "test-block");

  final Set<String> sessions = ConcurrentHashMap.newKeySet();

  /** Lets {@code test-block} actions finish. */
  final CountDownLatch release = new CountDownLatch(1);

  @Override
  public boolean isKnownAction(String action) {
    return ACTIONS.contains(action);
  }

  @Override
  public DispatchResult dispatch(String action, ObjectNode body, JsonNode reqid) {
    if (!isKnownAction(action)) {
      return new DispatchResult.UnknownAction();
    }
    switch (action) {
      case "test-raise":
        throw new IllegalStateException(RAISED_SECRET);
      case "test-block":
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new DispatchResult.Answer(NODES.objectNode().put("success", true));
      case "test-bad":
        return new DispatchResult.BadRequest("test refusal");
      case "test-nan":
        return new DispatchResult.Answer(
            NODES.objectNode().put("success", true).put("value", Double.NaN));
      case "test-body":
        ObjectNode result = NODES.objectNode().put("success", true);
        result.set("body", body);
        result.putArray("messages");
        return new DispatchResult.Answer(result);
      default:
        break;
    }

    JsonNode token = body.get("session_token");
    if (token == null || !token.isTextual()) {
      return new DispatchResult.Answer(schemaFailure(action));
    }
    if (action.equals("session-delete")) {
      boolean removed = sessions.remove(token.textValue());
      ObjectNode result = NODES.objectNode().put("success", removed);
      result.putArray("messages").add(removed ? "Session deleted." : "Session not found.");
      if (!removed) {
        result.put("failure_reason", "session not found");
      }
      return new DispatchResult.Answer(result);
    }
    boolean exists = sessions.contains(token.textValue());
    ObjectNode result = NODES.objectNode().put("success", exists);
    if (exists) {
      result.putObject("session_info").put("user_id", 2);
      result.putArray("messages").add("Session look up successful.");
    } else {
      result.putNull("session_info");
      result.put("failure_reason", "session does not exist or expired");
      result.putArray("messages").add("Session look up failed.");
    }
    return new DispatchResult.Answer(result);
  }

  /** The reference's schema-failure result for a missing {@code session_token}. */
  private static ObjectNode schemaFailure(String action) {
    ObjectNode result = NODES.objectNode().put("success", false);
    ObjectNode inner = result.putObject("response");
    inner
        .putArray("problems")
        .addObject()
        .put("param", "session_token")
        .put("problem", "missing")
        .put("required_type", "str")
        .put("required_param", true);
    inner.put("failure_reason", "invalid request parameters");
    result.putArray("messages").add("request '" + action + "' has invalid parameters");
    return result;
  }
}
