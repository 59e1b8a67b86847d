package org.authnz.wire;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.authnz.AccessCheckRequest;
import org.authnz.ApiKeyClaims;
import org.authnz.ApiKeyRequest;
import org.authnz.AuthenticatedUser;
import org.authnz.ChangePasswordRequest;
import org.authnz.CreateSessionRequest;
import org.authnz.CredentialsCheckRequest;
import org.authnz.DeleteUserRequest;
import org.authnz.DeleteUserSessionsRequest;
import org.authnz.EditSessionRequest;
import org.authnz.EditUserRequest;
import org.authnz.EmailSent;
import org.authnz.EmailSentRequest;
import org.authnz.EmailVerification;
import org.authnz.ForgotPasswordEmailRequest;
import org.authnz.InternalEditUserRequest;
import org.authnz.InternalLockUserRequest;
import org.authnz.IssuedApiKey;
import org.authnz.LimitCheckRequest;
import org.authnz.LockUserRequest;
import org.authnz.LoginRequest;
import org.authnz.LogoutRequest;
import org.authnz.LookupUsersRequest;
import org.authnz.MailOverrides;
import org.authnz.NewApiKeyRequest;
import org.authnz.NewNoSessionKeyRequest;
import org.authnz.NewSession;
import org.authnz.Outcome;
import org.authnz.PasswordCheckRequest;
import org.authnz.RefreshApiKeyRequest;
import org.authnz.ResetPasswordRequest;
import org.authnz.ResetPasswordWithoutSessionRequest;
import org.authnz.SessionInfo;
import org.authnz.SignupEmailRequest;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.ValidatePasswordRequest;
import org.authnz.VerificationEmail;
import org.authnz.WireTime;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;

/**
 * The client side of the wire mapping: each typed {@link org.authnz.AuthnzService} request as the
 * body that the dispatcher's handler for the same action reads back into that request, and the
 * reader of the result object the handler writes. It sits next to the handlers so that a change of
 * a key shows up in one package; the behaviour suite of {@code authnz-transport-http} runs the same
 * scenarios in-process and through these calls and the dispatcher, and checks that the typed
 * results agree.
 *
 * <p>What the wire does not carry cannot come back: a {@link StoredUser} read from a result has an
 * empty password hash (hashes never leave the server), and one read from a {@code session_info}
 * object has no failed-login count, no forgot-password or change-password e-mail times, and its
 * creation time as last update.
 *
 * <p>Thread-safe (stateless).
 */
public final class WireCalls {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private WireCalls() {}

  // ---- sessions --------------------------------------------------------------------------

  /** {@code session-new}. */
  public static WireCall<Outcome<NewSession>> createSession(CreateSessionRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("ip_address", request.ipAddress());
    body.put("user_agent", request.userAgent());
    body.set("user_id", WireResults.id(request.userId()));
    body.put("expires", request.expires());
    body.set("extra_info_json", copy(request.extraInfoJson()));
    return WireCall.outcome(
        "session-new",
        body,
        false,
        r ->
            new NewSession(
                SessionToken.of(r.get("session_token").textValue()), time(r.get("expires"))));
  }

  /** {@code session-exists}. */
  public static WireCall<Outcome<SessionInfo>> findSession(SessionToken token) {
    requireNonNull(token, "token");
    ObjectNode body = JSON.objectNode().put("session_token", token.reveal());
    return WireCall.outcome(
        "session-exists",
        body,
        true,
        r -> WireResults.readSessionInfo((ObjectNode) r.get("session_info")));
  }

  /** {@code session-delete}: success counts one session. */
  public static WireCall<Outcome<Integer>> deleteSession(SessionToken token) {
    requireNonNull(token, "token");
    ObjectNode body = JSON.objectNode().put("session_token", token.reveal());
    return WireCall.outcome("session-delete", body, false, r -> 1);
  }

  /**
   * {@code session-delete-userid}: the count of deleted sessions is no key of the reference's
   * result; an authnz sidecar sends it as the typed-result member {@code deleted}.
   */
  public static WireCall<Outcome<Integer>> deleteSessionsOfUser(DeleteUserSessionsRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    SessionToken keep = request.keep();
    body.put("session_token", keep == null ? "" : keep.reveal());
    body.put("user_id", request.userId());
    body.put("keep_current_session", request.keepCurrentSession());
    return WireCall.typedOutcome(
        "session-delete-userid", body, false, t -> t.get("deleted").intValue());
  }

