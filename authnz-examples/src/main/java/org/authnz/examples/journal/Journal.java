package org.authnz.examples.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.authnz.StoreUnavailableException;
import org.authnz.memory.InMemoryStore;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.NewUser;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredApiKey;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;

/**
 * The journal's lines: one JSON object per change, {@code {"op": "...", ...}}, made by the static
 * factories and replayed by {@link #apply}. The SPI's records are written as JSON by Jackson;
 * instants as ISO-8601 text, hashes and tokens as their text.
 */
final class Journal {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .addModule(
              new SimpleModule()
                  .addSerializer(Instant.class, ToStringSerializer.instance)
                  .addDeserializer(Instant.class, text(Instant::parse))
                  .addSerializer(PasswordHash.class, new Reveal<>(PasswordHash::reveal))
                  .addDeserializer(PasswordHash.class, text(PasswordHash::of))
                  .addSerializer(SessionToken.class, new Reveal<>(SessionToken::reveal))
                  .addDeserializer(SessionToken.class, text(SessionToken::of))
                  .addSerializer(ApiKeyToken.class, new Reveal<>(ApiKeyToken::reveal))
                  .addDeserializer(ApiKeyToken.class, text(ApiKeyToken::of)))
          .serializationInclusion(JsonInclude.Include.NON_NULL) // absent reads back as null
          .build();

  private Journal() {}

  static ObjectNode initialize(List<String> roles, List<NewUser> systemUsers) {
    ObjectNode change = op("initialize");
    change.set("roles", JSON.valueToTree(roles));
    change.set("users", JSON.valueToTree(systemUsers));
    return change;
  }

  static ObjectNode insertUser(NewUser user) {
    return op("insertUser").set("row", JSON.valueToTree(user));
  }

  static ObjectNode userWritten(StoredUser user) {
    return op("userWritten").set("row", JSON.valueToTree(user));
  }

  static ObjectNode deleteUser(long userId) {
    return op("deleteUser").put("userId", userId);
  }

  static ObjectNode insertSession(StoredSession session) {
    return op("insertSession").set("row", JSON.valueToTree(session));
  }

  static ObjectNode sessionWritten(StoredSession session) {
    return op("sessionWritten").set("row", JSON.valueToTree(session));
  }

  static ObjectNode deleteSession(SessionToken token) {
    return op("deleteSession").put("token", token.reveal());
  }

  static ObjectNode deleteSessionsOfUser(long userId, @Nullable SessionToken keep) {
    ObjectNode change = op("deleteSessionsOfUser").put("userId", userId);
    return keep == null ? change : change.put("keep", keep.reveal());
  }

  static ObjectNode deleteSessionsExpiredBefore(Instant cutoff) {
    return op("deleteSessionsExpiredBefore").put("cutoff", cutoff.toString());
  }

  static ObjectNode insertApiKey(StoredApiKey key) {
    return op("insertApiKey").set("row", JSON.valueToTree(key));
  }

  static ObjectNode deleteApiKey(ApiKeyToken token, long userId, String userRole) {
    return keyOf(op("deleteApiKey"), token, userId, userRole);
  }

  static ObjectNode insertNoSessionKey(StoredNoSessionKey key) {
    return op("insertNoSessionKey").set("row", JSON.valueToTree(key));
  }

  static ObjectNode deleteNoSessionKey(ApiKeyToken token, long userId, String userRole) {
    return keyOf(op("deleteNoSessionKey"), token, userId, userRole);
  }

  static ObjectNode deleteNoSessionKeysOfUser(long userId) {
    return op("deleteNoSessionKeysOfUser").put("userId", userId);
  }

  static ObjectNode rotateNoSessionKey(
      ApiKeyToken old, long userId, String userRole, StoredNoSessionKey replacement) {
    ObjectNode change = keyOf(op("rotateNoSessionKey"), old, userId, userRole);
    return change.set("row", JSON.valueToTree(replacement));
  }

