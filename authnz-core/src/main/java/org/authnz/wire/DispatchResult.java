package org.authnz.wire;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.authnz.DenialCode;
import org.jspecify.annotations.Nullable;

/** What the dispatcher made of one request. */
public sealed interface DispatchResult {

  /**
   * The action ran (or its body failed validation): {@code result} is the action's result object
   * ({@code success}, {@code messages}, usually {@code failure_reason} on failure, and the action's
   * own keys), to be wrapped in the response envelope of {@code spec/wire-protocol.md} section 5.
   * {@code denialCode} is the code of the denial the result reports, when the service denied the
   * action; null for a success, a schema failure or a result that no {@link org.authnz.Denial}
   * produced. It is not part of the result object: a transport sends it only to clients that ask
   * for it ({@code AuthnzClient}). {@code typedResult} holds, for the few actions whose result
   * object lacks part of the typed result (the session count of {@code session-delete-userid}, the
   * user id of a password reset, the user of {@code user-set-emailsent}, the expiry of an API key
   * verification), those parts; null otherwise. It is not part of the result object either, and is
   * sent only to clients that ask for it.
   */
  record Answer(
      ObjectNode result, @Nullable DenialCode denialCode, @Nullable ObjectNode typedResult)
      implements DispatchResult {
    public Answer {
      requireNonNull(result, "result");
    }

    /** An answer without typed-result members. */
    public Answer(ObjectNode result, @Nullable DenialCode denialCode) {
      this(result, denialCode, null);
    }

    /** An answer that carries no denial code. */
    public Answer(ObjectNode result) {
      this(result, null);
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
