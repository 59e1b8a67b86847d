package org.authnz.transport.http.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import org.authnz.wire.ActionSchema;
import org.authnz.wire.ActionSchema.Param;

/**
 * Builds request plaintexts from an {@link Entropy}: mostly envelopes for one of the 38 actions
 * whose body holds the action's schema keys with values of any JSON kind, sometimes envelopes with
 * odd top-level values, sometimes raw bytes.
 */
final class RequestGenerator {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ACTIONS = ActionSchema.actions();
  private static final List<String> WORDS =
      List.of(
          "superuser",
          "staff",
          "authenticated",
          "anonymous",
          "locked",
          "lock",
          "unlock",
          "view",
          "create",
          "edit",
          "delete",
          "list",
          "public",
          "private",
          "shared",
          "signup",
          "forgotpass",
          "email",
          "user_id",
          "full_name",
          "is_active",
          "user_role",
          "max_requests",
          "2026-12-31T00:00:00.000000",
          "2026-12-31T00:00:00Z",
          "admin@security.test",
          "someone@example.com",
          "127.0.0.1",
          "::1",
          "1,2,3",
          "Mozilla/5.0");

  private RequestGenerator() {}

  /** One request plaintext (the bytes that are Fernet-encrypted). */
  static byte[] plaintext(Entropy entropy) {
    return switch (entropy.pick(8)) {
      case 0 -> entropy.bytes(512);
      case 1 -> write(oddEnvelope(entropy));
      default -> write(envelope(entropy));
    };
  }

  /** An envelope for a known action (mostly) whose body follows the action's schema loosely. */
  static ObjectNode envelope(Entropy entropy) {
    String action =
        entropy.pick(10) == 0 ? entropy.text(30) : ACTIONS.get(entropy.pick(ACTIONS.size()));
    ObjectNode body = NODES.objectNode();
    for (Param param : ActionSchema.params(action).orElse(List.of())) {
      int choice = entropy.pick(10);
      if (choice == 0) {
        continue; // missing
      }
      body.set(param.name(), choice < 6 ? typical(param, entropy) : value(entropy, 3));
    }
    if (entropy.pick(4) == 0) {
      body.set(entropy.pick(2) == 0 ? "pii_salt" : entropy.text(10), value(entropy, 2));
    }
    ObjectNode envelope = NODES.objectNode();
    envelope.put("request", action);
    envelope.set(
        "reqid", entropy.pick(2) == 0 ? NODES.numberNode(entropy.pick(1000)) : text(entropy));
    envelope.set("body", body);
    if (entropy.pick(3) == 0) {
      envelope.set("client_ipaddr", value(entropy, 1));
    }
    return envelope;
  }

  private static JsonNode oddEnvelope(Entropy entropy) {
    if (entropy.pick(4) == 0) {
      return value(entropy, 4);
    }
    ObjectNode envelope = NODES.objectNode();
    for (String key : List.of("request", "reqid", "body", "client_ipaddr")) {
      if (entropy.pick(4) != 0) {
        envelope.set(key, value(entropy, 3));
      }
    }
    return envelope;
  }

  /** A value of the key's own type, mostly plausible. */
  private static JsonNode typical(Param param, Entropy entropy) {
    String type = param.types().get(entropy.pick(param.types().size()));
    return switch (type) {
      case "str" -> text(entropy);
      case "int" -> NODES.numberNode(entropy.pick(8) - 2);
      case "float" -> NODES.numberNode(entropy.pick(2000) / 7.0);
      case "bool" -> NODES.booleanNode(entropy.pick(2) == 0);
      case "dict" -> object(entropy, 2);
      default -> value(entropy, 2);
    };
  }

  private static JsonNode text(Entropy entropy) {
    return NODES.textNode(
        entropy.pick(2) == 0 ? WORDS.get(entropy.pick(WORDS.size())) : entropy.text(40));
  }

  /** Any JSON value, nested at most {@code depth} levels. */
  static JsonNode value(Entropy entropy, int depth) {
    int kinds = depth > 0 ? 13 : 11;
    return switch (entropy.pick(kinds)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(entropy.pick(2) == 0);
      case 2 -> NODES.numberNode(entropy.pick(2001) - 1000);
      case 3 -> NODES.numberNode(new BigInteger("9".repeat(1 + entropy.pick(40))));
      case 4 -> NODES.numberNode(entropy.pick(100_000) / 3.0);
      case 5 -> NODES.numberNode(-entropy.pick(100) * 1e300);
      case 6 -> NODES.textNode("");
      case 7, 8 -> text(entropy);
      case 9 -> NODES.numberNode(0);
      case 10 -> NODES.textNode(entropy.text(2000));
      case 11 -> object(entropy, depth - 1);
      default -> array(entropy, depth - 1);
    };
  }

  private static ObjectNode object(Entropy entropy, int depth) {
    ObjectNode object = NODES.objectNode();
    int size = entropy.pick(4);
    for (int i = 0; i < size; i++) {
      object.set(text(entropy).asText(), value(entropy, Math.max(depth, 0)));
    }
    return object;
  }

  private static ArrayNode array(Entropy entropy, int depth) {
    ArrayNode array = NODES.arrayNode();
    int size = entropy.pick(4);
    for (int i = 0; i < size; i++) {
      array.add(value(entropy, Math.max(depth, 0)));
    }
    return array;
  }

  static byte[] write(JsonNode value) {
    try {
      return JSON.writeValueAsString(value).getBytes(UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