  /** {@code internal-session-edit}. */
  public static WireCall<Outcome<StoredSession>> editSession(EditSessionRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("target_session_token", request.token().reveal());
    body.set("update_dict", request.updates().deepCopy());
    return WireCall.outcome(
        "internal-session-edit",
        body,
        false,
        r -> WireResults.readEditedSession((ObjectNode) r.get("session_info")));
  }

  // ---- users -----------------------------------------------------------------------------

  /** {@code user-new}. */
  public static WireCall<SignupResult> createUser(SignupRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("full_name", request.fullName());
    body.put("email", request.email());
    body.put("password", request.password().reveal());
    if (request.extraInfo() != null) {
      body.set("extra_info", request.extraInfo().deepCopy());
    }
    if (request.verifyRetryWait() != null) {
      body.put("verify_retry_wait", request.verifyRetryWait());
    }
    if (request.systemId() != null) {
      body.put("system_id", request.systemId());
    }
    if (!request.publicSuffixList().isEmpty()) {
      request.publicSuffixList().forEach(body.putArray("public_suffix_list")::add);
    }
    return WireCall.custom(
        "user-new",
        body,
        false,
        (r, code, typed) -> {
          if (ActionSchema.isTruthy(r.get("success"))) {
            return new SignupResult.Created(
                r.get("user_id").longValue(),
                r.get("user_email").textValue(),
                r.get("system_id").textValue(),
                WireCall.messages(r));
          }
          JsonNode userId = r.get("user_id");
          return new SignupResult.Rejected(
              WireCall.denial(r, code),
              text(r.get("user_email")),
              userId != null && userId.canConvertToLong() ? userId.longValue() : null,
              text(r.get("system_id")),
              ActionSchema.isTruthy(r.get("send_verification")));
        },
        denial -> new SignupResult.Rejected(denial, null, null, null, false));
  }

  /** {@code user-lookup-email}. */
  public static WireCall<Outcome<StoredUser>> findUserByEmail(String email) {
    requireNonNull(email, "email");
    ObjectNode body = JSON.objectNode().put("email", email);
    return WireCall.outcome(
        "user-lookup-email",
        body,
        true,
        r -> WireResults.readUserInfo((ObjectNode) r.get("user_info")));
  }

  /** {@code user-login}. */
  public static WireCall<Outcome<AuthenticatedUser>> login(LoginRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("session_token", request.session().reveal());
    body.put("email", request.email());
    body.put("password", request.password().reveal());
    return WireCall.outcome("user-login", body, false, WireCalls::authenticated);
  }

  /** {@code user-logout}: success carries the user id. */
  public static WireCall<Outcome<Long>> logout(LogoutRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("session_token", request.session().reveal());
    body.put("user_id", request.userId());
    return WireCall.outcome("user-logout", body, false, r -> r.get("user_id").longValue());
  }

  // ---- passwords and e-mail --------------------------------------------------------------

  /** {@code user-passcheck}. */
  public static WireCall<Outcome<AuthenticatedUser>> checkPassword(PasswordCheckRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("session_token", request.session().reveal());
    body.put("password", request.password().reveal());
    return WireCall.outcome("user-passcheck", body, false, WireCalls::authenticated);
  }

  /** {@code user-passcheck-nosession}. */
  public static WireCall<Outcome<AuthenticatedUser>> checkCredentials(
      CredentialsCheckRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("email", request.email());
    body.put("password", request.password().reveal());
    return WireCall.outcome("user-passcheck-nosession", body, false, WireCalls::authenticated);
  }

  /**
   * {@code user-validatepass}: success carries the policy messages. The sidecar checks against its
   * configured policy; a policy in the request is not sent.
   */
  public static WireCall<Outcome<List<String>>> validatePassword(ValidatePasswordRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("password", request.password().reveal());
    body.put("email", request.email());
    body.put("full_name", request.fullName());
    return WireCall.outcome("user-validatepass", body, true, WireCall::messages);
  }

