package org.authnz.transport.http.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.authnz.transport.http.protocol.InvalidTokenException;
import org.authnz.transport.http.protocol.WireCodec;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;
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

  /** Creates the pipeline; {@code limiter} is consulted only when rate limiting is enabled. */
  public PostPipeline(
      WireCodec codec,
      ActionDispatcher dispatcher,
      RequestLimiter limiter,
      boolean rateLimitingEnabled) {
    this.codec = requireNonNull(codec, "codec");
    this.dispatcher = requireNonNull(dispatcher, "dispatcher");
    this.limiter = requireNonNull(limiter, "limiter");
    this.rateLimitingEnabled = rateLimitingEnabled;
  }

  /** Processes one request body and returns the answer; never throws for bad input. */
  public Reply process(byte[] body) {
    try {
      return processOrThrow(body);
    } catch (RuntimeException e) {
      // The reference's catch-all: whatever went wrong is the request's fault as far as the client
      // can tell. The exception class is enough to investigate; its message may quote input.
      logger.atWarn().addKeyValue("error", e.getClass().getName()).log("request failed");
      return Reply.error(400);
    }
  }

  private Reply processOrThrow(byte[] rawBody) {
    JsonNode payload;
    try {
      payload = codec.decode(new String(rawBody, StandardCharsets.ISO_8859_1));
    } catch (InvalidTokenException e) {
      logger.debug("undecryptable request");
      return Reply.error(401);
    }
    if (!Truthiness.isTruthy(payload)) {
      logger.debug("falsy request value");
      return Reply.error(401);
    }

    if (!payload.isObject() || !payload.has("request")) {
      return malformed("no request key");
    }
    JsonNode request = payload.get("request");
    if (request.isTextual() && request.textValue().equals("echo")) {
      return malformed("echo on /");
    }
    JsonNode reqid = payload.get("reqid");
    if (reqid == null || reqid.isNull()) {
      return malformed("no reqid");
    }
    if (!request.isTextual()) {
      return malformed("request is not a string");
    }
    String action = request.textValue();
    JsonNode body = payload.get("body");

    if (rateLimitingEnabled) {
      JsonNode clientIp = payload.get("client_ipaddr");
      if (!Truthiness.isTruthy(clientIp)) {
        return malformed("no client_ipaddr");
      }
      if (body == null) {
        return malformed("no body");
      }
      String client = clientIp.isTextual() ? clientIp.textValue() : clientIp.toString();
      if (!limiter.tryAcquire(action, client, body)) {
        logger.atDebug().addKeyValue("action", action).log("rate limited");
        return Reply.error(429);
      }
    }

    if (body == null || !body.isObject()) {
      return malformed("body is not an object");
    }
    // Step 8: the action sees the envelope's reqid, and never a client-supplied PII salt.
    ObjectNode actionBody = ((ObjectNode) body).deepCopy();
    actionBody.set("reqid", reqid);
    actionBody.remove("pii_salt");

    if (!dispatcher.isKnownAction(action)) {
      return malformed("unknown action");
    }
    DispatchResult result = dispatcher.dispatch(action, actionBody, reqid);
    return answer(action, result, reqid);
  }

  private Reply answer(String action, DispatchResult result, JsonNode reqid) {
    if (result instanceof DispatchResult.Answer answer) {
      String wire = codec.encode(envelope(answer.result(), reqid));
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
