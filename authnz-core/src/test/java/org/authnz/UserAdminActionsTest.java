package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.U4_EMAIL;
import static org.authnz.Fixture.U4_PASSWORD;
import static org.authnz.Fixture.json;
import static org.authnz.Fixture.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden cases G79-G88 and G118 ({@code spec/golden-cases.md} sections 8, 9 and 14): deletion and
 * lookups.
 */
class UserAdminActionsTest {
  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
  }

  private static List<Long> ids(JsonNode userInfo) {
    List<Long> ids = new ArrayList<>();
    userInfo.forEach(u -> ids.add(u.get("user_id").asLong()));
    return ids;
  }

  // G79
  @Test
  void userDelete_superuser_isRefused() {
    ObjectNode result =
        fx.call(
            "user-delete",
            "{'email': 'superuser@localhost', 'user_id': 1, 'password': '"
                + Fixture.ADMIN_PASSWORD
                + "'}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false, 'failure_reason': 'can`t delete superusers', 'user_id': 1,"
                    + " 'email': 'superuser@localhost', 'messages': ['Can`t delete superusers.']}"));
    assertThat(fx.store.findUser(1)).isPresent();
  }

  // G80
  @Test
  void userDelete_wrongPasswordOrEmail_isRefusedWithTheGivenValues() {
    fx.activeUser4();

    ObjectNode badPassword =
        fx.call("user-delete", "{'email': 'testuser@test.org', 'user_id': 4, 'password': 'nope'}");
    ObjectNode badEmail =
        fx.call(
            "user-delete",
            "{'email': 'other@test.org', 'user_id': 4, 'password': '" + U4_PASSWORD + "'}");

    assertThat(badPassword)
        .isEqualTo(
            json(
                "{'success': false, 'failure_reason': 'invalid password', 'user_id': 4,"
                    + " 'email': 'testuser@test.org',"
                    + " 'messages': ['We could not verify your email address or password.']}"));
    assertThat(badEmail.get("failure_reason").asText()).isEqualTo("invalid email");
    assertThat(badEmail.get("email").asText()).isEqualTo("other@test.org");
    assertThat(badEmail.get("messages"))
        .isEqualTo(messages("We could not verify your email address or password."));
    assertThat(fx.store.findUser(4)).isPresent();
  }

  // G81
  @Test
  void userDelete_correctCredentials_deletesUserAndSessions() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result =
        fx.call(
            "user-delete",
            "{'email': '" + U4_EMAIL + "', 'user_id': 4, 'password': '" + U4_PASSWORD + "'}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': true, 'user_id': 4, 'email': 'testuser@test.org',"
                    + " 'messages': ['User successfully deleted from DB.']}"));
    assertThat(fx.store.findUser(4)).isEmpty();
    assertThat(fx.isLive(s4)).isFalse();
  }

  // G82
  @Test
  void internalUserDelete_unknownUser_succeeds() {
    ObjectNode result = fx.call("internal-user-delete", "{'target_userid': 999}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': true, 'user_id': 999,"
                    + " 'messages': ['User successfully deleted from DB.']}"));
  }

  @Test
  void internalUserDelete_superuser_isDeletedWithSessions() {
    String s1 = fx.session(1L);

    ObjectNode result = fx.call("internal-user-delete", "{'target_userid': 1}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(fx.store.findUser(1)).isEmpty();
    assertThat(fx.isLive(s1)).isFalse();
  }

  // G83
  @Test
  void userList_null_listsEveryUserInIdOrderWithTheSixteenKeys() {
    fx.pendingUser4();

    ObjectNode result = fx.call("user-list", "{'user_id': null}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("messages")).isEqualTo(messages("User look up successful."));
    JsonNode users = result.get("user_info");
    assertThat(ids(users)).containsExactly(1L, 2L, 3L, 4L);
    List<String> keys = new ArrayList<>();
    users.get(3).fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "user_id",
            "system_id",
            "full_name",
            "email",
            "email_verified",
            "is_active",
            "last_login_try",
            "last_login_success",
            "failed_login_tries",
            "created_on",
            "last_updated",
            "user_role",
            "extra_info",
            "emailverify_sent_datetime",
            "emailforgotpass_sent_datetime",
            "emailchangepass_sent_datetime");
    users.forEach(u -> assertThat(u.has("password")).isFalse());
    JsonNode user4 = users.get(3);
    assertThat(user4.get("is_active").asBoolean()).isFalse();
    assertThat(user4.get("user_role").asText()).isEqualTo("locked");
    assertThat(user4.get("failed_login_tries").asInt()).isZero();
    assertThat(user4.get("last_login_try").isNull()).isTrue();
    assertThat(user4.get("emailforgotpass_sent_datetime").isNull()).isTrue();
  }

  // G84
  @Test
  void userList_missingId_succeedsWithEmptyList() {
    ObjectNode result = fx.call("user-list", "{'user_id': 999}");

    assertThat(result)
        .isEqualTo(
            json("{'success': true, 'user_info': [], 'messages': ['User look up successful.']}"));
  }

  @Test
  void userList_oneId_listsThatUserOnly() {
    assertThat(ids(fx.call("user-list", "{'user_id': 2}").get("user_info"))).containsExactly(2L);
    assertThat(ids(fx.call("user-list", "{'user_id': '3'}").get("user_info"))).containsExactly(3L);
  }

  @Test
  void userList_objectId_failsWithoutFailureReason() {
    ObjectNode result = fx.call("user-list", "{'user_id': {'a': 1}}");

    assertThat(result)
        .isEqualTo(
            json("{'success': false, 'user_info': null, 'messages': ['User look up failed.']}"));
  }

  // G85
  @Test
  void userLookupEmail_unknownEmail_fails() {
    ObjectNode result = fx.call("user-lookup-email", "{'email': 'nobody@test.org'}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false, 'user_info': null,"
                    + " 'failure_reason': 'user email not found in DB',"
                    + " 'messages': ['User look up failed.']}"));
  }

  @Test
  void userLookupEmail_knownEmail_returnsOneRecord() {
    ObjectNode result = fx.call("user-lookup-email", "{'email': 'anonuser@localhost'}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("user_info").get("user_id").asLong()).isEqualTo(2);
    assertThat(result.get("messages")).isEqualTo(messages("User look up successful."));
  }

  // G86
  @Test
  void userLookupMatch_byColumn_findsMatchingUsers() {
    ObjectNode result = fx.call("user-lookup-match", "{'by': 'user_role', 'match': 'anonymous'}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(ids(result.get("user_info"))).containsExactly(2L);
    assertThat(result.get("messages")).isEqualTo(messages("User look up successful."));
  }

  // G87
  @Test
  void userLookupMatch_byExtraInfo_findsHoldersInIdOrder() {
    ObjectNode result =
        fx.call("user-lookup-match", "{'by': 'extra_info', 'match': {'type': 'system-user'}}");

    assertThat(ids(result.get("user_info"))).containsExactly(1L, 2L);
  }

  // G88
  @Test
  void userLookupMatch_objectForAColumn_isRefused() {
    ObjectNode result = fx.call("user-lookup-match", "{'by': 'email', 'match': {'a': 'b'}}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false, 'user_info': null, 'failure_reason': 'invalid request:"
                    + " `by` is `extra_info` but `match` is not a dict or `match` is a dict and"
                    + " `by` is not `extra_info`', 'messages': ['Invalid match condition"
                    + " provided.']}"));
  }

  @Test
  void userLookupMatch_unknownColumn_isADatabaseError() {
    ObjectNode result = fx.call("user-lookup-match", "{'by': 'no_such_column', 'match': 'x'}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false, 'user_info': null, 'failure_reason': 'exception in DB"
                    + " access', 'messages': ['User look up failed.']}"));
  }

  // G118
  @Test
  void userLookupMatch_sqliteTyping_numbersNeverMatchAndIdTextMatches() {
    fx.activeUser4();

    ObjectNode number =
        fx.call("user-lookup-match", "{'by': 'extra_info', 'match': {'verify_retry_wait': 6}}");
    ObjectNode type =
        fx.call("user-lookup-match", "{'by': 'extra_info', 'match': {'type': 'normal-user'}}");
    ObjectNode idText = fx.call("user-lookup-match", "{'by': 'user_id', 'match': '4'}");

    assertThat(number.get("success").asBoolean()).isTrue();
    assertThat(number.get("user_info")).isEmpty();
    assertThat(ids(type.get("user_info"))).containsExactly(4L);
    assertThat(ids(idText.get("user_info"))).containsExactly(4L);
  }

  @Test
  void userLookupMatch_booleanColumn_matchesFalseAsZero() {
    fx.pendingUser4();

    ObjectNode result = fx.call("user-lookup-match", "{'by': 'is_active', 'match': false}");

    assertThat(ids(result.get("user_info"))).containsExactly(3L, 4L);
  }

  @Test
  void userLookupMatch_emptyExtraInfoMatch_findsEveryUser() {
    ObjectNode result = fx.call("user-lookup-match", "{'by': 'extra_info', 'match': {}}");

    assertThat(ids(result.get("user_info"))).containsExactly(1L, 2L, 3L);
  }
}
