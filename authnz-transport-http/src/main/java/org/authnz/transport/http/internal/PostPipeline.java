package org.authnz.transport.http.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.authnz.DenialCode;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.transport.http.protocol.Extensions;
import org.authnz.transport.http.protocol.InvalidTokenException;
import org.authnz.transport.http.protocol.WireCodec;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing of one {@code POST /} body, steps 1-11 and 13 of {@code spec/wire-protocol.md}
 * section 6: decrypt, check the envelope, rate-limit, dispatch, wrap the result in the response
 * envelope of section 5 and encrypt it.
 *
 * <p>Malformed envelopes (not an object, no {@code request}, a non-string {@code request}, no or
 * {@code null} {@code reqid}, no {@code body}) get 400 where the reference answered 500 ({@code
 * DESIGN.md} section 7). Any exception escaping an action becomes 400, never a stack trace.
 *
 * <p>Thread-safe; runs on the worker pool, never on a Jetty selector thread. Decrypted bodies are
 * never logged.
 */
public final class PostPipeline {

  private static final Logger logger = LoggerFactory.getLogger(PostPipeline.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final WireCodec codec;
  private final ActionDispatcher dispatcher;
  private final RequestLimiter limiter;
  private final boolean rateLimitingEnabled;
  private final @Nullable FailedLoginThrottle throttle;
  private final Runnable onLockAnswer;

  /** Creates the pipeline; {@code limiter} is consulted only when rate limiting is enabled. */
  public PostPipeline(
      WireCodec codec,
      ActionDispatcher dispatcher,
      RequestLimiter limiter,
      boolean rateLimitingEnabled) {
    this(codec, dispatcher, limiter, rateLimitingEnabled, null);
  }

  /**
   * Creates the pipeline with the failed-login throttle of step 12 ({@code spec/wire-protocol.md}
   * section 11); null leaves step 12 out.
   */
  public PostPipeline(
      WireCodec codec,
      ActionDispatcher dispatcher,
      RequestLimiter limiter,
      boolean rateLimitingEnabled,
      @Nullable FailedLoginThrottle throttle) {
    this(codec, dispatcher, limiter, rateLimitingEnabled, throttle, () -> {});
  }

  /**
   * Creates the pipeline with the failed-login throttle; {@code onLockAnswer} runs each time an
   * attempt is answered with the automatic-lock envelope (for the metrics).
   */
  public PostPipeline(
      WireCodec codec,
      ActionDispatcher dispatcher,
      RequestLimiter limiter,
      boolean rateLimitingEnabled,
      @Nullable FailedLoginThrottle throttle,
      Runnable onLockAnswer) {
    this.onLockAnswer = requireNonNull(onLockAnswer, "onLockAnswer");
    this.codec = requireNonNull(codec, "codec");
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
    this.limiter = requireNonNull(limiter, "limiter");
    this.rateLimitingEnabled = rateLimitingEnabled;
    this.throttle = throttle;
  }

  /**
   * An answer and how long to hold it back (the failed-login slow-down).
   *
   * @param reply the answer
   * @param delay how long to wait before sending it; zero for at once
   */
  public record Deferred(Reply reply, Duration delay) {

    /** Checks the components. */
    public Deferred {
      requireNonNull(reply, "reply");
      requireNonNull(delay, "delay");
    }

    static Deferred now(Reply reply) {
      return new Deferred(reply, Duration.ZERO);
    }
  }

  /**
   * Processes one request body and returns the answer, ignoring any failed-login delay; never
   * throws for bad input.
   */
  public Reply process(byte[] body) {
    return processDeferred(body).reply();
  }

  /**
   * Processes one request body and returns the answer with the time to hold it back; never throws
   * for bad input.
   */
  public Deferred processDeferred(byte[] body) {
    try {
      return processOrThrow(body);
    } catch (RuntimeException e) {
      // The reference's catch-all: whatever went wrong is the request's fault as far as the client
      // can tell. The exception class is enough to investigate; its message may quote input.
      logger.atWarn().addKeyValue("error", e.getClass().getName()).log("request failed");
      return Deferred.now(Reply.error(400));
    }
  }

  private Deferred processOrThrow(byte[] rawBody) {
    JsonNode payload;
    try {
      payload = codec.decode(new String(rawBody, StandardCharsets.ISO_8859_1));
    } catch (InvalidTokenException e) {
      logger.debug("undecryptable request");
      return Deferred.now(Reply.error(401));
    }
    if (!Truthiness.isTruthy(payload)) {
      logger.debug("falsy request value");
      return Deferred.now(Reply.error(401));
    }

    if (!payload.isObject() || !payload.has("request")) {
      return Deferred.now(malformed("no request key"));
    }
    JsonNode request = payload.get("request");
    if (request.isTextual() && request.textValue().equals("echo")) {
      return Deferred.now(malformed("echo on /"));
    }
    JsonNode reqid = payload.get("reqid");
    if (reqid == null || reqid.isNull()) {
      return Deferred.now(malformed("no reqid"));
    }
    if (!request.isTextual()) {
      return Deferred.now(malformed("request is not a string"));
    }
    String action = request.textValue();
    JsonNode body = payload.get("body");

    if (rateLimitingEnabled) {
      JsonNode clientIp = payload.get("client_ipaddr");
      if (!Truthiness.isTruthy(clientIp)) {
        return Deferred.now(malformed("no client_ipaddr"));
      }
      if (body == null) {
        return Deferred.now(malformed("no body"));
      }
      String client = clientIp.isTextual() ? clientIp.textValue() : clientIp.toString();
      if (!limiter.tryAcquire(action, client, body)) {
        logger.atDebug().addKeyValue("action", action).log("rate limited");
        return Deferred.now(Reply.error(429));
      }
    }

    if (body == null || !body.isObject()) {
      return Deferred.now(malformed("body is not an object"));
    }
    // Step 8: the action sees the envelope's reqid, and never a client-supplied PII salt.
    ObjectNode actionBody = ((ObjectNode) body).deepCopy();
    actionBody.set("reqid", reqid);
    actionBody.remove("pii_salt");

    if (!dispatcher.isKnownAction(action)) {
      return Deferred.now(malformed("unknown action"));
    }
    FailedLoginThrottle lockout = throttle;
    boolean throttled = lockout != null && FailedLoginThrottle.appliesTo(action);
    JsonNode email = actionBody.get("email");
    DispatchResult result = dispatcher.dispatch(action, actionBody, reqid);
    Asked asked =
        new Asked(
            Truthiness.isTruthy(payload.get(Extensions.ASK_DENIAL_CODES)),
            Truthiness.isTruthy(payload.get(Extensions.ASK_TYPED_RESULTS)));
    if (!throttled || !(result instanceof DispatchResult.Answer answer)) {
      return Deferred.now(answer(action, result, reqid, asked));
    }
    // Step 12: the failed-login slow-down and automatic lock, keyed by the exact e-mail string.
    if (email == null) {
      return Deferred.now(malformed("no email for the failed-login count"));
    }
    String key = email.isTextual() ? email.textValue() : email.toString();
    boolean succeeded = Truthiness.isTruthy(answer.result().get("success"));
    FailedLoginThrottle.Verdict verdict = lockout.afterAttempt(key, succeeded);
    if (verdict.locked()) {
      onLockAnswer.run();
      DispatchResult locked = new DispatchResult.Answer(lockedResult(), DenialCode.INACTIVE_USER);
      return Deferred.now(answer(action, locked, reqid, asked));
    }
    return new Deferred(answer(action, result, reqid, asked), verdict.delay());
  }

  /** Which of the authnz extensions ({@link Extensions}) the request envelope asks for. */
  private record Asked(boolean denialCodes, boolean typedResults) {}

  private Reply answer(String action, DispatchResult result, JsonNode reqid, Asked asked) {
    if (result instanceof DispatchResult.Answer answer) {
      ObjectNode envelope = envelope(answer.result(), reqid);
      if (asked.denialCodes() && answer.denialCode() != null) {
        envelope.put(Extensions.DENIAL_CODE, answer.denialCode().name());
      }
      if (asked.typedResults() && answer.typedResult() != null) {
        envelope.set(Extensions.TYPED_RESULT, answer.typedResult());
      }
      String wire = codec.encode(envelope);
      logger.atDebug().addKeyValue("action", action).log("answered");
      return new Reply(200, ErrorBodies.TEXT_PLAIN, wire);
    }
    if (result instanceof DispatchResult.BadRequest bad) {
      logger
          .atDebug()
          .addKeyValue("action", action)
          .addKeyValue("reason", bad.reason())
          .log("bad request");
      return Reply.error(400);
    }
    return malformed("unknown action");
  }

  /** The lock envelope's result ({@code spec/actions-users-sessions.md} section 2.2). */
  private static ObjectNode lockedResult() {
    ObjectNode result = NODES.objectNode();
    result.put("success", false);
    result.putNull("user_id");
    result.putArray("messages").add(FailedLoginThrottle.LOCKED_MESSAGE);
    return result;
  }

  /** The response envelope of {@code spec/wire-protocol.md} section 5. */
  static ObjectNode envelope(ObjectNode result, JsonNode reqid) {
    JsonNode success = result.get("success");
    boolean succeeded = Truthiness.isTruthy(success);
    JsonNode messages = result.get("messages");
    JsonNode failureReason = result.get("failure_reason");

    ObjectNode envelope = NODES.objectNode();
    envelope.set("success", success == null ? BooleanNode.FALSE : success);
    envelope.set("response", result);
    envelope.set("messages", messages == null ? NODES.arrayNode() : messages);
    envelope.set("reqid", reqid);
    if (!succeeded && failureReason != null) {
      envelope.set("failure_reason", failureReason);
    }
    return envelope;
  }

  private static Reply malformed(String why) {
    logger.atDebug().addKeyValue("why", why).log("malformed request");
    return Reply.error(400);
  }
}
