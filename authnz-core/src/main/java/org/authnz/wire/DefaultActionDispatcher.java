package org.authnz.wire;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.authnz.AuthenticatedUser;
import org.authnz.AuthnzService;
import org.authnz.CreateSessionRequest;
import org.authnz.CredentialsCheckRequest;
import org.authnz.DeleteUserSessionsRequest;
import org.authnz.Denial;
import org.authnz.DenialCode;
import org.authnz.EditSessionRequest;
import org.authnz.EmailSentRequest;
import org.authnz.EmailVerification;
import org.authnz.LoginRequest;
import org.authnz.LogoutRequest;
import org.authnz.NewSession;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.PasswordCheckRequest;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.ValidatePasswordRequest;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The {@link ActionDispatcher} over an {@link AuthnzService}. Thread-safe. */
final class DefaultActionDispatcher implements ActionDispatcher {
  static final String NOT_IMPLEMENTED = "action not implemented yet";

  /** Stands for an integer id too large for a long: no user or session has it. */
  private static final long NO_SUCH_ID = -1;

  private static final Logger logger = LoggerFactory.getLogger(DefaultActionDispatcher.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final AuthnzService service;
  private final Map<String, Function<ObjectNode, ObjectNode>> handlers;
  private final ApiKeyWire apiKeys;

  DefaultActionDispatcher(AuthnzService service) {
    this.service = requireNonNull(service, "service");
    this.apiKeys = new ApiKeyWire(service);
    this.handlers =
        Map.ofEntries(
            Map.entry("session-new", this::sessionNew),
            Map.entry("session-exists", this::sessionExists),
            Map.entry("session-delete", this::sessionDelete),
            Map.entry("session-delete-userid", this::sessionDeleteUserid),
            Map.entry("internal-session-edit", this::internalSessionEdit),
            Map.entry("user-login", this::userLogin),
            Map.entry("user-logout", this::userLogout),
            Map.entry("user-passcheck", this::userPasscheck),
            Map.entry("user-passcheck-nosession", this::userPasscheckNosession),
            Map.entry("user-new", this::userNew),
            Map.entry("user-lookup-email", this::userLookupEmail),
            Map.entry("user-delete", body -> AdminWire.userDelete(service, body)),
            Map.entry("internal-user-delete", body -> AdminWire.internalUserDelete(service, body)),
            Map.entry("user-list", body -> AdminWire.userList(service, body)),
            Map.entry("user-lookup-match", body -> AdminWire.userLookupMatch(service, body)),
            Map.entry("user-edit", body -> AdminWire.userEdit(service, body)),
            Map.entry("internal-user-edit", body -> AdminWire.internalUserEdit(service, body)),
            Map.entry("user-lock", body -> AdminWire.userLock(service, body)),
            Map.entry("internal-user-lock", body -> AdminWire.internalUserLock(service, body)),
            Map.entry("user-validatepass", this::userValidatepass),
            Map.entry("user-set-emailverified", this::userSetEmailverified),
            Map.entry("user-set-emailsent", this::userSetEmailsent),
            Map.entry("apikey-new", apiKeys::apikeyNew),
            Map.entry("apikey-verify", apiKeys::apikeyVerify),
            Map.entry("apikey-revoke", apiKeys::apikeyRevoke),
            Map.entry("apikey-new-nosession", apiKeys::apikeyNewNosession),
            Map.entry("apikey-verify-nosession", apiKeys::apikeyVerifyNosession),
            Map.entry("apikey-revoke-nosession", apiKeys::apikeyRevokeNosession),
            Map.entry("apikey-revokeall-nosession", apiKeys::apikeyRevokeallNosession),
            Map.entry("apikey-refresh-nosession", apiKeys::apikeyRefreshNosession),
            Map.entry("user-changepass", b -> PasswordEmailHandlers.changepass(service, b)),
            Map.entry(
                "user-changepass-nosession",
                b -> PasswordEmailHandlers.changepassNosession(service, b)),
            Map.entry("user-resetpass", b -> PasswordEmailHandlers.resetpass(service, b)),
            Map.entry(
                "user-resetpass-nosession",
                b -> PasswordEmailHandlers.resetpassNosession(service, b)),
            Map.entry(
                "user-sendemail-signup", b -> PasswordEmailHandlers.sendemailSignup(service, b)),
            Map.entry(
                "user-sendemail-forgotpass",
                b -> PasswordEmailHandlers.sendemailForgotpass(service, b)),
            Map.entry("user-check-access", body -> AccessWire.userCheckAccess(service, body)),
            Map.entry("user-check-limit", body -> AccessWire.userCheckLimit(service, body)));
  }

  @Override
  public boolean isKnownAction(String action) {
    return ActionSchema.params(requireNonNull(action, "action")).isPresent();
  }

  /** Whether the action is implemented (the others answer {@value #NOT_IMPLEMENTED}). */
  boolean isImplemented(String action) {
    return handlers.containsKey(action);
  }

  @Override
  public DispatchResult dispatch(String action, ObjectNode body, JsonNode reqid) {
    requireNonNull(action, "action");
    requireNonNull(body, "body");
    requireNonNull(reqid, "reqid");
    if (!isKnownAction(action)) {
      return new DispatchResult.UnknownAction();
    }
    MDC.put("request_id", reqid.toString());
    try {
      ObjectNode input = body.deepCopy();
      // The reference overwrites these with server values; ours come from the service, so a
      // client's copy must have no effect.
      input.remove("reqid");
      input.remove("pii_salt");

      if (hasUnpairedSurrogate(input)) {
        // The reference cannot encode such text and answers 400; so do we, before any write.
        return new DispatchResult.BadRequest("unpaired surrogate in a string of " + action);
      }
      List<ObjectNode> problems = ActionSchema.problems(action, input);
      if (!problems.isEmpty()) {
        logger.atDebug().addKeyValue("action", action).log("request failed schema validation");
        return new DispatchResult.Answer(ActionSchema.failureReport(action, problems));
      }
      Function<ObjectNode, ObjectNode> handler = handlers.get(action);
      if (handler == null) {
        return new DispatchResult.Answer(notImplemented(action));
      }
      try {
        return answer(handler.apply(input));
      } catch (RuntimeException e) {
        String reason = "exception in action " + action + ": " + e.getClass().getSimpleName();
        logger.atWarn().addKeyValue("action", action).log(reason);
        return new DispatchResult.BadRequest(reason);
      }
    } finally {
      MDC.remove("request_id");
    }
  }

  /**
   * The handler's result as an answer, its denial code and typed-result members moved out of the
   * result object.
   */
  private static DispatchResult.Answer answer(ObjectNode result) {
    JsonNode code = result.remove(WireResults.DENIAL_CODE_MARK);
    JsonNode typed = result.remove(WireResults.TYPED_RESULT_MARK);
    return new DispatchResult.Answer(
        result,
        code == null ? null : DenialCode.valueOf(code.textValue()),
        typed == null ? null : (ObjectNode) typed);
  }

  private static boolean hasUnpairedSurrogate(JsonNode node) {
    if (node.isTextual()) {
      String text = node.textValue();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return true;
        }
      }
      return false;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (hasUnpairedSurrogate(TextNode.valueOf(field.getKey()))
            || hasUnpairedSurrogate(field.getValue())) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode element : node) {
      if (hasUnpairedSurrogate(element)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode notImplemented(String action) {
    ObjectNode result = JSON.objectNode();
    result.put("success", false);
    result.put("failure_reason", NOT_IMPLEMENTED);
    result
        .putArray("messages")
        .add("The action '" + action + "' is not implemented by this server yet.");
    return result;
  }

  // ---- sessions --------------------------------------------------------------------------

  private ObjectNode sessionNew(ObjectNode body) {
    JsonNode extra = body.get("extra_info_json");
    CreateSessionRequest request =
        new CreateSessionRequest(
            text(body, "ip_address"),
            text(body, "user_agent"),
            sessionOwner(body.get("user_id")),
            text(body, "expires"),
            extra);
    return write(
        service.sessions().create(request),
        (NewSession s, ObjectNode r) -> {
          r.put("session_token", s.token().reveal());
          r.put("expires", WireResults.time(s.expires()));
        },
        r -> r.putNull("session_token").putNull("expires"));
  }

  /**
   * The owner of a new session: null for a falsy value (the anonymous user). A truthy value that is
   * no integer maps to an id no user has, so that it fails at the insert as in the reference.
   */
  private static @Nullable Long sessionOwner(@Nullable JsonNode value) {
    if (!ActionSchema.isTruthy(value)) {
      return null;
    }
    if (value.isBoolean()) {
      return 1L;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue())) {
      return (long) value.doubleValue();
    }
    return -1L;
  }

  private ObjectNode sessionExists(ObjectNode body) {
    return write(
        service.sessions().find(token(body, "session_token")),
        (info, r) -> r.set("session_info", WireResults.sessionInfo(info)),
        r -> r.putNull("session_info"));
  }

  private ObjectNode sessionDelete(ObjectNode body) {
    return write(service.sessions().delete(token(body, "session_token")), (n, r) -> {}, r -> r);
  }

  private ObjectNode sessionDeleteUserid(ObjectNode body) {
    String keep = text(body, "session_token");
    DeleteUserSessionsRequest request =
        new DeleteUserSessionsRequest(
            integer(body, "user_id"),
            keep.isEmpty() ? null : SessionToken.of(keep),
            body.get("keep_current_session").booleanValue());
    return write(
        service.sessions().deleteOfUser(request),
        (n, r) -> WireResults.typed(r, JSON.objectNode().put("deleted", n)),
        r -> r);
  }

  private ObjectNode internalSessionEdit(ObjectNode body) {
    EditSessionRequest request =
        new EditSessionRequest(
            token(body, "target_session_token"), (ObjectNode) body.get("update_dict"));
    return write(
        service.sessions().edit(request),
        (s, r) -> r.set("session_info", WireResults.editedSession(s)),
        r -> r.putNull("session_info"));
  }

  // ---- users -----------------------------------------------------------------------------

  private ObjectNode userLogin(ObjectNode body) {
    LoginRequest request =
        new LoginRequest(
            token(body, "session_token"), text(body, "email"), password(body, "password"));
    return writeAuthenticated(service.users().login(request));
  }

  private ObjectNode userLogout(ObjectNode body) {
    LogoutRequest request =
        new LogoutRequest(token(body, "session_token"), integer(body, "user_id"));
    ObjectNode result =
        write(
            service.users().logout(request),
            (id, r) -> r.set("user_id", WireResults.id(id)),
            r -> r);
    if (request.userId() == NO_SUCH_ID) {
      result.set("user_id", body.get("user_id")); // failures echo the id as given
    }
    return result;
  }

  private ObjectNode userPasscheck(ObjectNode body) {
    PasswordCheckRequest request =
        new PasswordCheckRequest(token(body, "session_token"), password(body, "password"));
    return writeAuthenticated(service.passwords().check(request));
  }

  private ObjectNode userPasscheckNosession(ObjectNode body) {
    CredentialsCheckRequest request =
        new CredentialsCheckRequest(text(body, "email"), password(body, "password"));
    return writeAuthenticated(service.passwords().checkWithoutSession(request));
  }

  private static ObjectNode writeAuthenticated(Outcome<AuthenticatedUser> outcome) {
    return write(
        outcome,
        (user, r) -> {
          r.set("user_id", WireResults.id(user.userId()));
          r.put("user_role", user.userRole());
        },
        r -> r.putNull("user_id"));
  }

  private ObjectNode userNew(ObjectNode body) {
    JsonNode systemId = body.get("system_id");
    SignupRequest request =
        new SignupRequest(
            text(body, "full_name"),
            text(body, "email"),
            password(body, "password"),
            body.get("extra_info"),
            verifyRetryWait(body.get("verify_retry_wait")),
            systemId != null && systemId.isTextual() ? systemId.textValue() : null,
            suffixes(body.get("public_suffix_list")));
    SignupResult result = service.users().create(request);
    if (result instanceof SignupResult.Created created) {
      ObjectNode r = WireResults.success(created.messages());
      r.put("user_email", created.email());
      r.set("user_id", WireResults.id(created.userId()));
      r.put("system_id", created.systemId());
      r.put("send_verification", true);
      return r;
    }
    SignupResult.Rejected rejected = (SignupResult.Rejected) result;
    ObjectNode r = WireResults.failure(rejected.denial());
    r.put("user_email", rejected.userEmail());
    r.set("user_id", WireResults.id(rejected.userId()));
    r.put("send_verification", rejected.sendVerification());
    if (rejected.systemId() != null) {
      r.put("system_id", rejected.systemId());
    }
    return r;
  }

  /** Python's {@code int()} of the body value: 6 when it does not convert. */
  private static @Nullable Integer verifyRetryWait(@Nullable JsonNode value) {
    if (value == null) {
      return null;
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? 1 : 0;
    }
    if (value.isIntegralNumber()) {
      BigInteger big = value.bigIntegerValue();
      return big.bitLength() < 31 ? big.intValue() : (big.signum() > 0 ? Integer.MAX_VALUE : 0);
    }
    if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())) {
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value.doubleValue()));
    }
    if (value.isTextual()) {
      try {
        return Integer.valueOf(value.textValue().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static List<String> suffixes(@Nullable JsonNode value) {
    List<String> rules = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(
          rule -> {
            if (rule.isTextual()) {
              rules.add(rule.textValue());
            }
          });
    }
    return rules;
  }

  private ObjectNode userLookupEmail(ObjectNode body) {
    return write(
        service.users().findByEmail(text(body, "email")),
        (StoredUser u, ObjectNode r) -> r.set("user_info", WireResults.userInfo(u)),
        r -> r.putNull("user_info"));
  }

  // ---- passwords and e-mail --------------------------------------------------------------

  private ObjectNode userValidatepass(ObjectNode body) {
    // The per-request policy keys are validated by the schema but, as in the reference server,
    // the configured password policy overrides them.
    ValidatePasswordRequest request =
        new ValidatePasswordRequest(
            password(body, "password"), text(body, "email"), text(body, "full_name"), null);
    return write(service.passwords().validate(request), (m, r) -> {}, r -> r);
  }

  private ObjectNode userSetEmailverified(ObjectNode body) {
    return write(
        service.emails().setVerified(text(body, "email")),
        (EmailVerification v, ObjectNode r) -> {
          r.set("user_id", WireResults.id(v.userId()));
          r.put("is_active", v.active()).put("user_role", v.userRole());
        },
        r -> r.putNull("user_id").put("is_active", false).put("user_role", "locked"));
  }

  private ObjectNode userSetEmailsent(ObjectNode body) {
    EmailSentRequest request = new EmailSentRequest(text(body, "email"), text(body, "email_type"));
    return write(
        service.emails().setSent(request),
        (StoredUser u, ObjectNode r) -> {
          r.put("email", u.email())
              .put("emailverify_sent_datetime", WireResults.time(u.emailVerifySentAt()))
              .put("emailforgotpass_sent_datetime", WireResults.time(u.emailForgotpassSentAt()));
          r.set("user_id", WireResults.id(u.userId()));
          r.put("is_active", u.active()).put("user_role", u.userRole());
          ObjectNode typed = JSON.objectNode();
          typed.set("user_info", WireResults.userInfo(u));
          WireResults.typed(r, typed);
        },
        r -> r);
  }

  // ---- helpers ---------------------------------------------------------------------------

  private interface SuccessWriter<T> {
    void write(T value, ObjectNode result);
  }

  /**
   * Writes an outcome: success keys via {@code onSuccess}; on a denial the failure skeleton, the
   * action's fixed failure keys via {@code onFailure}, then {@code user_id} when the denial names a
   * user (overriding a fixed null).
   */
  private static <T> ObjectNode write(
      Outcome<T> outcome, SuccessWriter<T> onSuccess, UnaryOperator<ObjectNode> onFailure) {
    if (outcome instanceof Outcome.Success<T> success) {
      ObjectNode result = WireResults.success(success.messages());
      onSuccess.write(success.value(), result);
      return result;
    }
    Denial denial = ((Outcome.Denied<T>) outcome).denial();
    ObjectNode result = onFailure.apply(WireResults.failure(denial));
    if (denial.userId() != null) {
      result.set("user_id", WireResults.id(denial.userId()));
    }
    return result;
  }

  private static String text(ObjectNode body, String key) {
    return body.get(key).textValue();
  }

  private static SessionToken token(ObjectNode body, String key) {
    return SessionToken.of(text(body, key));
  }

  private static Password password(ObjectNode body, String key) {
    return Password.of(text(body, key));
  }

  /** An {@code int} schema value: an integer, or a boolean as 0/1. */
  private static long integer(ObjectNode body, String key) {
    JsonNode value = body.get(key);
    if (value.isBoolean()) {
      return value.booleanValue() ? 1 : 0;
    }
    if (!value.canConvertToLong()) {
      // Any size is an int on the wire; no user has an id beyond a long, so use one none has.
      return NO_SUCH_ID;
    }
    return value.longValue();
  }
}
