package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.U4_EMAIL;
import static org.authnz.Fixture.U4_PASSWORD;
import static org.authnz.Fixture.json;
import static org.authnz.Fixture.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden cases G89-G105, G117 and G125 ({@code spec/golden-cases.md} sections 10, 11 and 14): edits
 * and locks.
 */
class UserEditLockActionsTest {
  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
  }

  private ObjectNode edit(long userId, String role, String token, long target, String update) {
    ObjectNode body = json("{'update_dict': " + update + "}");
    body.put("user_id", userId);
    body.put("user_role", role);
    body.put("session_token", token);
    body.put("target_userid", target);
    return fx.call("user-edit", body);
  }

  private ObjectNode lock(long userId, String role, String token, long target, String action) {
    ObjectNode body = json("{}");
    body.put("user_id", userId);
    body.put("user_role", role);
    body.put("session_token", token);
    body.put("target_userid", target);
    body.put("action", action);
    return fx.call("user-lock", body);
  }

  private ObjectNode internalLock(long target, String action) {
    return fx.call(
        "internal-user-lock", "{'target_userid': " + target + ", 'action': '" + action + "'}");
  }

  private boolean login(String email, String password) {
    ObjectNode body = json("{}");
    body.put("session_token", fx.session(null));
    body.put("email", email);
    body.put("password", password);
    return fx.call("user-login", body).get("success").asBoolean();
  }

  private static void assertDenied(ObjectNode result, String reason, String message) {
    assertThat(result.get("success").asBoolean()).isFalse();
    assertThat(result.get("failure_reason").asText()).isEqualTo(reason);
    assertThat(result.get("messages")).isEqualTo(messages(message));
    assertThat(result.has("user_info")).isTrue();
    assertThat(result.get("user_info").isNull()).isTrue();
  }

  // G89
  @Test
  void userEdit_selfEditOfRole_isRefused() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = edit(4, "authenticated", s4, 4, "{'user_role': 'superuser'}");

    assertDenied(
        result,
        "role 'authenticated' can't edit anything other than 'full_name', 'email'",
        "extra elements in update_dict not allowed");
    assertThat(result.size()).isEqualTo(4);
    assertThat(fx.user(4).userRole()).isEqualTo("authenticated");
  }

  // G90
  @Test
  void userEdit_selfEditOfName_storesItRaw() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = edit(4, "authenticated", s4, 4, "{'full_name': 'New <Name>'}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("messages")).isEqualTo(messages("User update successful."));
    assertThat(result.get("user_info").get("full_name").asText()).isEqualTo("New <Name>");
    assertThat(fx.user(4).fullName()).isEqualTo("New <Name>");
  }

  // G91
  @Test
  void userEdit_wrongRoleClaimed_failsTheSelfSessionCheck() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = edit(4, "staff", s4, 4, "{'full_name': 'x'}");

    assertDenied(
        result,
        "no valid session found for originating user_id",
        "User session info not available for this user edit attempt.");
  }

  // G92
  @Test
  void userEdit_superuserSetsUnknownRole_isRefused() {
    fx.activeUser4();
    String s1 = fx.session(1L);

    ObjectNode result = edit(1, "superuser", s1, 4, "{'user_role': 'wizard'}");

    assertDenied(
        result, "role change requested is not valid", "unknown role change request in update_dict");
  }

  // G93
  @Test
  void userEdit_superuserSendsForbiddenKey_listsAllKeys() {
    fx.activeUser4();
    String s1 = fx.session(1L);

    ObjectNode result = edit(1, "superuser", s1, 4, "{'full_name': 'x', 'password': 'y'}");

    assertDenied(
        result,
        "role: 'superuser' is not allowed to edit items: '['full_name', 'password']'",
        "extra elements in update_dict not allowed");
  }

  // G94
  @Test
  void userEdit_systemAccount_isRefused() {
    String s1 = fx.session(1L);

    ObjectNode result = edit(1, "superuser", s1, 2, "{'full_name': 'x'}");

    assertDenied(
        result,
        "invalid request: can't edit anonymous/locked users",
        "Editing anonymous/locked user accounts not allowed.");
  }

  // G95
  @Test
  void userEdit_staffEditingSomeoneElse_isRefused() {
    fx.activeUser4();
    fx.call("internal-user-edit", "{'target_userid': 4, 'update_dict': {'user_role': 'staff'}}");
    String s4 = fx.session(4L);

    ObjectNode result = edit(4, "staff", s4, 1, "{'full_name': 'x'}");

    assertDenied(
        result,
        "invalid session for edit attempt",
        "user_id or session info not available for this user edit attempt.");
  }

  // G96
  @Test
  void userEdit_superuserChangesRole_showsInSessionInfoAtOnce() {
    fx.activeUser4();
    String s1 = fx.session(1L);
    String s4 = fx.session(4L);

    ObjectNode result = edit(1, "superuser", s1, 4, "{'user_role': 'staff'}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("user_info").get("user_role").asText()).isEqualTo("staff");
    ObjectNode exists = fx.call("session-exists", "{'session_token': '" + s4 + "'}");
    assertThat(exists.get("session_info").get("user_role").asText()).isEqualTo("staff");
  }

  @Test
  void userEdit_superuserWithAnotherUsersSession_isRefused() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = edit(1, "superuser", s4, 4, "{'full_name': 'x'}");

    assertDenied(
        result,
        "invalid session for edit attempt",
        "Superuser session info not available for this user edit attempt.");
  }

  @Test
  void userEdit_duplicateEmail_isAnUpdateFailure() {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = edit(4, "authenticated", s4, 4, "{'email': 'superuser@localhost'}");

    assertDenied(result, "exception when trying to update user", "User update failed.");
  }

  // G97
  @Test
  void internalUserEdit_extraInfo_isMergedWithDeletes() {
    fx.call(
        "user-new",
        "{'full_name': 'Test User', 'email': '"
            + U4_EMAIL
            + "', 'password': '"
            + U4_PASSWORD
            + "', 'extra_info': {'pref_thing_always_private': true,"
            + " 'pref_advancedbits': 'this should be deleted'}}");

    ObjectNode result =
        fx.call(
            "internal-user-edit",
            "{'target_userid': 4, 'update_dict': {'extra_info': {'this': 'is', 'a': 'test',"
                + " 'pref_thing_always_private': false, 'pref_advancedbits': '__delete__'},"
                + " 'is_active': true, 'email_verified': true,"
                + " 'full_name': 'Test Middle Named User'}}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("messages")).isEqualTo(messages("User-info update successful."));
    JsonNode info = result.get("user_info");
    assertThat(info.get("email_verified").asBoolean()).isTrue();
    assertThat(info.get("is_active").asBoolean()).isTrue();
    assertThat(info.get("full_name").asText()).isEqualTo("Test Middle Named User");
    assertThat(info.get("extra_info"))
        .isEqualTo(
            json(
                "{'pref_thing_always_private': false, 'provenance': 'request-created',"
                    + " 'type': 'normal-user', 'verify_retry_wait': 6, 'this': 'is',"
                    + " 'a': 'test'}"));
  }

  // G98
  @Test
  void internalUserEdit_protectedColumns_areRefusedByName() {
    fx.pendingUser4();

    ObjectNode result =
        fx.call(
            "internal-user-edit",
            "{'target_userid': 4, 'update_dict': {'user_id': 10, 'system_id': 'pwned',"
                + " 'password': 'pwnedx2'}}");

    assertThat(result.get("success").asBoolean()).isFalse();
    assertThat(result.get("failure_reason").asText())
        .startsWith("invalid request: disallowed keys in update_dict: {")
        .contains("'password'", "'user_id'", "'system_id'");
    assertThat(result.get("messages"))
        .isEqualTo(messages("Invalid edit-user request: invalid update parameters."));
    assertThat(result.has("user_info")).isFalse();
  }

  // G99
  @Test
  void internalUserEdit_missingUserOrEmptyDict_fails() {
    fx.pendingUser4();

    ObjectNode missing =
        fx.call("internal-user-edit", "{'target_userid': 999, 'update_dict': {'full_name': 'x'}}");
    ObjectNode empty = fx.call("internal-user-edit", "{'target_userid': 4, 'update_dict': {}}");

    assertThat(missing)
        .isEqualTo(
            json(
                "{'success': false, 'failure_reason': 'no such user',"
                    + " 'messages': ['User info update failed.']}"));
    assertThat(empty)
        .isEqualTo(
            json(
                "{'success': false,"
                    + " 'failure_reason': 'invalid request: missing `update_dict` in request',"
                    + " 'messages': ['Invalid user-edit request: missing or invalid"
                    + " parameters.']}"));
  }

  @Test
  void internalUserEdit_unknownColumnRoleOrDuplicateEmail_isADatabaseError() {
    fx.pendingUser4();

    for (String update :
        new String[] {
          "{'favorite_color': 'blue'}",
          "{'user_role': 'wizard'}",
          "{'email': 'superuser@localhost'}",
          "{'is_active': 'yes'}",
          "{'extra_info': 'text'}"
        }) {
      ObjectNode result =
          fx.call("internal-user-edit", "{'target_userid': 4, 'update_dict': " + update + "}");

      assertThat(result)
          .as(update)
          .isEqualTo(
              json(
                  "{'success': false, 'failure_reason': 'DB error when updating user info',"
                      + " 'messages': ['User info update failed.']}"));
    }
    assertThat(fx.user(4).userRole()).isEqualTo("locked");
  }

  // G100
  @Test
  void internalUserLock_lockThenUnlock_restoresTheSavedRole() {
    fx.activeUser4();
    fx.call("internal-user-edit", "{'target_userid': 4, 'update_dict': {'user_role': 'staff'}}");
    String s4 = fx.session(4L);

    ObjectNode locked = internalLock(4, "lock");

    assertThat(locked.get("success").asBoolean()).isTrue();
    assertThat(locked.get("messages")).isEqualTo(messages("User lock toggle successful."));
    assertThat(locked.get("user_info").get("user_role").asText()).isEqualTo("locked");
    assertThat(locked.get("user_info").get("is_active").asBoolean()).isFalse();
    assertThat(fx.isLive(s4)).isFalse();
    assertThat(login(U4_EMAIL, U4_PASSWORD)).isFalse();

    ObjectNode unlocked = internalLock(4, "unlock");

    assertThat(unlocked.get("user_info").get("user_role").asText()).isEqualTo("staff");
    assertThat(unlocked.get("user_info").get("is_active").asBoolean()).isTrue();
    assertThat(login(U4_EMAIL, U4_PASSWORD)).isTrue();
    assertThat(fx.user(4).extraInfo().get("previous_user_roles"))
        .isEqualTo(Fixture.MAPPER.valueToTree(java.util.List.of("locked", "staff")));
  }

  @Test
  void internalUserLock_secondLock_appendsToTheHistory() {
    fx.activeUser4();
    internalLock(4, "lock");
    internalLock(4, "unlock");

    internalLock(4, "lock");

    assertThat(fx.user(4).extraInfo().get("previous_user_roles"))
        .isEqualTo(
            Fixture.MAPPER.valueToTree(
                java.util.List.of("locked", "authenticated", "authenticated")));
  }

  // G101
  @Test
  void internalUserLock_unlockWithoutSavedRole_activatesButStaysLocked() {
    fx.pendingUser4();

    ObjectNode result = internalLock(4, "unlock");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("user_info").get("is_active").asBoolean()).isTrue();
    assertThat(result.get("user_info").get("user_role").asText()).isEqualTo("locked");
  }

  // G102
  @Test
  void internalUserLock_alreadyLocked_changesNothingAndKeepsSessions() {
    fx.pendingUser4();
    String session = fx.session(4L);
    StoredUser before = fx.user(4);
    fx.clock.advance(Duration.ofMinutes(1));

    ObjectNode result = internalLock(4, "lock");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(fx.user(4)).isEqualTo(before);
    assertThat(fx.isLive(session)).isTrue();
  }

  // G103
  @Test
  void internalUserLock_systemAccountOrBadAction_isRefused() {
    fx.pendingUser4();

    assertDenied(
        internalLock(2, "lock"),
        "can't edit anonymous/locked users",
        "Editing anonymous/locked user accounts not allowed.");
    assertDenied(
        internalLock(4, "ban"),
        "action must be either 'lock' or 'unlock'",
        "Unknown action requested for toggle_user_lock.");
  }

  // G104
  @Test
  void userLock_guards_refuseInOrder() {
    fx.activeUser4();
    String s1 = fx.session(1L);
    String s4 = fx.session(4L);

    assertDenied(
        lock(4, "authenticated", s4, 1, "lock"),
        "user role is not 'superuser', required to toggle locks",
        "You don't have lock/unlock privileges.");
    assertDenied(
        lock(1, "superuser", s1, 1, "lock"),
        "can't toggle a lock state on self",
        "You can't lock/unlock your own user account.");
    assertDenied(
        lock(1, "superuser", s1, 4, "ban"),
        "action must be one of 'lock', 'unlock'",
        "Unknown action requested for toggle_user_lock.");
    assertDenied(
        lock(1, "superuser", s1, 3, "lock"),
        "can't toggle lock state for system anonymous/locked accounts",
        "Editing anonymous/locked user accounts not allowed.");
    assertDenied(
        lock(1, "superuser", s4, 4, "lock"),
        "invalid session for user attempting lock toggle",
        "Superuser session info not available for this user edit attempt.");
    assertThat(fx.user(4).userRole()).isEqualTo("authenticated");
  }

  // G105
  @Test
  void userLock_superuserLocksUser_deletesOnlyTheTargetsSessions() {
    fx.activeUser4();
    String s1 = fx.session(1L);
    String s4 = fx.session(4L);
    String other4 = fx.session(4L, "Other Agent");

    ObjectNode result = lock(1, "superuser", s1, 4, "lock");

    assertThat(result.get("success").asBoolean()).isTrue();
    JsonNode info = result.get("user_info");
    assertThat(info.get("user_role").asText()).isEqualTo("locked");
    assertThat(info.get("is_active").asBoolean()).isFalse();
    assertThat(info.get("extra_info").get("previous_user_roles"))
        .isEqualTo(Fixture.MAPPER.valueToTree(java.util.List.of("locked", "authenticated")));
    assertThat(fx.isLive(s4)).isFalse();
    assertThat(fx.isLive(other4)).isFalse();
    assertThat(fx.isLive(s1)).isTrue();
  }

  // G117
  @Test
  void userEdit_emptyUpdate_onlyRefreshesLastUpdated() {
    fx.activeUser4();
    String s1 = fx.session(1L);
    StoredUser before = fx.user(4);
    fx.clock.advance(Duration.ofMinutes(5));

    ObjectNode result = edit(1, "superuser", s1, 4, "{}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("messages")).isEqualTo(messages("User update successful."));
    StoredUser after = fx.user(4);
    assertThat(after.lastUpdated()).isAfter(before.lastUpdated());
    assertThat(after.withLastUpdated(before.lastUpdated())).isEqualTo(before);
  }

  // G125
  @Test
  void internalUserLock_missingUser_fails() {
    ObjectNode result = internalLock(999, "lock");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false, 'user_info': null, 'failure_reason':"
                    + " 'exception encountered when trying lock toggle action',"
                    + " 'messages': ['User lock toggle failed.']}"));
  }

  @Test
  void internalUserLock_nullExtraInfo_fails() {
    fx.pendingUser4();
    fx.store.updateUser(4, fx.clock.instant(), u -> u.withExtraInfo(null));

    ObjectNode result = internalLock(4, "unlock");

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("exception encountered when trying lock toggle action");
  }
}