  /**
   * {@code user-changepass} (with a session to keep, or the empty token for none) or {@code
   * user-changepass-nosession}: success carries the user id.
   */
  public static WireCall<Outcome<Long>> changePassword(
      ChangePasswordRequest request, boolean withSession) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("user_id", request.userId());
    if (withSession) {
      SessionToken keep = request.keepSession();
      body.put("session_token", keep == null ? "" : keep.reveal());
    }
    body.put("full_name", request.fullName());
    body.put("email", request.email());
    body.put("current_password", request.currentPassword().reveal());
    body.put("new_password", request.newPassword().reveal());
    String action = withSession ? "user-changepass" : "user-changepass-nosession";
    return WireCall.outcome(action, body, false, r -> r.get("user_id").longValue());
  }

  /** {@code user-set-emailverified}. */
  public static WireCall<Outcome<EmailVerification>> setEmailVerified(String email) {
    requireNonNull(email, "email");
    ObjectNode body = JSON.objectNode().put("email", email);
    return WireCall.outcome(
        "user-set-emailverified",
        body,
        false,
        r ->
            new EmailVerification(
                r.get("user_id").longValue(),
                r.get("is_active").booleanValue(),
                r.get("user_role").textValue()));
  }

  /**
   * {@code user-resetpass}: the user id is no key of the reference's result; an authnz sidecar
   * sends it as the typed-result member {@code user_id}.
   */
  public static WireCall<Outcome<Long>> resetPassword(ResetPasswordRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("email_address", request.email());
    body.put("new_password", request.newPassword().reveal());
    body.put("session_token", request.session().reveal());
    return WireCall.typedOutcome("user-resetpass", body, false, t -> t.get("user_id").longValue());
  }

  /** {@code user-resetpass-nosession}: as {@link #resetPassword}. */
  public static WireCall<Outcome<Long>> resetPasswordWithoutSession(
      ResetPasswordWithoutSessionRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("email_address", request.email());
    body.put("new_password", request.newPassword().reveal());
    body.put("required_active", request.requiredActive());
    return WireCall.typedOutcome(
        "user-resetpass-nosession", body, false, t -> t.get("user_id").longValue());
  }

  /**
   * {@code user-set-emailsent}: the reference's result has only part of the user; an authnz sidecar
   * sends the whole {@code user_info} object as a typed-result member.
   */
  public static WireCall<Outcome<StoredUser>> setEmailSent(EmailSentRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("email", request.email());
    body.put("email_type", request.emailType());
    return WireCall.typedOutcome(
        "user-set-emailsent",
        body,
        false,
        t -> WireResults.readUserInfo((ObjectNode) t.get("user_info")));
  }

  /**
   * {@code user-sendemail-signup}: the sidecar sends the e-mail through its own SMTP settings.
   *
   * @throws IllegalArgumentException when the request carries SMTP settings of its own ({@link
   *     MailOverrides}): this mapping does not send them
   */
  public static WireCall<Outcome<EmailSent>> sendSignupEmail(SignupEmailRequest request) {
    requireNonNull(request, "request");
    requireNoOverrides(request.mail());
    ObjectNode body = JSON.objectNode();
    body.put("email_address", request.email());
    body.put("session_token", request.session().reveal());
    ObjectNode created = body.putObject("created_info");
    created.set("user_id", WireResults.id(request.createdUserId()));
    created.put("user_email", request.createdUserEmail());
    created.put("send_verification", request.sendVerification());
    putContent(body, request.content(), "account_verify_url");
    return WireCall.outcome(
        "user-sendemail-signup", body, false, r -> emailSent(r, "emailverify_sent_datetime"));
  }

  /**
   * {@code user-sendemail-forgotpass}: the sidecar sends the e-mail through its own SMTP settings.
   *
   * @throws IllegalArgumentException when the request carries SMTP settings of its own
   */
  public static WireCall<Outcome<EmailSent>> sendForgotPasswordEmail(
      ForgotPasswordEmailRequest request) {
    requireNonNull(request, "request");
    requireNoOverrides(request.mail());
    ObjectNode body = JSON.objectNode();
    body.put("email_address", request.email());
    body.put("session_token", request.session().reveal());
    putContent(body, request.content(), "password_forgot_url");
    return WireCall.outcome(
        "user-sendemail-forgotpass",
        body,
        false,
        r -> emailSent(r, "emailforgotpass_sent_datetime"));
  }

  // ---- user administration ---------------------------------------------------------------

  /** {@code user-delete}: success carries the user id. */
  public static WireCall<Outcome<Long>> deleteUser(DeleteUserRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("email", request.email());
    body.put("user_id", request.userId());
    body.put("password", request.password().reveal());
    return WireCall.outcome("user-delete", body, false, r -> r.get("user_id").longValue());
  }

  /** {@code internal-user-delete}: success carries the user id. */
  public static WireCall<Outcome<Long>> deleteUserInternal(long targetUserId) {
    ObjectNode body = JSON.objectNode().put("target_userid", targetUserId);
    return WireCall.outcome("internal-user-delete", body, false, r -> r.get("user_id").longValue());
  }

  /** {@code user-list} of every user (null id) or of one. */
  public static WireCall<Outcome<List<StoredUser>>> listUsers(@Nullable Long userId) {
    ObjectNode body = JSON.objectNode();
    body.set("user_id", WireResults.id(userId));
    return WireCall.outcome("user-list", body, true, r -> users(r.get("user_info")));
  }

  /** {@code user-lookup-match}. */
  public static WireCall<Outcome<List<StoredUser>>> lookUpUsers(LookupUsersRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("by", request.by());
    body.set("match", request.match().deepCopy());
    return WireCall.outcome("user-lookup-match", body, true, r -> users(r.get("user_info")));
  }

  /** {@code user-edit}. */
  public static WireCall<Outcome<StoredUser>> editUser(EditUserRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("user_id", request.userId());
    body.put("user_role", request.userRole());
    body.put("session_token", request.session().reveal());
    body.put("target_userid", request.targetUserId());
    body.set("update_dict", request.updates().deepCopy());
    return WireCall.outcome(
        "user-edit", body, false, r -> WireResults.readUserInfo((ObjectNode) r.get("user_info")));
  }

  /** {@code internal-user-edit}. */
  public static WireCall<Outcome<StoredUser>> editUserInternal(InternalEditUserRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("target_userid", request.targetUserId());
    body.set("update_dict", request.updates().deepCopy());
    return WireCall.outcome(
        "internal-user-edit",
        body,
        false,
        r -> WireResults.readUserInfo((ObjectNode) r.get("user_info")));
  }

  /** {@code user-lock}. */
  public static WireCall<Outcome<StoredUser>> lockUser(LockUserRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("user_id", request.userId());
    body.put("user_role", request.userRole());
    body.put("session_token", request.session().reveal());
    body.put("target_userid", request.targetUserId());
    body.put("action", request.action());
    return WireCall.outcome(
        "user-lock", body, false, r -> WireResults.readUserInfo((ObjectNode) r.get("user_info")));
  }

  /** {@code internal-user-lock}. */
  public static WireCall<Outcome<StoredUser>> lockUserInternal(InternalLockUserRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("target_userid", request.targetUserId());
    body.put("action", request.action());
    return WireCall.outcome(
        "internal-user-lock",
        body,
        false,
        r -> WireResults.readUserInfo((ObjectNode) r.get("user_info")));
  }

  // ---- access ----------------------------------------------------------------------------

  /** {@code user-check-access}: success carries true. */
  public static WireCall<Outcome<Boolean>> checkAccess(AccessCheckRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("user_id", request.userId());
    body.put("user_role", request.role());
    body.put("action", request.action());
    body.put("target_name", request.item());
    body.put("target_owner", request.owner());
    body.put("target_visibility", request.visibility());
    body.put("target_sharedwith", request.sharedWith());
    return WireCall.outcome("user-check-access", body, true, r -> true);
  }

  /** {@code user-check-limit}: success carries true. */
  public static WireCall<Outcome<Boolean>> checkLimit(LimitCheckRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("user_id", request.userId());
    body.put("user_role", request.role());
    body.put("limit_name", request.limitName());
    body.set("value_to_check", limitValue(request.value()));
    return WireCall.outcome("user-check-limit", body, true, r -> true);
  }

  // ---- API keys --------------------------------------------------------------------------

  /** {@code apikey-new}. */
  public static WireCall<Outcome<IssuedApiKey>> createApiKey(NewApiKeyRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("issuer", request.issuer());
    body.put("audience", request.audience());
    body.put("subject", request.subject());
    body.set("apiversion", request.apiVersion().deepCopy());
    body.put("expires_days", request.lifetime().toDays());
    body.put("not_valid_before", request.notValidBefore().toSeconds());
    body.put("user_id", request.userId());
    body.put("user_role", request.userRole());
    body.put("ip_address", request.ipAddress());
    body.put("user_agent", request.userAgent());
    body.put("session_token", request.session().reveal());
    return WireCall.outcome("apikey-new", body, false, WireCalls::issuedKey);
  }

  /** {@code apikey-new-nosession}. */
  public static WireCall<Outcome<IssuedApiKey>> createApiKeyWithoutSession(
      NewNoSessionKeyRequest request) {
    requireNonNull(request, "request");
    ObjectNode body = JSON.objectNode();
    body.put("issuer", request.issuer());
    body.put("audience", request.audience());
    body.put("subject", request.subject());
    body.set("apiversion", request.apiVersion().deepCopy());
    body.put("expires_seconds", request.lifetime().toSeconds());
    body.put("not_valid_before", request.notValidBefore().toSeconds());
    body.put("user_id", request.userId());
    body.put("user_role", request.userRole());
    body.put("ip_address", request.ipAddress());
    body.put("refresh_expires", request.refreshLifetime().toSeconds());
    body.put("refresh_nbf", request.refreshNotValidBefore().toSeconds());
    return WireCall.outcome("apikey-new-nosession", body, false, WireCalls::issuedKey);
  }

  /**
   * {@code apikey-verify} or {@code apikey-verify-nosession}: the key's expiry is no key of the
   * reference's result; an authnz sidecar sends it as the typed-result member {@code expires}.
   * Claims the request leaves out (issuer, version, audience, subject) go as null: the reference
   * requires the members, and verification decides by the stored key, not by them.
   *
   * @param withoutSession whether the key is a no-session key
   */
  public static WireCall<Outcome<Instant>> verifyApiKey(
      ApiKeyRequest request, boolean withoutSession) {
    requireNonNull(request, "request");
    ObjectNode body = keyBody(request);
    ObjectNode dict = (ObjectNode) body.get("apikey_dict");
    for (String member : List.of("ver", "aud", "sub")) {
      if (!dict.has(member)) {
        dict.putNull(member);
      }
    }
    String action = withoutSession ? "apikey-verify-nosession" : "apikey-verify";
    return WireCall.typedOutcome(action, body, true, t -> time(t.get("expires")));
  }

  /**
   * {@code apikey-revoke} or {@code apikey-revoke-nosession}: success counts one key.
   *
   * @param withoutSession whether the key is a no-session key
   */
  public static WireCall<Outcome<Integer>> revokeApiKey(
      ApiKeyRequest request, boolean withoutSession) {
    requireNonNull(request, "request");
    String action = withoutSession ? "apikey-revoke-nosession" : "apikey-revoke";
    return WireCall.outcome(action, keyBody(request), false, r -> 1);
  }

  /** {@code apikey-revokeall-nosession}: success carries the count of revoked keys. */
  public static WireCall<Outcome<Integer>> revokeAllApiKeys(ApiKeyRequest request) {
    requireNonNull(request, "request");
    return WireCall.outcome(
        "apikey-revokeall-nosession",
        keyBody(request),
        false,
        r -> r.get("revoked_keys").intValue());
  }

  /**
   * {@code apikey-refresh-nosession}: the key's claims must include its issuer, version, audience
   * and subject.
   */
  public static WireCall<Outcome<IssuedApiKey>> refreshApiKey(RefreshApiKeyRequest request) {
    requireNonNull(request, "request");
    ObjectNode body =
        keyBody(new ApiKeyRequest(request.key(), request.userId(), request.userRole()));
    body.put("refresh_token", request.refreshToken().reveal());
    body.put("ip_address", request.ipAddress());
    body.put("expires_seconds", request.lifetime().toSeconds());
    body.put("not_valid_before", request.notValidBefore().toSeconds());
    body.put("refresh_expires", request.refreshLifetime().toSeconds());
    body.put("refresh_nbf", request.refreshNotValidBefore().toSeconds());
    return WireCall.outcome("apikey-refresh-nosession", body, false, WireCalls::issuedKey);
  }

  // ---- reading and writing ---------------------------------------------------------------

  private static void requireNoOverrides(MailOverrides mail) {
    if (!mail.isEmpty()) {
      throw new IllegalArgumentException(
          "per-request SMTP settings are not sent over the wire; the sidecar's settings apply");
    }
  }

  private static void putContent(ObjectNode body, VerificationEmail content, String formKey) {
    body.put("server_name", content.serverName());
    body.put("server_baseurl", content.serverBaseUrl());
    body.put(formKey, content.formPath());
    body.put("verification_token", content.token().reveal());
    body.put("verification_expiry", content.expirySeconds());
  }

  private static EmailSent emailSent(ObjectNode result, String timeKey) {
    return new EmailSent(
        result.get("user_id").longValue(),
        result.get("email_address").textValue(),
        time(result.get(timeKey)));
  }

  private static ObjectNode keyBody(ApiKeyRequest request) {
    ApiKeyClaims key = request.key();
    ObjectNode dict = JSON.objectNode();
    dict.put("uid", key.userId());
    dict.put("rol", key.userRole());
    dict.put("tkn", key.token().reveal());
    putClaim(dict, "iss", key.issuer());
    putClaim(dict, "ver", key.apiVersion());
    putClaim(dict, "aud", key.audience());
    putClaim(dict, "sub", key.subject());
    // Verification and revoke-all require the member, as the reference does, but decide by the
    // stored expiry; the claims do not carry the key's own.
    dict.putNull("exp");
    ObjectNode body = JSON.objectNode();
    body.set("apikey_dict", dict);
    body.put("user_id", request.userId());
    body.put("user_role", request.userRole());
    return body;
  }

  private static void putClaim(ObjectNode dict, String name, @Nullable JsonNode value) {
    if (value != null) {
      dict.set(name, value.deepCopy());
    }
  }

  private static IssuedApiKey issuedKey(ObjectNode result) {
    JsonNode refresh = result.get("refresh_token");
    JsonNode refreshExpires = result.get("refresh_token_expires");
    return IssuedApiKey.received(
        result.get("apikey").textValue(),
        refresh == null || !refresh.isTextual() ? null : ApiKeyToken.of(refresh.textValue()),
        refreshExpires == null || !refreshExpires.isTextual() ? null : time(refreshExpires));
  }

  /** A limit value as the wire carries it: the inverse of {@code AccessWire.value}. */
  private static JsonNode limitValue(@Nullable Object value) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node.deepCopy();
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof Long l) {
      return JSON.numberNode(l);
    }
    if (value instanceof Integer i) {
      return JSON.numberNode(i);
    }
    if (value instanceof java.math.BigInteger big) {
      return JSON.numberNode(big);
    }
    if (value instanceof Double d) {
      return JSON.numberNode(d);
    }
    if (value instanceof java.math.BigDecimal d) {
      return JSON.numberNode(d);
    }
    return JSON.textNode(value.toString());
  }

  private static AuthenticatedUser authenticated(ObjectNode result) {
    return new AuthenticatedUser(
        result.get("user_id").longValue(), result.get("user_role").textValue());
  }

  private static List<StoredUser> users(JsonNode list) {
    List<StoredUser> users = new ArrayList<>();
    list.forEach(u -> users.add(WireResults.readUserInfo((ObjectNode) u)));
    return users;
  }

  private static @Nullable String text(@Nullable JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static Instant time(JsonNode value) {
    return WireTime.parse(value.textValue());
  }

  private static JsonNode copy(@Nullable JsonNode value) {
    return value == null ? JSON.nullNode() : value.deepCopy();
  }
}
