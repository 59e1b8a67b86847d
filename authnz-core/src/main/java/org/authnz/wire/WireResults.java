package org.authnz.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.authnz.Denial;
import org.authnz.SessionInfo;
import org.authnz.WireTime;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;

/**
 * Writes typed results as the reference's JSON result objects: the {@code user_info}, {@code
 * session_info} and edited-session objects, datetimes, and success/failure skeletons; and reads
 * those objects back for {@link WireCalls}, each reader next to its writer.
 *
 * <p>Thread-safe (stateless).
 */
public final class WireResults {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final PasswordHash NO_HASH = PasswordHash.of("");

  /**
   * The key under which {@link #failure} records the denial's code in the result object while it is
   * being written; the dispatcher moves it into {@link DispatchResult.Answer#denialCode()}, so it
   * never reaches the wire inside a result.
   */
  static final String DENIAL_CODE_MARK = "\u0000authnz_denial_code";

  /**
   * The key under which {@link #typed} records, in the result object being written, the members of
   * the typed result that the reference's result object lacks; the dispatcher moves it into {@link
   * DispatchResult.Answer#typedResult()}, so it never reaches the wire inside a result.
   */
  static final String TYPED_RESULT_MARK = "\u0000authnz_typed_result";

  private WireResults() {}

  /** A success object: {@code success: true} and the messages. Add the action's keys to it. */
  public static ObjectNode success(List<String> messages) {
    ObjectNode result = JSON.objectNode();
    result.put("success", true);
    putMessages(result, messages);
    return result;
  }

  /**
   * A failure object for a denial: {@code success: false}, {@code failure_reason} when the denial
   * has one, and the messages. Add the action's extra keys to it.
   */
  public static ObjectNode failure(Denial denial) {
    ObjectNode result = JSON.objectNode();
    result.put("success", false);
    if (denial.failureReason() != null) {
      result.put("failure_reason", denial.failureReason());
    }
    putMessages(result, denial.messages());
    result.put(DENIAL_CODE_MARK, denial.code().name());
    return result;
  }

  /**
   * Records, on a result object being written, what the typed result needs beyond the reference's
   * keys (a count, a user id, an expiry); a transport sends it only to clients that ask for it.
   * Returns {@code result}.
   */
  static ObjectNode typed(ObjectNode result, ObjectNode typedResult) {
    result.set(TYPED_RESULT_MARK, typedResult);
    return result;
  }

  /** The 16-key {@code user_info} object; never the password. */
  public static ObjectNode userInfo(StoredUser user) {
    ObjectNode info = JSON.objectNode();
    info.set("user_id", id(user.userId()));
    info.put("system_id", user.systemId());
    info.put("full_name", user.fullName());
    info.put("email", user.email());
    info.put("email_verified", user.emailVerified());
    info.put("is_active", user.active());
    info.put("last_login_try", time(user.lastLoginTry()));
    info.put("last_login_success", time(user.lastLoginSuccess()));
    info.put("failed_login_tries", user.failedLoginTries());
    info.put("created_on", time(user.createdOn()));
    info.put("last_updated", time(user.lastUpdated()));
    info.put("user_role", user.userRole());
    info.set(
        "extra_info", user.extraInfo() == null ? JSON.nullNode() : user.extraInfo().deepCopy());
    info.put("emailverify_sent_datetime", time(user.emailVerifySentAt()));
    info.put("emailforgotpass_sent_datetime", time(user.emailForgotpassSentAt()));
    info.put("emailchangepass_sent_datetime", time(user.emailChangepassSentAt()));
    return info;
  }

  /** The 18-key {@code session_info} object of {@code session-exists}. */
  public static ObjectNode sessionInfo(SessionInfo live) {
    StoredUser user = live.user();
    StoredSession session = live.session();
    ObjectNode info = JSON.objectNode();
    info.set("user_id", id(user.userId()));
    info.put("system_id", user.systemId());
    info.put("full_name", user.fullName());
    info.put("email", user.email());
    info.set(
        "extra_info", user.extraInfo() == null ? JSON.nullNode() : user.extraInfo().deepCopy());
    info.put("email_verified", user.emailVerified());
    info.put("emailverify_sent_datetime", time(user.emailVerifySentAt()));
    info.put("is_active", user.active());
    info.put("last_login_try", time(user.lastLoginTry()));
    info.put("last_login_success", time(user.lastLoginSuccess()));
    info.put("created_on", time(user.createdOn()));
    info.put("user_role", user.userRole());
    putSession(info, session);
    return info;
  }

