package org.authnz;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.authnz.internal.logging.LogSafe;
import org.authnz.internal.mail.SmtpMailer;
import org.authnz.internal.mail.VerificationTexts;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-mail sending actions {@code user-sendemail-signup} and {@code user-sendemail-forgotpass}
 * ({@code actions-passwords-email.md} sections 9-12), for {@link DefaultAuthnzService}.
 * Thread-safe.
 */
final class EmailActions {
  private static final Logger audit = LoggerFactory.getLogger("org.authnz.audit");
  private static final Duration FORGOT_PASSWORD_INTERVAL = Duration.ofHours(24);
  private static final String M_BAD_SETTINGS =
      "Invalid email server settings provided. Can't send an email.";

  private final AuthnzStore store;
  private final Clock clock;
  private final @Nullable MailSettings configured;
  private final LogSafe logSafe;

  EmailActions(AuthnzStore store, Clock clock, @Nullable MailSettings configured, LogSafe logSafe) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.configured = configured;
    this.logSafe = requireNonNull(logSafe, "logSafe");
  }

  /** Section 11. */
  Outcome<EmailSent> sendSignup(SignupEmailRequest request) {
    requireNonNull(request, "request");
    MailOverrides.SmtpTarget target = request.mail().over(configured);
    if (!target.isComplete()) {
      return denied(
          DenialCode.EMAIL_NOT_SENT,
          "invalid request: missing 'emailsender', 'emailserver', or 'emailport' in request",
          M_BAD_SETTINGS);
    }
    if (!request.sendVerification()) {
      return denied(
          DenialCode.EMAIL_NOT_ALLOWED,
          "not allowed to send verification email to target user, send_verification = False",
          "Not allowed to send an email verification request.");
    }
    Long createdId = request.createdUserId();
    Optional<StoredUser> found =
        UserLookup.byEmail(store, request.email())
            .filter(u -> createdId != null && u.userId() == createdId);
    if (found.isEmpty()) {
      return denied(
          DenialCode.USER_NOT_FOUND,
          "target user for verification email does not exist",
          "Invalid verify email request.");
    }
    StoredUser user = found.get();
    if (user.active() || !user.userRole().equals("locked")) {
      return denied(
          DenialCode.EMAIL_NOT_ALLOWED,
          "target user for verification email already active and verified",
          "Not sending an verify email request to an existing user.");
    }
    Optional<StoredSession> session = liveSession(request.session());
    if (session.isEmpty()) {
      return denied(
          DenialCode.SESSION_NOT_FOUND,
          "invalid session for requesting a verification email",
          "Invalid verify email request.");
    }

    Instant now = now();
    VerificationTexts.Values values =
        values(request.content(), request.email(), session.get(), now);
    boolean sent =
        send(
            target,
            VerificationTexts.signupSubject(request.content().serverName()),
            VerificationTexts.signupText(values),
            user.email(),
            now);
    if (!sent) {
      return denied(
          DenialCode.EMAIL_NOT_SENT,
          "verification email could not be sent because of an email server problem",
          "Could not send email for the verify email request.");
    }

    String createdEmail = request.createdUserEmail();
    store.updateUser(
        user.userId(),
        now,
        u -> !u.active() && u.email().equals(createdEmail) ? u.withEmailVerifySentAt(now) : u);
    audit.atInfo().addKeyValue("user", logSafe.userId(user.userId())).log("email.signup.sent");
    return Outcome.success(
        new EmailSent(user.userId(), user.email(), now), "Verify email sent successfully.");
  }

  /** Section 12. */
  Outcome<EmailSent> sendForgotPassword(ForgotPasswordEmailRequest request) {
    requireNonNull(request, "request");
    MailOverrides.SmtpTarget target = request.mail().over(configured);
    if (!target.isComplete()) {
      return denied(
          DenialCode.EMAIL_NOT_SENT,
          "missing 'emailserver', 'emailsender', 'emailport' in request",
          M_BAD_SETTINGS);
    }
    Optional<StoredUser> found =
        UserLookup.byEmail(store, request.email())
            .filter(
                u ->
                    u.active()
                        && !u.userRole().equals("locked")
                        && !u.userRole().equals("anonymous"));
    if (found.isEmpty()) {
      audit.atInfo().addKeyValue("user", logSafe.email(request.email())).log("email.forgot.denied");
      return denied(
          DenialCode.USER_NOT_FOUND,
          "invalid user for forgot-pass email request",
          "Invalid password reset email request.");
    }
    StoredUser user = found.get();
    Instant now = now();
    Instant last = user.emailForgotpassSentAt();
    if (last != null && Duration.between(last, now).compareTo(FORGOT_PASSWORD_INTERVAL) <= 0) {
      return denied(
          DenialCode.EMAIL_NOT_ALLOWED,
          "forgot-pass verification email sent less than 24 hours ago",
          "Invalid password reset email request.");
    }
    Optional<StoredSession> session = liveSession(request.session());
    if (session.isEmpty()) {
      return denied(
          DenialCode.SESSION_NOT_FOUND,
          "invalid session for forgot-pass request",
          "Invalid verification email request.");
    }

    VerificationTexts.Values values =
        values(request.content(), request.email(), session.get(), now);
    String recipients = "[" + PythonRepr.string(user.email()) + "]";
    boolean sent =
        send(
            target,
            VerificationTexts.forgotPasswordSubject(request.content().serverName()),
            VerificationTexts.forgotPasswordText(values),
            user.email(),
            now);
    if (!sent) {
      return denied(
          DenialCode.EMAIL_NOT_SENT,
          "forgot-pass verification email could not be sent because email server issue",
          "Could not send email to " + recipients + " for the user password reset request.");
    }

    String email = request.email();
    store.updateUser(
        user.userId(),
        now,
        u -> u.active() && u.email().equals(email) ? u.withEmailForgotpassSentAt(now) : u);
    audit.atInfo().addKeyValue("user", logSafe.userId(user.userId())).log("email.forgot.sent");
    return Outcome.success(
        new EmailSent(user.userId(), user.email(), now),
        "Password reset request sent successfully to " + recipients);
  }

  private static VerificationTexts.Values values(
      VerificationEmail content, String email, StoredSession session, Instant now) {
    Instant expiry = now.plusSeconds(content.expirySeconds());
    return new VerificationTexts.Values(
        content.serverName(),
        content.serverBaseUrl(),
        email,
        session.userAgent().replace('_', '.'),
        session.ipAddress(),
        content.token().reveal(),
        content.formPath(),
        WireTime.format(expiry) + " (UTC time)");
  }

  private static boolean send(
      MailOverrides.SmtpTarget target, String subject, String text, String to, Instant now) {
    SmtpMailer.Server server =
        new SmtpMailer.Server(
            requireNonNull(target.server),
            requireNonNull(target.port),
            target.user,
            target.password,
            target.security == MailSettings.Security.IMPLICIT_TLS,
            target.verifyCertificate,
            target.timeout);
    return SmtpMailer.send(server, requireNonNull(target.sender), subject, text, List.of(to), now);
  }

  private Optional<StoredSession> liveSession(SessionToken token) {
    Instant now = now();
    return store
        .findSession(token)
        .filter(s -> s.isLiveAt(now))
        .filter(s -> store.findUser(s.userId()).isPresent());
  }

  private static <T> Outcome<T> denied(DenialCode code, String reason, String message) {
    return Outcome.denied(Denial.of(code, reason, message));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
