package org.authnz.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.authnz.AuthnzService;
import org.authnz.ChangePasswordRequest;
import org.authnz.Denial;
import org.authnz.EmailSent;
import org.authnz.ForgotPasswordEmailRequest;
import org.authnz.MailOverrides;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.ResetPasswordRequest;
import org.authnz.ResetPasswordWithoutSessionRequest;
import org.authnz.SignupEmailRequest;
import org.authnz.VerificationEmail;
import org.authnz.VerificationToken;
import org.authnz.spi.SessionToken;
import org.jspecify.annotations.Nullable;

/**
 * The wire mapping of password change and reset and of the e-mail sending actions: body (already
 * schema-checked) to typed request, outcome to the reference's result object. Thread-safe
 * (stateless).
 */
final class PasswordEmailHandlers {
  private PasswordEmailHandlers() {}

  static ObjectNode changepass(AuthnzService service, ObjectNode body) {
    String keep = text(body, "session_token");
    ChangePasswordRequest request = changeRequest(body, keep.isEmpty() ? null : keep);
    return writeChange(service.passwords().change(request), request);
  }

  static ObjectNode changepassNosession(AuthnzService service, ObjectNode body) {
    ChangePasswordRequest request = changeRequest(body, null);
    return writeChange(service.passwords().changeWithoutSession(request), request);
  }

  private static ChangePasswordRequest changeRequest(ObjectNode body, @Nullable String keep) {
    return new ChangePasswordRequest(
        integer(body, "user_id"),
        text(body, "email"),
        text(body, "full_name"),
        Password.of(text(body, "current_password")),
        Password.of(text(body, "new_password")),
        keep == null ? null : SessionToken.of(keep));
  }

  private static ObjectNode writeChange(Outcome<Long> outcome, ChangePasswordRequest request) {
    ObjectNode result =
        outcome instanceof Outcome.Success<Long> success
            ? WireResults.success(success.messages())
            : WireResults.failure(((Outcome.Denied<Long>) outcome).denial());
    result.set("user_id", WireResults.id(request.userId()));
    result.put("email", request.email());
    return result;
  }

  static ObjectNode resetpass(AuthnzService service, ObjectNode body) {
    ResetPasswordRequest request =
        new ResetPasswordRequest(
            text(body, "email_address"),
            Password.of(text(body, "new_password")),
            SessionToken.of(text(body, "session_token")));
    return writeReset(service.passwords().reset(request));
  }

  static ObjectNode resetpassNosession(AuthnzService service, ObjectNode body) {
    ResetPasswordWithoutSessionRequest request =
        new ResetPasswordWithoutSessionRequest(
            text(body, "email_address"),
            Password.of(text(body, "new_password")),
            ActionSchema.isTruthy(body.get("required_active")));
    return writeReset(service.passwords().resetWithoutSession(request));
  }

  private static ObjectNode writeReset(Outcome<Long> outcome) {
    if (outcome instanceof Outcome.Success<Long> success) {
      ObjectNode typed = JsonNodeFactory.instance.objectNode();
      typed.set("user_id", WireResults.id(success.value()));
      return WireResults.typed(WireResults.success(success.messages()), typed);
    }
    return WireResults.failure(((Outcome.Denied<Long>) outcome).denial());
  }

  static ObjectNode sendemailSignup(AuthnzService service, ObjectNode body) {
    JsonNode created = body.get("created_info");
    JsonNode sendVerification = created.get("send_verification");
    if (sendVerification == null) {
      // The reference raises here (HTTP 400).
      throw new IllegalArgumentException("created_info has no send_verification");
    }
    JsonNode userId = created.get("user_id");
    JsonNode userEmail = created.get("user_email");
    SignupEmailRequest request =
        new SignupEmailRequest(
            text(body, "email_address"),
            SessionToken.of(text(body, "session_token")),
            userId != null && userId.isIntegralNumber() && userId.canConvertToLong()
                ? userId.longValue()
                : null,
            userEmail != null && userEmail.isTextual() ? userEmail.textValue() : null,
            !(sendVerification.isBoolean() && !sendVerification.booleanValue()),
            content(body, "account_verify_url"),
            overrides(body));
    return writeSent(service.emails().sendSignupEmail(request), "emailverify_sent_datetime");
  }

  static ObjectNode sendemailForgotpass(AuthnzService service, ObjectNode body) {
    ForgotPasswordEmailRequest request =
        new ForgotPasswordEmailRequest(
            text(body, "email_address"),
            SessionToken.of(text(body, "session_token")),
            content(body, "password_forgot_url"),
            overrides(body));
    return writeSent(
        service.emails().sendForgotPasswordEmail(request), "emailforgotpass_sent_datetime");
  }

  private static VerificationEmail content(ObjectNode body, String formKey) {
    return new VerificationEmail(
        text(body, "server_name"),
        text(body, "server_baseurl"),
        text(body, formKey),
        VerificationToken.of(text(body, "verification_token")),
        integer(body, "verification_expiry"));
  }

  /** Every SMTP key present in the body replaces the configured value, even when null. */
  private static MailOverrides overrides(ObjectNode body) {
    MailOverrides overrides = MailOverrides.none();
    if (body.has("emailserver")) {
      overrides = overrides.server(textOrNull(body.get("emailserver")));
    }
    if (body.has("emailport")) {
      JsonNode port = body.get("emailport");
      Integer value = null;
      if (port.isIntegralNumber()) {
        value = port.canConvertToInt() ? port.intValue() : -1;
      } else if (!port.isNull()) {
        value = -1; // a falsy non-integer passes the schema; no server listens there
      }
      overrides = overrides.port(value);
    }
    if (body.has("emailuser")) {
      overrides = overrides.user(textOrNull(body.get("emailuser")));
    }
    if (body.has("emailpass")) {
      overrides = overrides.password(textOrNull(body.get("emailpass")));
    }
    if (body.has("emailsender")) {
      overrides = overrides.sender(textOrNull(body.get("emailsender")));
    }
    return overrides;
  }

  private static ObjectNode writeSent(Outcome<EmailSent> outcome, String timeKey) {
    if (outcome instanceof Outcome.Success<EmailSent> success) {
      EmailSent sent = success.value();
      ObjectNode result = WireResults.success(success.messages());
      result.set("user_id", WireResults.id(sent.userId()));
      result.put("email_address", sent.email());
      result.put(timeKey, WireResults.time(sent.sentAt()));
      return result;
    }
    Denial denial = ((Outcome.Denied<EmailSent>) outcome).denial();
    ObjectNode result = WireResults.failure(denial);
    result.putNull("user_id").putNull("email_address").putNull(timeKey);
    return result;
  }

  private static @Nullable String textOrNull(@Nullable JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private static String text(ObjectNode body, String key) {
    return body.get(key).textValue();
  }

  /** An {@code int} schema value: an integer, or a boolean as 0/1. */
  private static long integer(ObjectNode body, String key) {
    JsonNode value = body.get(key);
    if (value.isBoolean()) {
      return value.booleanValue() ? 1 : 0;
    }
    if (!value.canConvertToLong()) {
      throw new IllegalArgumentException("integer out of range");
    }
    return value.longValue();
  }
}