  /** The 7-key session object of {@code internal-session-edit}. */
  public static ObjectNode editedSession(StoredSession session) {
    ObjectNode info = JSON.objectNode();
    info.set("user_id", id(session.userId()));
    putSession(info, session);
    return info;
  }

  /**
   * A user id (or other integer) as a JSON number: an int node when it fits, as a parser would
   * produce for the same text, so results compare equal to parsed JSON; null gives JSON null.
   */
  public static JsonNode id(@Nullable Long value) {
    if (value == null) {
      return JSON.nullNode();
    }
    long v = value;
    return v == (int) v ? JSON.numberNode((int) v) : JSON.numberNode(v);
  }

  /** A datetime as the wire shows it, or null. */
  public static @Nullable String time(@Nullable Instant instant) {
    return instant == null ? null : WireTime.format(instant);
  }

  /**
   * Reads a {@code user_info} object as {@link #userInfo} writes it (or the user part of a {@code
   * session_info} object); the password hash is empty, as hashes never leave the server.
   */
  static StoredUser readUserInfo(ObjectNode info) {
    Instant created = time(info.get("created_on"));
    return new StoredUser(
        info.get("user_id").longValue(),
        info.get("system_id").textValue(),
        text(info.get("full_name")),
        NO_HASH,
        info.get("email").textValue(),
        info.get("email_verified").booleanValue(),
        info.get("is_active").booleanValue(),
        timeOrNull(info.get("emailverify_sent_datetime")),
        timeOrNull(info.get("emailforgotpass_sent_datetime")),
        timeOrNull(info.get("emailchangepass_sent_datetime")),
        timeOrNull(info.get("last_login_success")),
        timeOrNull(info.get("last_login_try")),
        info.path("failed_login_tries").asInt(0),
        object(info.get("extra_info")),
        created,
        info.has("last_updated") ? time(info.get("last_updated")) : created,
        info.get("user_role").textValue());
  }

  /** Reads a {@code session_info} object as {@link #sessionInfo} writes it. */
  static SessionInfo readSessionInfo(ObjectNode info) {
    long userId = info.get("user_id").longValue();
    StoredSession session =
        new StoredSession(
            SessionToken.of(info.get("session_token").textValue()),
            info.get("ip_address").textValue(),
            info.get("user_agent").textValue(),
            userId,
            time(info.get("created")),
            time(info.get("expires")),
            object(info.get("extra_info_json")));
    return new SessionInfo(session, readUserInfo(info));
  }

  /** Reads the session object as {@link #editedSession} writes it. */
  static StoredSession readEditedSession(ObjectNode info) {
    return new StoredSession(
        SessionToken.of(info.get("session_token").textValue()),
        info.get("ip_address").textValue(),
        info.get("user_agent").textValue(),
        info.get("user_id").longValue(),
        time(info.get("created")),
        time(info.get("expires")),
        object(info.get("extra_info_json")));
  }

  private static @Nullable ObjectNode object(@Nullable JsonNode value) {
    return value != null && value.isObject() ? ((ObjectNode) value).deepCopy() : null;
  }

  private static @Nullable String text(@Nullable JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static Instant time(JsonNode value) {
    return WireTime.parse(value.textValue());
  }

  private static @Nullable Instant timeOrNull(@Nullable JsonNode value) {
    return value == null || !value.isTextual() ? null : WireTime.parse(value.textValue());
  }

  private static void putSession(ObjectNode info, StoredSession session) {
    info.put("session_token", session.token().reveal());
    info.put("ip_address", session.ipAddress());
    info.put("user_agent", session.userAgent());
    info.put("created", time(session.created()));
    info.put("expires", time(session.expires()));
    info.set(
        "extra_info_json",
        session.extraInfoJson() == null ? JSON.nullNode() : session.extraInfoJson().deepCopy());
  }

  private static void putMessages(ObjectNode result, List<String> messages) {
    ArrayNode list = result.putArray("messages");
    messages.forEach(list::add);
  }
}
