package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.U4_EMAIL;
import static org.authnz.Fixture.U4_PASSWORD;
import static org.authnz.Fixture.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text the reference schema's columns cannot hold on PostgreSQL or MariaDB (too long, or U+0000) is
 * refused by every store alike, before any costly work (a fresh-user trial found it stored on
 * SQLite and in memory).
 */
class StorableTextTest {
  private static final String PASSWORD = "Xq7mPv2rLw9zTbKd";

  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
  }

  private ObjectNode signup(String fullName, String email) {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("full_name", fullName);
    body.put("email", email);
    body.put("password", PASSWORD);
    return fx.call("user-new", body);
  }

  /** A syntactically valid address of exactly {@code length} characters. */
  private static String emailOfLength(int length) {
    String domain = "@example.org";
    return "a".repeat(length - domain.length()) + domain;
  }

  private long userCount() {
    return fx.store.listUsers().size();
  }

  // ---- user-new ----------------------------------------------------------------------------

  @Test
  void userNew_emailOfManyDomainLabels_isTheInvalidEmailDenial() {
    // Regression: a 1.5 KB address overflowed the stack in the e-mail check (HTTP 400).
    String email = "s@" + String.join(".", Collections.nCopies(500, "ab"));

    ObjectNode result = signup("Ann Bee", email);

    assertThat(result.get("failure_reason").asText()).isEqualTo("invalid email");
    assertThat(userCount()).isEqualTo(3);
  }

  @Test
  void create_inProcessEmailOfThousandLabels_isRejectedAsInvalidEmail() {
    SignupResult result =
        fx.service
            .users()
            .create(
                SignupRequest.of(
                    "Ann Bee", "x@" + "ab.".repeat(1000) + "org", Password.of(PASSWORD)));

    assertThat(result).isInstanceOf(SignupResult.Rejected.class);
    assertThat(((SignupResult.Rejected) result).denial().code())
        .isEqualTo(DenialCode.INVALID_EMAIL);
  }

  @Test
  void userNew_emailOf280Characters_isCreated_281IsInvalidEmail() {
    assertThat(signup("Ann Bee", emailOfLength(280)).get("success").asBoolean()).isTrue();

    ObjectNode result = signup("Ann Bee", emailOfLength(281));

    assertThat(result.get("failure_reason").asText()).isEqualTo("invalid email");
    assertThat(userCount()).isEqualTo(4);
  }

  @Test
  void userNew_fullNameOver280Characters_isInvalidFullName() {
    assertThat(signup("A".repeat(280), U4_EMAIL).get("success").asBoolean()).isTrue();

    ObjectNode result = signup("B".repeat(281), "other@test.org");
    ObjectNode huge = signup("C".repeat(5_000_000), "third@test.org");

    assertThat(result.get("failure_reason").asText()).isEqualTo("invalid full name");
    assertThat(huge.get("failure_reason").asText()).isEqualTo("invalid full name");
    assertThat(userCount()).isEqualTo(4);
  }

  @Test
  void userNew_fullNameThatGrowsPast280WhenEscaped_isInvalidFullName() {
    // the stored name is the escaped one: 60 '&' become 300 characters
    ObjectNode result = signup("&".repeat(60), U4_EMAIL);

    assertThat(result.get("failure_reason").asText()).isEqualTo("invalid full name");
  }

  @Test
  void userNew_systemIdLongerThan50_failsLikeTheInsert() {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("full_name", "Ann Bee");
    body.put("email", U4_EMAIL);
    body.put("password", PASSWORD);
    body.put("system_id", "s".repeat(51));

    ObjectNode result = fx.call("user-new", body);

    assertThat(result.get("failure_reason").asText()).isEqualTo("DB issue with user creation");
    assertThat(userCount()).isEqualTo(3);
  }

  @Test
  void userNew_extraInfoWithNul_failsLikeTheInsert() {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("full_name", "Ann Bee");
    body.put("email", U4_EMAIL);
    body.put("password", PASSWORD);
    body.putObject("extra_info").put("note", "a\u0000b");

    ObjectNode result = fx.call("user-new", body);

    assertThat(result.get("failure_reason").asText()).isEqualTo("DB issue with user creation");
    assertThat(userCount()).isEqualTo(3);
  }

  // ---- edits -------------------------------------------------------------------------------

  private ObjectNode internalEdit(long target, ObjectNode updates) {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("target_userid", target);
    body.set("update_dict", updates);
    return fx.call("internal-user-edit", body);
  }

  @Test
  void internalUserEdit_unstorableText_isTheDbErrorAndChangesNothing() {
    fx.activeUser4();
    StoredUser before = fx.user(4);

    ObjectNode longEmail = internalEdit(4, json("{}").put("email", emailOfLength(281)));
    ObjectNode nulName = internalEdit(4, json("{}").put("full_name", "Ann\u0000Bee"));
    ObjectNode longRole = internalEdit(4, json("{}").put("user_role", "r".repeat(101)));
    ObjectNode nulExtra = json("{}");
    nulExtra.putObject("extra_info").put("k\u0000", "v");
    ObjectNode nulExtraResult = internalEdit(4, nulExtra);

    for (ObjectNode result : new ObjectNode[] {longEmail, nulName, longRole, nulExtraResult}) {
      assertThat(result.get("failure_reason").asText())
          .isEqualTo("DB error when updating user info");
    }
    assertThat(fx.user(4)).isEqualTo(before);
    assertThat(
            internalEdit(4, json("{}").put("full_name", "N".repeat(280)))
                .get("success")
                .asBoolean())
        .isTrue();
  }

  @Test
  void userEdit_selfEditOfOverLongOrNulName_isTheUpdateFailure() {
    fx.activeUser4();
    ObjectNode login = json("{}");
    String token = fx.session(null);
    login.put("session_token", token);
    login.put("email", U4_EMAIL);
    login.put("password", U4_PASSWORD);
    assertThat(fx.call("user-login", login).get("success").asBoolean()).isTrue();
    String session = fx.session(4L);
    StoredUser before = fx.user(4);

    for (String name : new String[] {"N".repeat(281), "Ann\u0000Bee"}) {
      ObjectNode body = json("{'user_id': 4, 'user_role': 'authenticated', 'target_userid': 4}");
      body.put("session_token", session);
      body.putObject("update_dict").put("full_name", name);

      ObjectNode result = fx.call("user-edit", body);

      assertThat(result.get("failure_reason").asText())
          .isEqualTo("exception when trying to update user");
    }
    assertThat(fx.user(4)).isEqualTo(before);
  }

  // ---- sessions ----------------------------------------------------------------------------

  private ObjectNode sessionNew(String userAgent, ObjectNode extra) {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("ip_address", "1.1.1.1");
    body.put("user_agent", userAgent);
    body.putNull("user_id");
    body.put("expires", fx.inFuture(Duration.ofHours(1)));
    body.set("extra_info_json", extra);
    return fx.call("session-new", body);
  }

  @Test
  void sessionNew_userAgentOver280OrWithNul_isTheDbError() {
    assertThat(sessionNew("u".repeat(280), json("{}")).get("success").asBoolean()).isTrue();

    ObjectNode longAgent = sessionNew("u".repeat(281), json("{}"));
    ObjectNode nulAgent = sessionNew("Mozilla\u0000", json("{}"));
    ObjectNode nulExtra = sessionNew("Mozilla", json("{}").put("k", "\u0000"));

    for (ObjectNode result : new ObjectNode[] {longAgent, nulAgent, nulExtra}) {
      assertThat(result.get("failure_reason").asText())
          .isEqualTo("DB error when making new session");
    }
  }

  @Test
  void internalSessionEdit_valueWithNul_isTheDbError() {
    String token = fx.session(null);
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("target_session_token", token);
    body.putObject("update_dict").put("k", "a\u0000");

    ObjectNode result = fx.call("internal-session-edit", body);

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("DB error when updating session info");
  }

  // ---- lookups -----------------------------------------------------------------------------

  @Test
  void lookups_emptyOrNulEmail_findNoOne_evenARowWithAnEmptyEmail() {
    fx.activeUser4();
    assertThat(internalEdit(4, json("{'email': ''}")).get("success").asBoolean()).isTrue();

    assertThat(fx.service.emails().setVerified("").isSuccess()).isFalse();
    assertThat(fx.service.users().findByEmail("").isSuccess()).isFalse();
    assertThat(fx.call("user-lookup-email", "{'email': ''}").get("success").asBoolean()).isFalse();
    assertThat(fx.service.users().findByEmail("a\u0000b").isSuccess()).isFalse();
  }
}
