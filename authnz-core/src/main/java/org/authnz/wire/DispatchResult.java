package org.authnz.wire;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the dispatcher made of one request. */
public sealed interface DispatchResult {

  /**
   * The action ran (or its body failed validation): {@code result} is the action's result object
   * ({@code success}, {@code messages}, usually {@code failure_reason} on failure, and the action's
   * own keys), to be wrapped in the response envelope of {@code spec/wire-protocol.md} section 5.
   */
  record Answer(ObjectNode result) implements DispatchResult {
    public Answer {
      requireNonNull(result, "result");
    }
  }

  /** The action name is not one of the 38: the transport answers HTTP 400. */
  record UnknownAction() implements DispatchResult {}

  /**
   * The request could not be processed (the reference's catch-all 400): {@code reason} is for the
   * server log only, never sent to the client, and holds no secret.
   */
  record BadRequest(String reason) implements DispatchResult {
    public BadRequest {
      requireNonNull(reason, "reason");
    }
  }
}
