package org.authnz.transport.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.authnz.AccessCheckRequest;
import org.authnz.ApiKeyClaims;
import org.authnz.ApiKeyRequest;
import org.authnz.AuthenticatedUser;
import org.authnz.AuthnzService;
import org.authnz.ChangePasswordRequest;
import org.authnz.CreateSessionRequest;
import org.authnz.DeleteUserRequest;
import org.authnz.DeleteUserSessionsRequest;
import org.authnz.Denial;
import org.authnz.DenialCode;
import org.authnz.EmailSent;
import org.authnz.EmailSentRequest;
import org.authnz.EmailVerification;
import org.authnz.ForgotPasswordEmailRequest;
import org.authnz.InternalLockUserRequest;
import org.authnz.IssuedApiKey;
import org.authnz.LoginRequest;
import org.authnz.LogoutRequest;
import org.authnz.MailOverrides;
import org.authnz.MailSettings;
import org.authnz.NewApiKeyRequest;
import org.authnz.NewNoSessionKeyRequest;
import org.authnz.NewSession;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.PasswordCheckRequest;
import org.authnz.RefreshApiKeyRequest;
import org.authnz.ResetPasswordRequest;
import org.authnz.ResetPasswordWithoutSessionRequest;
import org.authnz.SessionInfo;
import org.authnz.SignupEmailRequest;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.VerificationEmail;
import org.authnz.VerificationToken;
import org.authnz.internal.mail.StartTlsFront;
import org.authnz.internal.mail.TestSmtp;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;
import org.authnz.transport.http.protocol.EmailVerificationTokens;
import org.authnz.transport.http.protocol.Fernet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account lifecycle as a frontend walks it, against any {@link AuthnzService}: the subclasses
 * run it in-process on SQLite and through {@link AuthnzClient} against a sidecar on loopback, and
 * both must pass, which is what makes the two the same API. Denials are checked for their exact
 * code, failure reason and messages. E-mail goes to a real SMTP server in this JVM (GreenMail
 * behind a STARTTLS front); through the client the sidecar sends it with its own SMTP settings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthnzServiceBehaviour {

  static final String ADMIN_EMAIL = "admin@behaviour.example.org";
  static final String ADMIN_PASSWORD = "Behaviour-Admin-Pass-4Kq9";
  private static final String PASSWORD = "vQ7#kLm2$Rt9!pXw-behaviour";
  private static final String NEW_PASSWORD = "Zx8!nB3#cV6$mQ1-behaviour";
  private static final String IP = "203.0.113.9";
  private static final String AGENT = "behaviour-suite/1.0";
  private static final String M_BADPASS =
      "Sorry, that user ID and password combination didn't work.";
  private static final AtomicInteger USERS = new AtomicInteger();

  private static final String FRONTEND_KEY = Fernet.generateKey();

  /** The SMTP server the service sends through, behind a STARTTLS front as authnz requires. */
  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(TestSmtp.plain()).withPerMethodLifecycle(false);

  private AuthnzService authnz;
  private StartTlsFront smtp;

  /**
   * Starts the service under test on an SQLite file in {@code dir}, initialised with the admin,
   * sending e-mail with {@code mail}.
   */
  abstract AuthnzService start(Path dir, MailSettings mail);

  /** Stops what {@link #start} started. */
  abstract void stop();

  @BeforeAll
  void startService(@TempDir Path dir) {
    smtp = StartTlsFront.start(greenMail.getSmtp().getPort());
    MailSettings mail =
        MailSettings.builder()
            .server("localhost")
            .port(smtp.port())
            .sender("Behaviour Suite <noreply-behaviour@test.org>")
            .build();
    authnz = start(dir, mail);
  }

  @AfterAll
  void stopService() {
    stop();
    if (smtp != null) {
      smtp.close();
    }
  }

  /** The Argon2id cost for tests: the lightest the hasher accepts. */
  static AuthnzService.Builder lightHashing(AuthnzService.Builder builder) {
    return builder.argon2(1024, 1, 1);
  }

  // ---- scenarios -------------------------------------------------------------------------

  @Test
  void signupVerifyLoginSessionCheckLogout_walksTheWholeLifecycle() {
    String email = newEmail();
    SignupResult signup = authnz.users().create(SignupRequest.of("Ada Lovelace", email, pw()));
    assertThat(signup).isInstanceOf(SignupResult.Created.class);
    long userId = ((SignupResult.Created) signup).userId();
    assertThat(((SignupResult.Created) signup).email()).isEqualTo(email);

    Outcome<AuthenticatedUser> early = login(email, PASSWORD); // not verified yet
    assertDenied(
        early,
        DenialCode.INVALID_CREDENTIALS,
        "user does not exist or password doesn't match",
        M_BADPASS);

    Outcome<EmailVerification> verified = authnz.emails().setVerified(email);
    assertThat(value(verified)).isEqualTo(new EmailVerification(userId, true, "authenticated"));

    AuthenticatedUser user = value(login(email, PASSWORD));
    assertThat(user).isEqualTo(new AuthenticatedUser(userId, "authenticated"));
    SessionToken session = userSession(userId);

    SessionInfo info = value(authnz.sessions().find(session));
    assertThat(info.user().userId()).isEqualTo(userId);
    assertThat(info.user().email()).isEqualTo(email);
    assertThat(info.user().userRole()).isEqualTo("authenticated");
    assertThat(info.session().ipAddress()).isEqualTo(IP);
    assertThat(info.session().userAgent()).isEqualTo(AGENT);

    AuthenticatedUser checked =
        value(authnz.passwords().check(new PasswordCheckRequest(session, pw())));
    assertThat(checked.userId()).isEqualTo(userId);

    assertThat(value(authnz.users().logout(new LogoutRequest(session, userId)))).isEqualTo(userId);
    assertDenied(
        authnz.sessions().find(session),
        DenialCode.SESSION_NOT_FOUND,
        "session does not exist or expired",
        "Session look up failed.");
    assertDenied(
        authnz.users().logout(new LogoutRequest(session, userId)),
        DenialCode.SESSION_NOT_FOUND,
        "session does not exist",
        "Logout failed. Invalid session_token for user_id.");
  }

  @Test
  void signupTwice_isRejectedAsExisting() {
    String email = newEmail();
    authnz.users().create(SignupRequest.of("Grace Hopper", email, pw()));
    SignupResult again = authnz.users().create(SignupRequest.of("Grace Hopper", email, pw()));
    assertThat(again).isInstanceOf(SignupResult.Rejected.class);
    Denial denial = ((SignupResult.Rejected) again).denial();
    assertThat(denial.code()).isEqualTo(DenialCode.USER_EXISTS);
    assertThat(denial.failureReason()).isEqualTo("user exists");
  }

  @Test
  void signupWithAWeakPassword_isRejectedWithThePolicyMessages() {
    SignupResult weak =
        authnz.users().create(SignupRequest.of("Alan Turing", newEmail(), Password.of("short")));
    assertThat(weak).isInstanceOf(SignupResult.Rejected.class);
    Denial denial = ((SignupResult.Rejected) weak).denial();
    assertThat(denial.code()).isEqualTo(DenialCode.WEAK_PASSWORD);
    assertThat(denial.failureReason()).isEqualTo("invalid password");
    assertThat(denial.messages()).isNotEmpty();
  }

  @Test
  void loginWithAWrongPasswordOrUnknownUser_isDeniedAlike() {
    String email = verifiedUser();
    assertDenied(
        login(email, "not-the-password-at-all"),
        DenialCode.INVALID_CREDENTIALS,
        "user does not exist or password doesn't match",
        M_BADPASS);
    assertDenied(
        login(newEmail(), PASSWORD),
        DenialCode.INVALID_CREDENTIALS,
        "user does not exist or password doesn't match",
        M_BADPASS);
  }

  @Test
  void passwordChange_needsTheCurrentPasswordAndReplacesIt() {
    String email = verifiedUser();
    long userId = value(login(email, PASSWORD)).userId();
    SessionToken session = userSession(userId);

    Outcome<Long> wrong =
        authnz
            .passwords()
            .change(
                new ChangePasswordRequest(
                    userId,
                    email,
                    "Ada Lovelace",
                    Password.of("wrong-current-pass"),
                    Password.of(NEW_PASSWORD),
                    session));
    assertThat(code(wrong)).isEqualTo(DenialCode.INVALID_CREDENTIALS);
    assertThat(denial(wrong).failureReason()).isEqualTo("user password does not match");

    Outcome<Long> changed =
        authnz
            .passwords()
            .change(
                new ChangePasswordRequest(
                    userId, email, "Ada Lovelace", pw(), Password.of(NEW_PASSWORD), session));
    assertThat(value(changed)).isEqualTo(userId);

    assertThat(code(login(email, PASSWORD))).isEqualTo(DenialCode.INVALID_CREDENTIALS);
    assertThat(value(login(email, NEW_PASSWORD)).userId()).isEqualTo(userId);
    assertThat(authnz.sessions().find(session).isSuccess()).isTrue(); // the kept session
  }

  @Test
  void apiKey_isIssuedForALiveSessionAndRevokedOnce() {
    String email = verifiedUser();
    long userId = value(login(email, PASSWORD)).userId();
    SessionToken session = userSession(userId);
    NewApiKeyRequest request =
        new NewApiKeyRequest(
            "behaviour",
            "api.example.org",
            "/items",
            TextNode.valueOf("1"),
            Duration.ofDays(30),
            Duration.ZERO,
            userId,
            "authenticated",
            IP,
            AGENT,
            session);
    IssuedApiKey key = value(authnz.apiKeys().create(request));
    assertThat(key.reveal()).contains("\"uid\"");
    assertThat(key.expires()).isAfter(key.issued());

    ApiKeyRequest revoke =
        new ApiKeyRequest(
            ApiKeyClaims.of(userId, "authenticated", key.token()), userId, "authenticated");
    assertThat(value(authnz.apiKeys().revoke(revoke))).isEqualTo(1);
    Outcome<Integer> again = authnz.apiKeys().revoke(revoke);
    assertThat(code(again)).isEqualTo(DenialCode.NOTHING_DELETED);
    assertThat(denial(again).failureReason()).isNull();

    NewApiKeyRequest stale =
        new NewApiKeyRequest(
            "behaviour",
            "api.example.org",
            "/items",
            TextNode.valueOf("1"),
            Duration.ofDays(30),
            Duration.ZERO,
            userId,
            "authenticated",
            IP,
            AGENT,
            SessionToken.of("no-such-session"));
    assertThat(code(authnz.apiKeys().create(stale))).isEqualTo(DenialCode.SESSION_NOT_FOUND);
  }

  @Test
  void noSessionApiKey_isRefreshedAndRevokedWithAllOthers() throws Exception {
    NewNoSessionKeyRequest request =
        new NewNoSessionKeyRequest(
            "behaviour",
            "api.example.org",
            "/items",
            TextNode.valueOf("1"),
            Duration.ofHours(1),
            Duration.ZERO,
            1,
            "superuser",
            IP,
            Duration.ofDays(1),
            Duration.ZERO);
    IssuedApiKey key = value(authnz.apiKeys().createWithoutSession(request));
    assertThat(key.refreshToken()).isPresent();

    JsonNode dict = new ObjectMapper().readTree(key.reveal());
    ApiKeyClaims claims =
        new ApiKeyClaims(
            1,
            "superuser",
            key.token(),
            dict.get("iss"),
            dict.get("ver"),
            dict.get("aud"),
            dict.get("sub"));
    IssuedApiKey refreshed =
        value(
            authnz
                .apiKeys()
                .refreshWithoutSession(
                    new RefreshApiKeyRequest(
                        claims,
                        1,
                        "superuser",
                        key.refreshToken().orElseThrow(),
                        IP,
                        Duration.ofHours(1),
                        Duration.ZERO,
                        Duration.ofDays(1),
                        Duration.ZERO)));
    assertThat(refreshed.token()).isNotEqualTo(key.token());

    ApiKeyRequest all =
        new ApiKeyRequest(
            new ApiKeyClaims(
                1,
                "superuser",
                refreshed.token(),
                dict.get("iss"),
                dict.get("ver"),
                dict.get("aud"),
                dict.get("sub")),
            1,
            "superuser");
    assertThat(value(authnz.apiKeys().revokeAllWithoutSession(all))).isPositive();
    assertThat(code(authnz.apiKeys().revokeWithoutSession(all)))
        .isEqualTo(DenialCode.NOTHING_DELETED);
  }

  @Test
  void accessCheck_grantsAndRefusesByThePolicy() {
    String email = verifiedUser();
    long userId = value(login(email, PASSWORD)).userId();
    assertThat(
            value(
                authnz
                    .access()
                    .check(
                        new AccessCheckRequest(
                            userId, "authenticated", "view", "object", 1, "public", ""))))
        .isTrue();
    assertDenied(
        authnz
            .access()
            .check(
                new AccessCheckRequest(userId, "authenticated", "edit", "object", 1, "public", "")),
        DenialCode.ACCESS_DENIED,
        "action not permitted",
        "Access request check successful. Access granted: False.");
    assertThat(
            code(
                authnz
                    .access()
                    .check(
                        new AccessCheckRequest(
                            userId, "superuser", "view", "object", 1, "public", ""))))
        .isEqualTo(DenialCode.USER_NOT_FOUND);
  }

  @Test
  void adminLockUnlockAndDelete_takeEffectAtOnce() {
    String email = verifiedUser();
    long userId = value(login(email, PASSWORD)).userId();

    StoredUser locked =
        value(authnz.admin().lockInternal(new InternalLockUserRequest(userId, "lock")));
    assertThat(locked.active()).isFalse();
    assertThat(locked.userRole()).isEqualTo("locked");
    assertThat(code(login(email, PASSWORD))).isEqualTo(DenialCode.INVALID_CREDENTIALS);

    StoredUser unlocked =
        value(authnz.admin().lockInternal(new InternalLockUserRequest(userId, "unlock")));
    assertThat(unlocked.active()).isTrue();
    assertThat(value(login(email, PASSWORD)).userId()).isEqualTo(userId);

    assertThat(value(authnz.admin().list(userId)).stream().map(StoredUser::email).toList())
        .containsExactly(email);
    assertThat(value(authnz.admin().deleteInternal(userId))).isEqualTo(userId);
    assertDenied(
        authnz.users().findByEmail(email),
        DenialCode.USER_NOT_FOUND,
        "user email not found in DB",
        "User look up failed.");
  }

  @Test
  void selfDelete_needsThePassword() {
    String email = verifiedUser();
    long userId = value(authnz.users().findByEmail(email)).userId();
    Outcome<Long> wrong =
        authnz.admin().delete(new DeleteUserRequest(email, userId, Password.of("wrong-pass-123")));
    assertThat(code(wrong)).isEqualTo(DenialCode.INVALID_CREDENTIALS);
    assertThat(denial(wrong).failureReason()).isEqualTo("invalid password");
    assertThat(value(authnz.admin().delete(new DeleteUserRequest(email, userId, pw()))))
        .isEqualTo(userId);
    assertThat(code(authnz.users().findByEmail(email))).isEqualTo(DenialCode.USER_NOT_FOUND);
  }

  @Test
  void deleteOfUser_deletesTheUsersSessionsButTheKeptOneAndCountsThem() {
    String email = verifiedUser();
    long userId = value(login(email, PASSWORD)).userId();
    SessionToken kept = userSession(userId);
    SessionToken second = userSession(userId);
    SessionToken third = userSession(userId);
    SessionToken someoneElse = userSession(value(login(verifiedUser(), PASSWORD)).userId());

    Outcome<Integer> deleted =
        authnz.sessions().deleteOfUser(new DeleteUserSessionsRequest(userId, kept, true));
    assertThat(value(deleted)).isEqualTo(2);
    assertThat(messages(deleted)).containsExactly("Sessions delete processed. Success: True.");
    assertThat(code(authnz.sessions().find(second))).isEqualTo(DenialCode.SESSION_NOT_FOUND);
    assertThat(code(authnz.sessions().find(third))).isEqualTo(DenialCode.SESSION_NOT_FOUND);
    assertThat(value(authnz.sessions().find(kept)).user().userId()).isEqualTo(userId);
    assertThat(authnz.sessions().find(someoneElse).isSuccess()).isTrue();

    assertThat(
            value(
                authnz.sessions().deleteOfUser(new DeleteUserSessionsRequest(userId, null, false))))
        .isEqualTo(1);
    assertThat(code(authnz.sessions().find(kept))).isEqualTo(DenialCode.SESSION_NOT_FOUND);
    assertDenied(
        authnz.sessions().deleteOfUser(new DeleteUserSessionsRequest(userId, null, false)),
        DenialCode.NOTHING_DELETED,
        null,
        "Sessions delete processed. Success: False.");
  }

  @Test
  void forgotPasswordMailThenReset_withTheCodeFromTheMail_setsTheNewPassword() throws Exception {
    String email = verifiedUser();
    long userId = value(authnz.users().findByEmail(email)).userId();
    SessionToken anonymous = newSession(null);
    String token = frontendToken(email, anonymous);

    Outcome<EmailSent> sent =
        authnz
            .emails()
            .sendForgotPasswordEmail(
                new ForgotPasswordEmailRequest(
                    email, anonymous, content("/password/reset", token), MailOverrides.none()));
    EmailSent mail = value(sent);
    assertThat(mail.userId()).isEqualTo(userId);
    assertThat(mail.email()).isEqualTo(email);
    assertThat(messages(sent))
        .containsExactly("Password reset request sent successfully to ['" + email + "']");
    assertThat(value(authnz.users().findByEmail(email)).emailForgotpassSentAt())
        .isEqualTo(mail.sentAt());

    MimeMessage message = mailTo(email);
    assertThat(message.getSubject())
        .isEqualTo("[Behaviour] Please verify your password reset request");
    assertThat(GreenMailUtil.getBody(message)).contains("https://behaviour.test/password/reset");
    String code = codeIn(message, "into the password reset");
    assertThat(frontendAccepts(code, email, anonymous)).isTrue();

    Outcome<Long> reset =
        authnz
            .passwords()
            .reset(new ResetPasswordRequest(email, Password.of(NEW_PASSWORD), anonymous));
    assertThat(value(reset)).isEqualTo(userId);
    assertThat(messages(reset)).containsExactly("Password changed successfully.");
    assertThat(code(login(email, PASSWORD))).isEqualTo(DenialCode.INVALID_CREDENTIALS);
    assertThat(value(login(email, NEW_PASSWORD)).userId()).isEqualTo(userId);

    assertDenied(
        authnz
            .emails()
            .sendForgotPasswordEmail(
                new ForgotPasswordEmailRequest(
                    email, anonymous, content("/password/reset", token), MailOverrides.none())),
        DenialCode.EMAIL_NOT_ALLOWED,
        "forgot-pass verification email sent less than 24 hours ago",
        "Invalid password reset email request.");
    assertDenied(
        authnz
            .passwords()
            .reset(
                new ResetPasswordRequest(
                    email, Password.of(PASSWORD), SessionToken.of("no-such-session"))),
        DenialCode.SESSION_NOT_FOUND,
        "session does not exist",
        "Invalid session token for password reset request.");
  }

  @Test
  void resetWithoutSession_needsTheActivityTheFrontendExpects() {
    String email = verifiedUser();
    long userId = value(authnz.users().findByEmail(email)).userId();

    assertDenied(
        authnz
            .passwords()
            .resetWithoutSession(
                new ResetPasswordWithoutSessionRequest(email, Password.of(NEW_PASSWORD), false)),
        DenialCode.USER_NOT_FOUND,
        "user does not exist or is_active was not as required",
        "Invalid user for password reset request.");
    assertThat(value(login(email, PASSWORD)).userId()).isEqualTo(userId);

    Outcome<Long> reset =
        authnz
            .passwords()
            .resetWithoutSession(
                new ResetPasswordWithoutSessionRequest(email, Password.of(NEW_PASSWORD), true));
    assertThat(value(reset)).isEqualTo(userId);
    assertThat(value(login(email, NEW_PASSWORD)).userId()).isEqualTo(userId);

    Outcome<Long> weak =
        authnz
            .passwords()
            .resetWithoutSession(
                new ResetPasswordWithoutSessionRequest(email, Password.of("short"), true));
    assertThat(code(weak)).isEqualTo(DenialCode.WEAK_PASSWORD);
    assertThat(denial(weak).failureReason()).isEqualTo("invalid new password");
    assertThat(denial(weak).messages())
        .startsWith("Insecure new password for password reset request.");
  }

  @Test
  void signupMailThenSetSent_recordsWhenItWent() throws Exception {
    String email = newEmail();
    SignupResult signup = authnz.users().create(SignupRequest.of("Ada Lovelace", email, pw()));
    SignupResult.Created created = (SignupResult.Created) signup;
    SessionToken anonymous = newSession(null);
    String token = frontendToken(email, anonymous);

    Outcome<EmailSent> sent =
        authnz
            .emails()
            .sendSignupEmail(
                new SignupEmailRequest(
                    email,
                    anonymous,
                    created.userId(),
                    created.email(),
                    true,
                    content("/users/verify", token),
                    MailOverrides.none()));
    EmailSent mail = value(sent);
    assertThat(mail.userId()).isEqualTo(created.userId());
    assertThat(mail.email()).isEqualTo(email);
    assertThat(messages(sent)).containsExactly("Verify email sent successfully.");
    assertThat(value(authnz.users().findByEmail(email)).emailVerifySentAt())
        .isEqualTo(mail.sentAt());

    MimeMessage message = mailTo(email);
    assertThat(message.getSubject())
        .isEqualTo("[Behaviour] Please verify your account sign up request");
    String code = codeIn(message, "into the account verification");
    assertThat(frontendAccepts(code, email, anonymous)).isTrue();

    Outcome<StoredUser> marked = authnz.emails().setSent(new EmailSentRequest(email, "signup"));
    StoredUser user = value(marked);
    assertThat(messages(marked)).containsExactly("Email sent notification request succeeded.");
    assertThat(user.userId()).isEqualTo(created.userId());
    assertThat(user.emailVerifySentAt()).isAfterOrEqualTo(mail.sentAt());
    assertThat(user.emailForgotpassSentAt()).isNull();
    assertThat(user).isEqualTo(value(authnz.users().findByEmail(email)));

    StoredUser forgot = value(authnz.emails().setSent(new EmailSentRequest(email, "forgotpass")));
    assertThat(forgot.emailForgotpassSentAt()).isNotNull();
    assertThat(forgot).isEqualTo(value(authnz.users().findByEmail(email)));

    assertDenied(
        authnz.emails().setSent(new EmailSentRequest(email, "welcome")),
        DenialCode.INVALID_REQUEST,
        "invalid request: invalid email_type requested",
        "Invalid email sent notification request.");
    assertDenied(
        authnz.emails().setSent(new EmailSentRequest(newEmail(), "signup")),
        DenialCode.USER_NOT_FOUND,
        "could not update the email sent status in DB",
        "Email sent notification request failed.");

    assertThat(authnz.emails().setVerified(email).isSuccess()).isTrue();
    assertDenied(
        authnz
            .emails()
            .sendSignupEmail(
                new SignupEmailRequest(
                    email,
                    anonymous,
                    created.userId(),
                    created.email(),
                    true,
                    content("/users/verify", token),
                    MailOverrides.none())),
        DenialCode.EMAIL_NOT_ALLOWED,
        "target user for verification email already active and verified",
        "Not sending an verify email request to an existing user.");
  }

  @Test
  void apiKeyVerify_givesTheExpiryUntilRevokedAndRefusesOthers() {
    String email = verifiedUser();
    long userId = value(login(email, PASSWORD)).userId();
    IssuedApiKey key = value(authnz.apiKeys().create(keyRequest(userId, userSession(userId))));
    ApiKeyRequest own =
        new ApiKeyRequest(
            ApiKeyClaims.of(userId, "authenticated", key.token()), userId, "authenticated");

    Outcome<Instant> verified = authnz.apiKeys().verify(own);
    assertThat(value(verified)).isEqualTo(key.expires());
    assertThat(messages(verified)).isNotEmpty();

    long otherId = value(login(verifiedUser(), PASSWORD)).userId();
    assertDenied(
        authnz
            .apiKeys()
            .verify(
                new ApiKeyRequest(
                    ApiKeyClaims.of(userId, "authenticated", key.token()),
                    otherId,
                    "authenticated")),
        DenialCode.ACCESS_DENIED,
        "originating user is not allowed to operate on this API key",
        "API key verification failed. You are not allowed to operate on this API key.");
    assertDenied(
        authnz
            .apiKeys()
            .verify(
                new ApiKeyRequest(
                    ApiKeyClaims.of(userId, "superuser", key.token()), userId, "authenticated")),
        DenialCode.INVALID_API_KEY,
        "key validation failed, provided key does not match stored key or has expired",
        "API key could not be verified.");

    assertThat(value(authnz.apiKeys().revoke(own))).isEqualTo(1);
    assertThat(code(authnz.apiKeys().verify(own))).isEqualTo(DenialCode.INVALID_API_KEY);
  }

  @Test
  void noSessionApiKeyVerify_givesTheExpiryUntilRevoked() {
    IssuedApiKey key =
        value(
            authnz
                .apiKeys()
                .createWithoutSession(
                    new NewNoSessionKeyRequest(
                        "behaviour",
                        "api.example.org",
                        "/items",
                        TextNode.valueOf("1"),
                        Duration.ofHours(2),
                        Duration.ZERO,
                        1,
                        "superuser",
                        IP,
                        Duration.ofDays(1),
                        Duration.ZERO)));
    ApiKeyRequest own =
        new ApiKeyRequest(ApiKeyClaims.of(1, "superuser", key.token()), 1, "superuser");

    assertThat(value(authnz.apiKeys().verifyWithoutSession(own))).isEqualTo(key.expires());
    ApiKeyRequest forged =
        new ApiKeyRequest(
            ApiKeyClaims.of(1, "superuser", ApiKeyToken.of("not-a-stored-key")), 1, "superuser");
    assertDenied(
        authnz.apiKeys().verifyWithoutSession(forged),
        DenialCode.INVALID_API_KEY,
        "key validation failed, provided key does not match stored key or has expired",
        "API key could not be verified.");

    assertThat(value(authnz.apiKeys().revokeWithoutSession(own))).isEqualTo(1);
    assertThat(code(authnz.apiKeys().verifyWithoutSession(own)))
        .isEqualTo(DenialCode.INVALID_API_KEY);
  }

  @Test
  void superuser_canLogIn() {
    AuthenticatedUser admin = value(login(ADMIN_EMAIL, ADMIN_PASSWORD));
    assertThat(admin).isEqualTo(new AuthenticatedUser(1, "superuser"));
  }

  @Test
  void missingRequest_isRefusedNamingTheArgument() {
    assertThatNullPointerException()
        .isThrownBy(() -> authnz.passwords().validate(null))
        .withMessage("request");
    assertThatNullPointerException()
        .isThrownBy(() -> authnz.users().login(null))
        .withMessage("request");
    assertThatNullPointerException()
        .isThrownBy(() -> authnz.sessions().find(null))
        .withMessage("token");
    assertThatNullPointerException()
        .isThrownBy(() -> authnz.emails().setVerified(null))
        .withMessage("email");
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static NewApiKeyRequest keyRequest(long userId, SessionToken session) {
    return new NewApiKeyRequest(
        "behaviour",
        "api.example.org",
        "/items",
        TextNode.valueOf("1"),
        Duration.ofDays(30),
        Duration.ZERO,
        userId,
        "authenticated",
        IP,
        AGENT,
        session);
  }

  /** What the e-mail says besides the user's details; the code is the frontend's token. */
  private static VerificationEmail content(String form, String token) {
    return new VerificationEmail(
        "Behaviour", "https://behaviour.test", form, VerificationToken.of(token), 900);
  }

  /** The verification token a frontend makes for this session, under its own key. */
  private String frontendToken(String email, SessionToken session) {
    return EmailVerificationTokens.generate(
        IP, AGENT, email, session.reveal(), FRONTEND_KEY, Clock.systemUTC());
  }

  private static boolean frontendAccepts(String code, String email, SessionToken session) {
    return EmailVerificationTokens.verify(
        code,
        IP,
        AGENT,
        session.reveal(),
        email,
        FRONTEND_KEY,
        EnumSet.allOf(EmailVerificationTokens.Item.class),
        EmailVerificationTokens.DEFAULT_TTL,
        Clock.systemUTC());
  }

  /** The one message the SMTP server received for {@code email}, waiting up to 10 s for it. */
  private static MimeMessage mailTo(String email) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      List<MimeMessage> mine = new ArrayList<>();
      for (MimeMessage message : greenMail.getReceivedMessages()) {
        if (message.getAllRecipients()[0].toString().equals(email)) {
          mine.add(message);
        }
      }
      if (!mine.isEmpty() || System.nanoTime() > deadline) {
        assertThat(mine).as("mails to %s", email).hasSize(1);
        return mine.get(0);
      }
      Thread.sleep(50);
    }
  }

  /** The verification code in a mail's text, between "enter this code:" and {@code after}. */
  private static String codeIn(MimeMessage message, String after) {
    String text = GreenMailUtil.getBody(message);
    int start = text.indexOf("enter this code:") + "enter this code:".length();
    return text.substring(start, text.indexOf(after)).replaceAll("\\s+", "");
  }

  private static List<String> messages(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Success.class);
    return ((Outcome.Success<?>) outcome).messages();
  }

  private static String newEmail() {
    return "user" + USERS.incrementAndGet() + "@behaviour.example.org";
  }

  private static Password pw() {
    return Password.of(PASSWORD);
  }

  /** Signs a new user up and verifies the e-mail; returns the e-mail. */
  private String verifiedUser() {
    String email = newEmail();
    SignupResult signup = authnz.users().create(SignupRequest.of("Ada Lovelace", email, pw()));
    assertThat(signup.isSuccess()).isTrue();
    assertThat(authnz.emails().setVerified(email).isSuccess()).isTrue();
    return email;
  }

  /** Logs in as a frontend does: from a fresh anonymous session. */
  private Outcome<AuthenticatedUser> login(String email, String password) {
    SessionToken anonymous = newSession(null);
    return authnz.users().login(new LoginRequest(anonymous, email, Password.of(password)));
  }

  private SessionToken userSession(long userId) {
    return newSession(userId);
  }

  private SessionToken newSession(Long userId) {
    String expires =
        LocalDateTime.now(ZoneOffset.UTC)
            .plusDays(7)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS"));
    NewSession session =
        value(authnz.sessions().create(new CreateSessionRequest(IP, AGENT, userId, expires, null)));
    return session.token();
  }

  private static <T> T value(Outcome<T> outcome) {
    assertThat(outcome)
        .as("expected a success, got %s", outcome)
        .isInstanceOf(Outcome.Success.class);
    return ((Outcome.Success<T>) outcome).value();
  }

  private static Denial denial(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Denied.class);
    return ((Outcome.Denied<?>) outcome).denial();
  }

  private static DenialCode code(Outcome<?> outcome) {
    return denial(outcome).code();
  }

  private static void assertDenied(
      Outcome<?> outcome, DenialCode code, @Nullable String reason, String... messages) {
    Denial denial = denial(outcome);
    assertThat(denial.code()).isEqualTo(code);
    assertThat(denial.failureReason()).isEqualTo(reason);
    assertThat(denial.messages()).isEqualTo(List.of(messages));
  }
}
