package org.authnz.transport.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.authnz.Denial;
import org.authnz.DenialCode;
import org.authnz.EmailVerification;
import org.authnz.InternalLockUserRequest;
import org.authnz.IssuedApiKey;
import org.authnz.LoginRequest;
import org.authnz.LogoutRequest;
import org.authnz.NewApiKeyRequest;
import org.authnz.NewNoSessionKeyRequest;
import org.authnz.NewSession;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.PasswordCheckRequest;
import org.authnz.RefreshApiKeyRequest;
import org.authnz.SessionInfo;
import org.authnz.SignupRequest;
import org.authnz.SignupResult;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The account lifecycle as a frontend walks it, against any {@link AuthnzService}: the subclasses
 * run it in-process on SQLite and through {@link AuthnzClient} against a sidecar on loopback, and
 * both must pass, which is what makes the two the same API. Denials are checked for their exact
 * code, failure reason and messages.
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

  private AuthnzService authnz;

  /** Starts the service under test on an SQLite file in {@code dir}, initialised with the admin. */
  abstract AuthnzService start(Path dir);

  /** Stops what {@link #start} started. */
  abstract void stop();

  @BeforeAll
  void startService(@TempDir Path dir) {
    authnz = start(dir);
  }

  @AfterAll
  void stopService() {
    stop();
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
  void superuser_canLogIn() {
    AuthenticatedUser admin = value(login(ADMIN_EMAIL, ADMIN_PASSWORD));
    assertThat(admin).isEqualTo(new AuthenticatedUser(1, "superuser"));
  }

  // ---- helpers ---------------------------------------------------------------------------

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
      Outcome<?> outcome, DenialCode code, String reason, String... messages) {
    Denial denial = denial(outcome);
    assertThat(denial.code()).isEqualTo(code);
    assertThat(denial.failureReason()).isEqualTo(reason);
    assertThat(denial.messages()).isEqualTo(List.of(messages));
  }
}