  /**
   * Repeats one change on {@code rows}. The in-memory store assigns user ids in order and never
   * reuses them, so replaying the same changes gives the same ids.
   */
  static void apply(ObjectNode change, InMemoryStore rows) {
    long userId = change.path("userId").asLong();
    String userRole = change.path("userRole").asText();
    switch (change.path("op").asText()) {
      case "initialize" ->
          rows.initializeIfEmpty(
              list(change.get("roles"), String.class), list(change.get("users"), NewUser.class));
      case "insertUser" -> rows.insertUser(row(change, NewUser.class));
      case "userWritten" -> {
        StoredUser user = row(change, StoredUser.class);
        rows.updateUser(user.userId(), user.lastUpdated(), current -> user);
      }
      case "deleteUser" -> rows.deleteUser(userId);
      case "insertSession" -> rows.insertSession(row(change, StoredSession.class));
      case "sessionWritten" -> {
        StoredSession session = row(change, StoredSession.class);
        rows.updateSession(session.token(), current -> session);
      }
      case "deleteSession" -> rows.deleteSession(SessionToken.of(change.path("token").asText()));
      case "deleteSessionsOfUser" ->
          rows.deleteSessionsOfUser(
              userId, change.has("keep") ? SessionToken.of(change.get("keep").asText()) : null);
      case "deleteSessionsExpiredBefore" ->
          rows.deleteSessionsExpiredBefore(Instant.parse(change.path("cutoff").asText()));
      case "insertApiKey" -> rows.insertApiKey(row(change, StoredApiKey.class));
      case "deleteApiKey" -> rows.deleteApiKey(token(change), userId, userRole);
      case "insertNoSessionKey" -> rows.insertNoSessionKey(row(change, StoredNoSessionKey.class));
      case "deleteNoSessionKey" -> rows.deleteNoSessionKey(token(change), userId, userRole);
      case "deleteNoSessionKeysOfUser" -> rows.deleteNoSessionKeysOfUser(userId);
      case "rotateNoSessionKey" ->
          rows.rotateNoSessionKey(
              token(change), userId, userRole, row(change, StoredNoSessionKey.class));
      default -> throw new StoreUnavailableException("the journal has an unknown entry");
    }
  }

  static String format(ObjectNode change) {
    try {
      return JSON.writeValueAsString(change);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a journal entry cannot be written", e);
    }
  }

  static ObjectNode parse(String line) {
    try {
      return (ObjectNode) JSON.readTree(line);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new StoreUnavailableException("the journal has a line that is not a JSON object");
    }
  }

  private static ObjectNode op(String name) {
    return JSON.createObjectNode().put("op", name);
  }

  private static ObjectNode keyOf(ObjectNode change, ApiKeyToken token, long userId, String role) {
    return change.put("token", token.reveal()).put("userId", userId).put("userRole", role);
  }

  private static ApiKeyToken token(ObjectNode change) {
    return ApiKeyToken.of(change.path("token").asText());
  }

  private static <T> T row(ObjectNode change, Class<T> type) {
    try {
      return JSON.treeToValue(change.get("row"), type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new StoreUnavailableException("the journal has an unreadable row");
    }
  }

  private static <T> List<T> list(JsonNode array, Class<T> type) {
    List<T> values = new ArrayList<>();
    for (JsonNode element : array) {
      try {
        values.add(JSON.treeToValue(element, type));
      } catch (JsonProcessingException e) {
        throw new StoreUnavailableException("the journal has an unreadable row");
      }
    }
    return values;
  }

  private static <T> JsonDeserializer<T> text(Function<String, T> parse) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return parse.apply(parser.getValueAsString());
      }
    };
  }

  /** Writes a secret's text: the journal is where the store keeps it, like a database column. */
  private static final class Reveal<T> extends com.fasterxml.jackson.databind.JsonSerializer<T> {
    private final Function<T, String> reveal;

    Reveal(Function<T, String> reveal) {
      this.reveal = reveal;
    }

    @Override
    public void serialize(
        T value,
        com.fasterxml.jackson.core.JsonGenerator generator,
        com.fasterxml.jackson.databind.SerializerProvider serializers)
        throws IOException {
      generator.writeString(reveal.apply(value));
    }
  }
}
