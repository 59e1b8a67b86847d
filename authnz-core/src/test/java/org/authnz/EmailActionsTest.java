package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.U4_EMAIL;
import static org.authnz.Fixture.json;
import static org.authnz.Fixture.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Golden cases G106-G109 and G124 ({@code spec/golden-cases.md} sections 12 and 14). */
class EmailActionsTest {
  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
  }

  // G106
  @Test
  void userSetEmailverified_pendingUser_activatesAsAuthenticated() {
    fx.pendingUser4();

    ObjectNode result = fx.call("user-set-emailverified", "{'email': 'testuser@test.org'}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': true, 'user_id': 4, 'is_active': true,"
                    + " 'user_role': 'authenticated',"
                    + " 'messages': ['Email verification toggle request succeeded.']}"));
    assertThat(fx.user(4).emailVerified()).isTrue();
  }

  // G107
  @Test
  void userSetEmailverified_unknownEmail_fails() {
    ObjectNode result = fx.call("user-set-emailverified", "{'email': 'nobody@test.org'}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false, 'failure_reason': 'could not find user in DB by email',"
                    + " 'user_id': null, 'is_active': false, 'user_role': 'locked',"
                    + " 'messages': ['Email verification toggle request failed.']}"));
  }

  // G108: the state internal-user-lock leaves for a staff user, written directly to the store
  @Test
  void userSetEmailverified_lockedStaffUser_isUnlockedToSavedRole() {
    fx.activeUser4();
    fx.store.updateUser(
        4,
        fx.clock.instant(),
        u ->
            u.withActive(false)
                .withUserRole("locked")
                .withExtraInfo(json("{'previous_user_roles': ['locked', 'staff']}")));

    ObjectNode result = fx.call("user-set-emailverified", "{'email': 'testuser@test.org'}");

    assertThat(result.get("is_active").asBoolean()).isTrue();
    assertThat(result.get("user_role").asText()).isEqualTo("staff");
  }

  @Test
  void userSetEmailverified_activeUser_changesNothingButSucceeds() {
    fx.activeUser4();
    StoredUser before = fx.user(4);
    fx.clock.advance(Duration.ofMinutes(1));

    ObjectNode result = fx.call("user-set-emailverified", "{'email': 'testuser@test.org'}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(fx.user(4)).isEqualTo(before);
  }

  // G109
  @Test
  void userSetEmailsent_forgotpass_recordsTheTime() {
    fx.pendingUser4();
    fx.clock.advance(Duration.ofMinutes(3));

    ObjectNode result =
        fx.call("user-set-emailsent", "{'email': 'testuser@test.org', 'email_type': 'forgotpass'}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': true, 'email': 'testuser@test.org',"
                    + " 'emailverify_sent_datetime': '2031-05-06T07:08:09.123456',"
                    + " 'emailforgotpass_sent_datetime': '2031-05-06T07:11:09.123456',"
                    + " 'user_id': 4, 'is_active': false, 'user_role': 'locked',"
                    + " 'messages': ['Email sent notification request succeeded.']}"));
  }

  @Test
  void userSetEmailsent_signup_movesTheVerificationTime() {
    fx.pendingUser4();
    fx.clock.advance(Duration.ofHours(2));

    ObjectNode result =
        fx.call("user-set-emailsent", "{'email': 'testuser@test.org', 'email_type': 'signup'}");

    assertThat(result.get("emailverify_sent_datetime").asText())
        .isEqualTo("2031-05-06T09:08:09.123456");
    assertThat(result.get("emailforgotpass_sent_datetime").isNull()).isTrue();
    assertThat(fx.user(4).emailVerifySentAt()).isEqualTo(fx.clock.instant());
  }

  // G109 (second part)
  @Test
  void userSetEmailsent_unknownType_isInvalidRequest() {
    fx.pendingUser4();

    ObjectNode result =
        fx.call("user-set-emailsent", "{'email': '" + U4_EMAIL + "', 'email_type': 'reminder'}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false,"
                    + " 'failure_reason': 'invalid request: invalid email_type requested',"
                    + " 'messages': ['Invalid email sent notification request.']}"));
  }

  // G124 (decision: the coded failure instead of the reference's HTTP 400)
  @Test
  void userSetEmailsent_unknownEmail_isCodedFailure() {
    ObjectNode result =
        fx.call("user-set-emailsent", "{'email': 'nobody@x.org', 'email_type': 'signup'}");

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("could not update the email sent status in DB");
    assertThat(result.get("messages"))
        .isEqualTo(messages("Email sent notification request failed."));
  }

  @Test
  void userLookupEmail_knownAndUnknownEmail_returnUserInfoOrFailure() {
    fx.pendingUser4();

    ObjectNode found = fx.call("user-lookup-email", "{'email': 'testuser@test.org'}");
    ObjectNode missing = fx.call("user-lookup-email", "{'email': 'TestUser@test.org'}");

    assertThat(found.get("success").asBoolean()).isTrue();
    assertThat(found.get("messages")).isEqualTo(messages("User look up successful."));
    assertThat(found.get("user_info").size()).isEqualTo(16);
    assertThat(found.at("/user_info/user_id").asLong()).isEqualTo(4);
    assertThat(found.get("user_info").has("password")).isFalse();
    assertThat(missing)
        .isEqualTo(
            json(
                "{'success': false, 'failure_reason': 'user email not found in DB',"
                    + " 'user_info': null, 'messages': ['User look up failed.']}"));
  }
}
