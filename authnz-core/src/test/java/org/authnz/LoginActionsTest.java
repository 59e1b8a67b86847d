package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.M_BADPASS;
import static org.authnz.Fixture.U4_EMAIL;
import static org.authnz.Fixture.U4_PASSWORD;
import static org.authnz.Fixture.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden cases G19-G34 ({@code spec/golden-cases.md} sections 2 and 3). */
class LoginActionsTest {
  static final String BAD_CREDENTIALS =
      "{'success': false, 'failure_reason': 'user does not exist or password doesn`t match',"
          + " 'user_id': null, 'messages': ['"
          + M_BADPASS.replace('\'', '`')
          + "']}";

  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
  }

  static ObjectNode expected(String text) {
    return json(text);
  }

  private ObjectNode login(String token, String email, String password) {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("session_token", token);
    body.put("email", email);
    body.put("password", password);
    return fx.call("user-login", body);
  }

  // G19
  @Test
  void userLogin_unverifiedUser_failsAndConsumesSession() {
    fx.pendingUser4();
    String anon = fx.session(null);

    ObjectNode result = login(anon, U4_EMAIL, U4_PASSWORD);

    assertThat(result).isEqualTo(expected(BAD_CREDENTIALS));
    assertThat(fx.isLive(anon)).isFalse();
  }

  // G20
  @Test
  void userLogin_activeUserRightPassword_succeedsAndConsumesSession() {
    fx.activeUser4();
    String anon = fx.session(null);

    ObjectNode result = login(anon, U4_EMAIL, U4_PASSWORD);

    assertThat(result)
        .isEqualTo(
            expected(
                "{'success': true, 'user_id': 4, 'user_role': 'authenticated',"
                    + " 'messages': ['Login successful.']}"));
    assertThat(fx.isLive(anon)).isFalse();
    StoredUser user = fx.user(4);
    assertThat(user.lastLoginTry()).isNull();
    assertThat(user.lastLoginSuccess()).isNull();
    assertThat(user.failedLoginTries()).isZero();
  }

  // G21
  @Test
  void userLogin_wrongPassword_failsAndConsumesSession() {
    fx.activeUser4();
    String anon = fx.session(null);

    ObjectNode result = login(anon, U4_EMAIL, "helloworld");

    assertThat(result).isEqualTo(expected(BAD_CREDENTIALS));
    assertThat(fx.isLive(anon)).isFalse();
  }

  // G22
  @Test
  void userLogin_consumedOrUnknownSession_isSessionDoesNotExist() {
    fx.activeUser4();
    String anon = fx.session(null);
    login(anon, U4_EMAIL, U4_PASSWORD);
    String expected =
        "{'success': false, 'failure_reason': 'session does not exist', 'user_id': null,"
            + " 'messages': ['No session token provided.']}";

    assertThat(login(anon, U4_EMAIL, U4_PASSWORD)).isEqualTo(expected(expected));
    assertThat(login("correcthorsebatterystaple", U4_EMAIL, U4_PASSWORD))
        .isEqualTo(expected(expected));
  }

  // G23
  @Test
  void userLogin_emailInOtherCase_fails() {
    fx.activeUser4();
    String anon = fx.session(null);

    ObjectNode result = login(anon, "TestUser@test.org", U4_PASSWORD);

    assertThat(result).isEqualTo(expected(BAD_CREDENTIALS));
  }

  // Unknown users cost a verification too; the outcome is the same as a wrong password.
  @Test
  void userLogin_unknownUser_isDeniedAsInvalidCredentials() {
    String anon = fx.session(null);

    Outcome<AuthenticatedUser> outcome =
        fx.service
            .users()
            .login(
                new LoginRequest(
                    org.authnz.spi.SessionToken.of(anon),
                    "nobody@test.org",
                    Password.of("whatever-password")));

    assertThat(outcome).isInstanceOf(Outcome.Denied.class);
    assertThat(((Outcome.Denied<AuthenticatedUser>) outcome).denial().code())
        .isEqualTo(DenialCode.INVALID_CREDENTIALS);
  }

  // G24: the stored hash was made with other parameters than the current ones.
  @Test
  void userLogin_outdatedHash_isRehashedWithCurrentParameters() {
    fx = new Fixture(tempDir, PasswordPolicy.FUNCTION_DEFAULT, true);
    fx.activeUser4();
    org.authnz.internal.password.Argon2idHasher old =
        org.authnz.internal.password.Argon2idHasher.of(102400, 2, 8);
    fx.store.updateUser(4, fx.clock.instant(), u -> u.withPassword(old.hash(U4_PASSWORD)));
    java.time.Instant before = fx.user(4).lastUpdated();
    fx.clock.advance(Duration.ofSeconds(5));
    String anon = fx.session(null);

    ObjectNode result = login(anon, U4_EMAIL, U4_PASSWORD);

    assertThat(result.get("success").asBoolean()).isTrue();
    StoredUser user = fx.user(4);
    assertThat(user.password().reveal()).startsWith("$argon2id$v=19$m=65536,t=3,p=4$");
    assertThat(
            org.authnz.internal.password.Argon2idHasher.withDefaults()
                .verify(U4_PASSWORD, user.password()))
        .isTrue();
    assertThat(user.lastUpdated()).isAfter(before);
  }

  // G25
  @Test
  void userLogin_activeUserWithLockedRole_isInactive() {
    fx.activeUser4();
    fx.store.updateUser(4, fx.clock.instant(), u -> u.withUserRole("locked"));
    String anon = fx.session(null);

    ObjectNode result = login(anon, U4_EMAIL, U4_PASSWORD);

    assertThat(result)
        .isEqualTo(
            expected(
                "{'success': false, 'failure_reason': 'user exists but is inactive',"
                    + " 'user_id': 4, 'messages': ['"
                    + M_BADPASS.replace('\'', '`')
                    + "']}"));
  }

  // G26
  @Test
  void userLogout_ownSession_endsIt() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = fx.call("user-logout", "{'session_token': '" + s4 + "', 'user_id': 4}");

    assertThat(result)
        .isEqualTo(expected("{'success': true, 'user_id': 4, 'messages': ['Logout successful.']}"));
    assertThat(fx.isLive(s4)).isFalse();
  }

  // G27
  @Test
  void userLogout_otherUsersId_failsAndKeepsSession() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = fx.call("user-logout", "{'session_token': '" + s4 + "', 'user_id': 1}");

    assertThat(result)
        .isEqualTo(
            expected(
                "{'success': false, 'failure_reason': 'user does not exist', 'user_id': 1,"
                    + " 'messages': ['Logout failed. Invalid session_token for user_id.']}"));
    assertThat(fx.isLive(s4)).isTrue();
  }

  // G28
  @Test
  void userLogout_unknownSession_isSessionDoesNotExist() {
    ObjectNode result = fx.call("user-logout", "{'session_token': 'nope', 'user_id': 4}");

    assertThat(result)
        .isEqualTo(
            expected(
                "{'success': false, 'failure_reason': 'session does not exist', 'user_id': 4,"
                    + " 'messages': ['Logout failed. Invalid session_token for user_id.']}"));
  }

  // G29
  @Test
  void userPasscheck_rightPassword_succeedsAndKeepsSession() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result =
        fx.call(
            "user-passcheck", "{'session_token': '" + s4 + "', 'password': '" + U4_PASSWORD + "'}");

    assertThat(result)
        .isEqualTo(
            expected(
                "{'success': true, 'user_id': 4, 'user_role': 'authenticated',"
                    + " 'messages': ['Verification successful.']}"));
    assertThat(fx.isLive(s4)).isTrue();
  }

  // G30
  @Test
  void userPasscheck_wrongPassword_isInvalidCredentials() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result =
        fx.call(
            "user-passcheck",
            "{'session_token': '" + s4 + "', 'password': 'incorrectponylithiumfastener'}");

    assertThat(result).isEqualTo(expected(BAD_CREDENTIALS));
  }

  // G31
  @Test
  void userPasscheck_anonymousSession_isInvalidCredentials() {
    String anon = fx.session(null);

    ObjectNode result =
        fx.call("user-passcheck", "{'session_token': '" + anon + "', 'password': 'anything'}");

    assertThat(result).isEqualTo(expected(BAD_CREDENTIALS));
  }

  @Test
  void userPasscheck_unknownSession_isSessionDoesNotExist() {
    ObjectNode result =
        fx.call("user-passcheck", "{'session_token': 'nope', 'password': 'anything'}");

    assertThat(result)
        .isEqualTo(
            expected(
                "{'success': false, 'failure_reason': 'session does not exist', 'user_id': null,"
                    + " 'messages': ['No session token provided.']}"));
  }

  // G32
  @Test
  void userPasscheckNosession_activeUser_succeedsOnlyWithRightPassword() {
    fx.activeUser4();

    ObjectNode right =
        fx.call(
            "user-passcheck-nosession",
            "{'email': '" + U4_EMAIL + "', 'password': '" + U4_PASSWORD + "'}");
    ObjectNode wrong =
        fx.call("user-passcheck-nosession", "{'email': '" + U4_EMAIL + "', 'password': 'wrong'}");

    assertThat(right)
        .isEqualTo(
            expected(
                "{'success': true, 'user_id': 4, 'user_role': 'authenticated',"
                    + " 'messages': ['Verification successful.']}"));
    assertThat(wrong).isEqualTo(expected(BAD_CREDENTIALS));
  }

  // G33
  @Test
  void userPasscheckNosession_pendingUserRightPassword_isInactiveWithUserId() {
    fx.pendingUser4();

    ObjectNode result =
        fx.call(
            "user-passcheck-nosession",
            "{'email': '" + U4_EMAIL + "', 'password': '" + U4_PASSWORD + "'}");

    assertThat(result)
        .isEqualTo(
            expected(
                "{'success': false, 'failure_reason': 'user exists but is inactive',"
                    + " 'user_id': 4, 'messages': ['"
                    + M_BADPASS.replace('\'', '`')
                    + "']}"));
  }

  // G34
  @Test
  void userPasscheckNosession_unknownEmail_isInvalidCredentials() {
    ObjectNode result =
        fx.call("user-passcheck-nosession", "{'email': 'nobody@test.org', 'password': 'x'}");

    assertThat(result).isEqualTo(expected(BAD_CREDENTIALS));
  }
}
