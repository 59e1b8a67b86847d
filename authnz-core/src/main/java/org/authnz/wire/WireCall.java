package org.authnz.wire;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.authnz.Denial;
import org.authnz.DenialCode;
import org.authnz.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * One typed {@link org.authnz.AuthnzService} call as a wire request: the action name, the request
 * body the dispatcher reads back into the same typed request, and the reader that turns the
 * action's result object back into the typed result. Made by {@link WireCalls}; a remote client
 * sends {@link #body()} under {@link #action()} and hands the answer to {@link #read}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the typed result, as the service method returns it
 */
public final class WireCall<T> {

  /**
   * Reads a result object, given the denial code and the typed-result members the sidecar sent with
   * it (each null if none).
   */
  @FunctionalInterface
  interface Reader<T> {
    T read(ObjectNode result, @Nullable DenialCode code, @Nullable ObjectNode typed);
  }

  private final String action;
  private final ObjectNode body;
  private final boolean readOnly;
  private final Reader<T> reader;
  private final Function<Denial, T> denied;

  private WireCall(
      String action,
      ObjectNode body,
      boolean readOnly,
      Reader<T> reader,
      Function<Denial, T> denied) {
    this.action = action;
    this.body = body;
    this.readOnly = readOnly;
    this.reader = reader;
    this.denied = denied;
  }

  /** A call whose result is an {@link Outcome}, read by {@code value} on success. */
  static <V> WireCall<Outcome<V>> outcome(
      String action, ObjectNode body, boolean readOnly, Function<ObjectNode, V> value) {
    return new WireCall<>(
        action,
        body,
        readOnly,
        (result, code, typed) -> {
          if (ActionSchema.isTruthy(result.get("success"))) {
            return new Outcome.Success<>(value.apply(result), messages(result));
          }
          return Outcome.denied(denial(result, code));
        },
        Outcome::denied);
  }

  /**
   * A call whose result is an {@link Outcome} whose success value needs the typed-result members
   * that an authnz sidecar sends on request ({@link DispatchResult.Answer#typedResult()}): {@code
   * value} reads them. A success without them (authnzerver, or an older sidecar) cannot be read.
   */
  static <V> WireCall<Outcome<V>> typedOutcome(
      String action, ObjectNode body, boolean readOnly, Function<ObjectNode, V> value) {
    return new WireCall<>(
        action,
        body,
        readOnly,
        (result, code, typed) -> {
          if (ActionSchema.isTruthy(result.get("success"))) {
            if (typed == null) {
              throw new IllegalStateException(
                  "the answer to " + action + " lacks the typed result: not an authnz sidecar");
            }
            return new Outcome.Success<>(value.apply(typed), messages(result));
          }
          return Outcome.denied(denial(result, code));
        },
        Outcome::denied);
  }

  /** A call with its own reader (results that are no {@link Outcome}). */
  static <V> WireCall<V> custom(
      String action,
      ObjectNode body,
      boolean readOnly,
      Reader<V> reader,
      Function<Denial, V> denied) {
    return new WireCall<>(action, body, readOnly, reader, denied);
  }

  /** The wire action name ({@code request} of the envelope). */
  public String action() {
    return action;
  }

  /**
   * The request body (a copy). It may hold secrets (passwords, tokens): send it encrypted, never
   * log it.
   */
  public ObjectNode body() {
    return body.deepCopy();
  }

  /**
   * Whether the action only reads, so that sending it twice has the effect of sending it once
   * (lookups, session checks, access checks); a client may retry only these after a request may
   * have reached the server.
   */
  public boolean isReadOnly() {
    return readOnly;
  }

  /**
   * Reads the action's result object (the envelope's {@code response}).
   *
   * @param code the denial code the sidecar sent with a failed result, or null when it sent none (a
   *     schema failure, or an older sidecar); a failed result without a code is read as {@link
   *     DenialCode#INVALID_REQUEST}
   */
  public T read(ObjectNode result, @Nullable DenialCode code) {
    return read(result, code, null);
  }

  /**
   * Reads the action's result object with the typed-result members the sidecar sent beside it.
   *
   * @param code as for {@link #read(ObjectNode, DenialCode)}
   * @param typed the typed-result members ({@link DispatchResult.Answer#typedResult()}), or null
   *     when the sidecar sent none
   * @throws IllegalStateException when a success needs typed-result members and {@code typed} is
   *     null or lacks them
   */
  public T read(ObjectNode result, @Nullable DenialCode code, @Nullable ObjectNode typed) {
    requireNonNull(result, "result");
    return reader.read(result, code, typed);
  }

  /**
   * The typed result of a denial that the transport decided on its own, without a result object
   * (e.g. {@link DenialCode#RATE_LIMITED} for HTTP 429).
   */
  public T denied(Denial denial) {
    return denied.apply(requireNonNull(denial, "denial"));
  }

  /** The denial a failed result reports. */
  static Denial denial(ObjectNode result, @Nullable DenialCode code) {
    JsonNode reason = result.get("failure_reason");
    JsonNode nested = result.path("response").get("failure_reason"); // a schema failure
    String failureReason =
        reason != null && reason.isTextual()
            ? reason.textValue()
            : nested != null && nested.isTextual() ? nested.textValue() : null;
    JsonNode user = result.get("user_id");
    Long userId = user != null && user.canConvertToLong() ? user.longValue() : null;
    return new Denial(
        code == null ? DenialCode.INVALID_REQUEST : code, failureReason, messages(result), userId);
  }

  static List<String> messages(ObjectNode result) {
    List<String> messages = new ArrayList<>();
    result.path("messages").forEach(m -> messages.add(m.asText()));
    return messages;
  }
}
