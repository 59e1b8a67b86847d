package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.M_COMMON;
import static org.authnz.Fixture.M_SHORT12;
import static org.authnz.Fixture.M_SIMILAR;
import static org.authnz.Fixture.U4_EMAIL;
import static org.authnz.Fixture.U4_PASSWORD;
import static org.authnz.Fixture.json;
import static org.authnz.Fixture.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.authnz.spi.PasswordHash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden cases G68-G78 ({@code spec/golden-cases.md} section 7): password change and reset. */
class PasswordChangeResetTest {
  static final String M_CURPASS = "Your current password did not match the stored password.";
  static final String NEW_PASSWORD = "Xq7mPv2rLw9zTbKd";

  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
  }

  private ObjectNode changeBody(String session, String current, String replacement) {
    ObjectNode body =
        json(
            "{'user_id': 4, 'full_name': 'Test User', 'email': '"
                + U4_EMAIL
                + "', 'current_password': '"
                + current
                + "', 'new_password': '"
                + replacement
                + "'}");
    if (session != null) {
      body.put("session_token", session);
    }
    return body;
  }

  private boolean loginWorks(String password) {
    String anon = fx.session(null);
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("session_token", anon).put("email", U4_EMAIL).put("password", password);
    return fx.call("user-login", body).get("success").asBoolean();
  }

  // G68
  @Test
  void userChangepass_wrongCurrentPassword_fails() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result =
        fx.call("user-changepass", changeBody(s4, "wrong-password-123", NEW_PASSWORD));

    assertThat(result)
        .isEqualTo(
            json("{'success': false, 'failure_reason': 'user password does not match',"
                    + " 'user_id': 4, 'email': 'testuser@test.org', 'messages': []}")
                .set("messages", messages(M_CURPASS)));
  }

  // G69
  @Test
  void userChangepass_newEqualsOld_fails() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = fx.call("user-changepass", changeBody(s4, U4_PASSWORD, U4_PASSWORD));

    assertThat(result.get("success").asBoolean()).isFalse();
    assertThat(result.get("failure_reason").asText()).isEqualTo("password did not change");
    assertThat(result.get("messages"))
        .isEqualTo(messages("Your new password cannot be the same as your old password."));
  }

  // G70
  @Test
  void userChangepass_insecureNewPassword_failsWithPolicyMessages() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = fx.call("user-changepass", changeBody(s4, U4_PASSWORD, "qwertyuiop"));

    assertThat(result.get("failure_reason").asText()).isEqualTo("new password is insecure");
    assertThat(result.get("messages"))
        .isEqualTo(
            messages(
                M_SHORT12,
                M_COMMON,
                "The new password you entered is insecure. It must be at least 12 characters"
                    + " long and be sufficiently complex."));
    assertThat(result.get("user_id").asLong()).isEqualTo(4);
    assertThat(result.get("email").asText()).isEqualTo(U4_EMAIL);
  }

  // G71
  @Test
  void userChangepass_success_logsOutOtherSessions() {
    fx.activeUser4();
    String s4a = fx.session(4L);
    String s4b = fx.session(4L);
    String s4c = fx.session(4L);
    PasswordHash before = fx.user(4).password();

    ObjectNode result = fx.call("user-changepass", changeBody(s4a, U4_PASSWORD, NEW_PASSWORD));

    assertThat(result)
        .isEqualTo(
            json("{'success': true, 'user_id': 4, 'email': 'testuser@test.org'}")
                .set(
                    "messages",
                    messages(
                        "Password changed successfully.",
                        "For security purposes, you have been logged out of all other"
                            + " sessions.")));
    assertThat(fx.isLive(s4a)).isTrue();
    assertThat(fx.isLive(s4b)).isFalse();
    assertThat(fx.isLive(s4c)).isFalse();
    assertThat(fx.user(4).password()).isNotEqualTo(before);
    assertThat(loginWorks(U4_PASSWORD)).isFalse();
    assertThat(loginWorks(NEW_PASSWORD)).isTrue();
  }

  // G72
  @Test
  void userChangepass_sessionTokenNotASession_succeedsAndDeletesAllSessions() {
    fx.activeUser4();
    String s4a = fx.session(4L);
    String s4b = fx.session(4L);
    String s4c = fx.session(4L);

    ObjectNode result =
        fx.call("user-changepass", changeBody("not-a-session", U4_PASSWORD, NEW_PASSWORD));

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(fx.isLive(s4a)).isFalse();
    assertThat(fx.isLive(s4b)).isFalse();
    assertThat(fx.isLive(s4c)).isFalse();
  }

  // G73
  @Test
  void userChangepassNosession_success_keepsSessions() {
    fx.activeUser4();
    String s4a = fx.session(4L);
    String s4b = fx.session(4L);

    ObjectNode result =
        fx.call("user-changepass-nosession", changeBody(null, U4_PASSWORD, NEW_PASSWORD));

    assertThat(result)
        .isEqualTo(
            json("{'success': true, 'user_id': 4, 'email': 'testuser@test.org'}")
                .set("messages", messages("Password changed successfully.")));
    assertThat(fx.isLive(s4a)).isTrue();
    assertThat(fx.isLive(s4b)).isTrue();
    assertThat(loginWorks(NEW_PASSWORD)).isTrue();
  }

  // G74
  @Test
  void userChangepassNosession_inactiveUser_failsAsUnknownUser() {
    fx.pendingUser4();
    PasswordHash before = fx.user(4).password();

    ObjectNode result =
        fx.call("user-changepass-nosession", changeBody(null, U4_PASSWORD, NEW_PASSWORD));

    assertThat(result.get("failure_reason").asText()).isEqualTo("user does not exist");
    assertThat(result.get("messages")).isEqualTo(messages(M_CURPASS));
    assertThat(fx.user(4).password()).isEqualTo(before);
  }

  @Test
  void userChangepass_emailOfAnotherUser_failsAsUnknownUser() {
    fx.activeUser4();

    ObjectNode body = changeBody(null, U4_PASSWORD, NEW_PASSWORD);
    body.put("email", "superuser@localhost");
    ObjectNode result = fx.call("user-changepass-nosession", body);

    assertThat(result.get("failure_reason").asText()).isEqualTo("user does not exist");
    assertThat(result.get("email").asText()).isEqualTo("superuser@localhost");
  }

  // G75
  @Test
  void userResetpass_unknownSession_fails() {
    fx.activeUser4();

    ObjectNode result =
        fx.call(
            "user-resetpass",
            "{'email_address': 'testuser@test.org', 'new_password': 'Xq7mPv2rLw9zTbKd',"
                + " 'session_token': 'nope'}");

    assertThat(result)
        .isEqualTo(
            json("{'success': false, 'failure_reason': 'session does not exist'}")
                .set("messages", messages("Invalid session token for password reset request.")));
  }

  // G76
  @Test
  void userResetpass_anonymousSession_succeedsAndKeepsSessions() {
    fx.activeUser4();
    String anon = fx.session(null);
    String s4 = fx.session(4L);

    ObjectNode result =
        fx.call(
            "user-resetpass",
            "{'email_address': 'testuser@test.org', 'new_password': 'Xq7mPv2rLw9zTbKd',"
                + " 'session_token': '"
                + anon
                + "'}");

    assertThat(result)
        .isEqualTo(
            json("{'success': true}").set("messages", messages("Password changed successfully.")));
    assertThat(fx.isLive(anon)).isTrue();
    assertThat(fx.isLive(s4)).isTrue();
    assertThat(fx.user(4).active()).isTrue();
    assertThat(loginWorks(NEW_PASSWORD)).isTrue();
  }

  // G77
  @Test
  void userResetpass_insecurePassword_failsWithStoredNameSimilarity() {
    fx.activeUser4();
    String anon = fx.session(null);

    ObjectNode result =
        fx.call(
            "user-resetpass",
            "{'email_address': 'testuser@test.org', 'new_password': 'password',"
                + " 'session_token': '"
                + anon
                + "'}");

    assertThat(result)
        .isEqualTo(
            json("{'success': false, 'failure_reason': 'invalid password'}")
                .set(
                    "messages",
                    messages(
                        "Insecure password for password reset request.",
                        M_SHORT12,
                        M_COMMON,
                        M_SIMILAR)));
  }

  @Test
  void userResetpass_unknownEmail_fails() {
    String anon = fx.session(null);

    ObjectNode result =
        fx.call(
            "user-resetpass",
            "{'email_address': 'ghost@test.org', 'new_password': 'Xq7mPv2rLw9zTbKd',"
                + " 'session_token': '"
                + anon
                + "'}");

    assertThat(result)
        .isEqualTo(
            json("{'success': false, 'failure_reason': 'user does not exist'}")
                .set("messages", messages("Invalid user for password reset request.")));
  }

  @Test
  void userResetpass_currentPasswordAgain_isAllowed() {
    fx.activeUser4();
    String anon = fx.session(null);

    ObjectNode result =
        fx.call(
            "user-resetpass",
            "{'email_address': 'testuser@test.org', 'new_password': '"
                + U4_PASSWORD
                + "', 'session_token': '"
                + anon
                + "'}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(loginWorks(U4_PASSWORD)).isTrue();
  }

  // G78, first part
  @Test
  void userResetpassNosession_activeUserButInactiveRequired_fails() {
    fx.activeUser4();

    ObjectNode result =
        fx.call(
            "user-resetpass-nosession",
            "{'email_address': 'testuser@test.org', 'new_password': 'Xq7mPv2rLw9zTbKd',"
                + " 'required_active': false}");

    assertThat(result)
        .isEqualTo(
            json("{'success': false,"
                    + " 'failure_reason': 'user does not exist or is_active was not as"
                    + " required'}")
                .set("messages", messages("Invalid user for password reset request.")));
  }

  // G78, second part
  @Test
  void userResetpassNosession_activeUserActiveRequired_succeeds() {
    fx.activeUser4();

    ObjectNode result =
        fx.call(
            "user-resetpass-nosession",
            "{'email_address': 'testuser@test.org', 'new_password': 'Xq7mPv2rLw9zTbKd',"
                + " 'required_active': true}");

    assertThat(result)
        .isEqualTo(
            json("{'success': true}").set("messages", messages("Password changed successfully.")));
    assertThat(loginWorks(NEW_PASSWORD)).isTrue();
  }

  // G78, third part
  @Test
  void userResetpassNosession_pendingUserInactiveRequired_succeedsAndStaysInactive() {
    fx.pendingUser4();
    PasswordHash before = fx.user(4).password();

    ObjectNode result =
        fx.call(
            "user-resetpass-nosession",
            "{'email_address': 'testuser@test.org', 'new_password': 'Xq7mPv2rLw9zTbKd',"
                + " 'required_active': false}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(fx.user(4).active()).isFalse();
    assertThat(fx.user(4).password()).isNotEqualTo(before);
  }

  @Test
  void userResetpassNosession_insecurePassword_failsWithItsOwnReason() {
    fx.activeUser4();

    ObjectNode result =
        fx.call(
            "user-resetpass-nosession",
            "{'email_address': 'testuser@test.org', 'new_password': 'abc',"
                + " 'required_active': true}");

    assertThat(result.get("failure_reason").asText()).isEqualTo("invalid new password");
    assertThat(result.get("messages").get(0).asText())
        .isEqualTo("Insecure new password for password reset request.");
  }
}
