package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.json;
import static org.authnz.Fixture.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden cases G01-G18 ({@code spec/golden-cases.md} section 1). */
class SessionActionsTest {
  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
  }

  private ObjectNode newSession(String ip, Object userId, String expires) {
    ObjectNode body = json("{'user_agent': 'Mozzarella Killerwhale'}");
    body.put("ip_address", ip);
    body.set("user_id", Fixture.MAPPER.valueToTree(userId));
    body.put("expires", expires);
    body.set("extra_info_json", json("{'pref_datasets_always_private': true}"));
    return fx.call("session-new", body);
  }

  // G01
  @Test
  void sessionNew_anonymousWithZeroFraction_echoesExpiryWithoutFraction() {
    ObjectNode first = newSession("1.1.1.1", null, "2030-01-01T00:00:00.000000Z");
    ObjectNode second = newSession("1.1.1.1", null, "2030-01-01T00:00:00.000000Z");

    assertThat(first.get("success").asBoolean()).isTrue();
    assertThat(first.get("session_token").asText()).matches("^[A-Za-z0-9_-]{43}$");
    assertThat(first.get("expires").asText()).isEqualTo("2030-01-01T00:00:00");
    assertThat(first.get("messages"))
        .isEqualTo(messages("Generated session_token successfully. Session initiated."));
    assertThat(first.size()).isEqualTo(4);
    assertThat(second.get("session_token")).isNotEqualTo(first.get("session_token"));
    StoredSession stored =
        fx.store.findSession(SessionToken.of(first.get("session_token").asText())).orElseThrow();
    assertThat(stored.userId()).isEqualTo(2);
  }

  // G02
  @Test
  void sessionNew_fractionalExpiry_isEchoedWithSixDigits() {
    ObjectNode result = newSession("1.1.1.1", null, "2030-01-01T00:00:00.5Z");

    assertThat(result.get("expires").asText()).isEqualTo("2030-01-01T00:00:00.500000");
  }

  // G03, G04, G06
  @ParameterizedTest
  @ValueSource(strings = {"no-fraction", "bad-ip", "unknown-user", "offset", "leading-zero-ip"})
  void sessionNew_badInput_isDbErrorAndInsertsNothing(String variant) {
    String ip = "1.1.1.1";
    Object user = null;
    String expires = "2030-01-01T00:00:00.000000Z";
    switch (variant) {
      case "no-fraction" -> expires = "2030-01-01T00:00:00";
      case "bad-ip" -> ip = "1.2.3";
      case "leading-zero-ip" -> ip = "01.2.3.4";
      case "unknown-user" -> user = 999;
      case "offset" -> expires = "2030-01-01T00:00:00.000000+00:00";
      default -> throw new IllegalArgumentException(variant);
    }

    ObjectNode result = newSession(ip, user, expires);

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false, 'failure_reason': 'DB error when making new session',"
                    + " 'session_token': null, 'expires': null,"
                    + " 'messages': ['Could not create a new session.']}"));
    assertThat(fx.store.deleteSessionsExpiredBefore(Fixture.START.plus(Duration.ofDays(9999))))
        .isZero();
  }

  @Test
  void sessionNew_extraInfoNotAnObject_isDbError() {
    ObjectNode body = json("{'ip_address': '1.1.1.1', 'user_agent': 'u', 'user_id': null}");
    body.put("expires", fx.inFuture(Duration.ofHours(1)));
    body.put("extra_info_json", 7);

    ObjectNode result = fx.call("session-new", body);

    assertThat(result.get("failure_reason").asText()).isEqualTo("DB error when making new session");
  }

  // Regression: a bad argument was reported as STORE_ERROR, which reads as a database outage.
  @ParameterizedTest
  @ValueSource(strings = {"999.1.1.1", "not an address"})
  void create_badArgument_isInvalidRequestNotStoreError(String ipAddress) {
    Outcome<NewSession> outcome =
        fx.service
            .sessions()
            .create(
                new CreateSessionRequest(
                    ipAddress, "agent", null, fx.inFuture(Duration.ofHours(1)), null));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Denied.class,
            denied -> assertThat(denied.denial().code()).isEqualTo(DenialCode.INVALID_REQUEST));
  }

  @Test
  void create_expiryThatIsNoTime_isInvalidRequest() {
    Outcome<NewSession> outcome =
        fx.service
            .sessions()
            .create(new CreateSessionRequest("1.1.1.1", "agent", null, "tomorrow", null));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            Outcome.Denied.class,
            denied -> assertThat(denied.denial().code()).isEqualTo(DenialCode.INVALID_REQUEST));
  }

  // G05
  @Test
  void sessionNew_ipv6Address_isCanonicalised() {
    ObjectNode created = newSession("2001:DB8::0001", null, fx.inFuture(Duration.ofHours(1)));

    ObjectNode exists =
        fx.call(
            "session-exists", "{'session_token': '" + created.get("session_token").asText() + "'}");

    assertThat(exists.at("/session_info/ip_address").asText()).isEqualTo("2001:db8::1");
  }

  // G07
  @Test
  void sessionExists_liveSession_returnsJoined18KeyObject() {
    String expires = fx.inFuture(Duration.ofHours(1));
    ObjectNode created = newSession("1.1.1.1", null, expires);
    String anon = created.get("session_token").asText();

    ObjectNode result = fx.call("session-exists", "{'session_token': '" + anon + "'}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("messages")).isEqualTo(messages("Session look up successful."));
    ObjectNode info = (ObjectNode) result.get("session_info");
    List<String> keys = new ArrayList<>();
    info.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactlyInAnyOrder(
            "user_id",
            "system_id",
            "full_name",
            "email",
            "extra_info",
            "email_verified",
            "emailverify_sent_datetime",
            "is_active",
            "last_login_try",
            "last_login_success",
            "created_on",
            "user_role",
            "session_token",
            "ip_address",
            "user_agent",
            "created",
            "expires",
            "extra_info_json");
    assertThat(info.get("user_id").asLong()).isEqualTo(2);
    assertThat(info.get("full_name").asText()).isEqualTo("The systemwide anonymous user");
    assertThat(info.get("email").asText()).isEqualTo("anonuser@localhost");
    assertThat(info.get("email_verified").asBoolean()).isTrue();
    assertThat(info.get("is_active").asBoolean()).isTrue();
    assertThat(info.get("last_login_try").isNull()).isTrue();
    assertThat(info.get("last_login_success").isNull()).isTrue();
    assertThat(info.get("user_role").asText()).isEqualTo("anonymous");
    assertThat(info.get("session_token").asText()).isEqualTo(anon);
    assertThat(info.get("ip_address").asText()).isEqualTo("1.1.1.1");
    assertThat(info.get("user_agent").asText()).isEqualTo("Mozzarella Killerwhale");
    assertThat(info.get("expires").asText()).isEqualTo(expires);
    assertThat(info.get("created").asText()).isEqualTo("2031-05-06T07:08:09.123456");
    assertThat(info.get("extra_info_json"))
        .isEqualTo(json("{'pref_datasets_always_private': true}"));
  }

  // G08
  @Test
  void sessionExists_expiredSession_isNotLive() {
    ObjectNode created = newSession("1.1.1.1", null, fx.inFuture(Duration.ofSeconds(5)));
    fx.clock.advance(Duration.ofSeconds(10));

    ObjectNode result =
        fx.call(
            "session-exists", "{'session_token': '" + created.get("session_token").asText() + "'}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false, 'failure_reason': 'session does not exist or expired',"
                    + " 'session_info': null, 'messages': ['Session look up failed.']}"));
  }

  // G09
  @Test
  void sessionDelete_existingSession_deletesIt() {
    String anon = fx.session(null);

    ObjectNode result = fx.call("session-delete", "{'session_token': '" + anon + "'}");

    assertThat(result)
        .isEqualTo(
            json("{'success': true, 'messages': ['Session delete processed, success: True.']}"));
    assertThat(fx.isLive(anon)).isFalse();
  }

  // G10
  @Test
  void sessionDelete_unknownSession_failsWithoutFailureReason() {
    ObjectNode result = fx.call("session-delete", "{'session_token': 'nope-not-a-token'}");

    assertThat(result)
        .isEqualTo(
            json("{'success': false, 'messages': ['Session delete processed, success: False.']}"));
  }

  private List<String> threeSessionsOfUser4() {
    fx.activeUser4();
    return List.of(
        fx.session(4L, "Mozzarella Killerwhale"),
        fx.session(4L, "Searchzilla Oxide"),
        fx.session(4L, "Pear Adventure"));
  }

  // G11
  @Test
  void sessionDeleteUserid_emptyToken_deletesAllSessions() {
    List<String> sessions = threeSessionsOfUser4();

    ObjectNode result =
        fx.call(
            "session-delete-userid",
            "{'user_id': 4, 'session_token': '', 'keep_current_session': false}");

    assertThat(result)
        .isEqualTo(
            json("{'success': true, 'messages': ['Sessions delete processed. Success: True.']}"));
    assertThat(sessions).noneMatch(fx::isLive);
  }

  // G11 at the typed level, where a null token is possible
  @Test
  void deleteOfUser_nullKeep_deletesAllSessions() {
    List<String> sessions = threeSessionsOfUser4();

    Outcome<Integer> outcome =
        fx.service.sessions().deleteOfUser(new DeleteUserSessionsRequest(4, null, false));

    assertThat(outcome).isEqualTo(Outcome.success(3, "Sessions delete processed. Success: True."));
    assertThat(sessions).noneMatch(fx::isLive);
  }

  // G12, G13
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void sessionDeleteUserid_tokenGiven_keepsThatSessionWhateverTheFlag(boolean keepFlag) {
    List<String> sessions = threeSessionsOfUser4();
    String current = sessions.get(2);

    ObjectNode result =
        fx.call(
            "session-delete-userid",
            "{'user_id': 4, 'session_token': '"
                + current
                + "', 'keep_current_session': "
                + keepFlag
                + "}");

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(fx.isLive(sessions.get(0))).isFalse();
    assertThat(fx.isLive(sessions.get(1))).isFalse();
    assertThat(fx.isLive(current)).isTrue();
  }

  // G14
  @Test
  void sessionDeleteUserid_nothingToDelete_failsWithoutFailureReason() {
    ObjectNode result =
        fx.call(
            "session-delete-userid",
            "{'user_id': 1, 'session_token': 'x', 'keep_current_session': true}");

    assertThat(result)
        .isEqualTo(
            json("{'success': false, 'messages': ['Sessions delete processed. Success: False.']}"));
  }

  private String sessionOfUser4With(String extraInfoJson) {
    fx.activeUser4();
    ObjectNode body =
        json("{'ip_address': '1.1.1.1', 'user_agent': 'Pear Adventure', 'user_id': 4}");
    body.put("expires", fx.inFuture(Duration.ofHours(1)));
    body.set("extra_info_json", json(extraInfoJson));
    return fx.call("session-new", body).get("session_token").asText();
  }

  // G15
  @Test
  void internalSessionEdit_updateDict_mergesAndDeletesKeys() {
    String token =
        sessionOfUser4With(
            "{'pref_datasets_always_private': true,"
                + " 'pref_advancedbits': 'so-advanced-much-progress'}");

    ObjectNode result =
        fx.call(
            "internal-session-edit",
            "{'target_session_token': '"
                + token
                + "', 'update_dict': {'this': 'is', 'a': 'test',"
                + " 'pref_datasets_always_private': false, 'pref_advancedbits': '__delete__'}}");

    ObjectNode expected =
        json("{'pref_datasets_always_private': false, 'this': 'is', 'a': 'test'}");
    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("messages")).isEqualTo(messages("Session extra_info update successful."));
    List<String> keys = new ArrayList<>();
    result.get("session_info").fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactlyInAnyOrder(
            "user_id",
            "session_token",
            "ip_address",
            "user_agent",
            "created",
            "expires",
            "extra_info_json");
    assertThat(result.at("/session_info/extra_info_json")).isEqualTo(expected);
    assertThat(
            fx.call("session-exists", "{'session_token': '" + token + "'}")
                .at("/session_info/extra_info_json"))
        .isEqualTo(expected);
  }

  // G16
  @Test
  void internalSessionEdit_deleteMarkerForAbsentKey_storesTheMarker() {
    String token = sessionOfUser4With("{}");

    ObjectNode result =
        fx.call(
            "internal-session-edit",
            "{'target_session_token': '" + token + "', 'update_dict': {'ghost': '__delete__'}}");

    assertThat(result.at("/session_info/extra_info_json"))
        .isEqualTo(json("{'ghost': '__delete__'}"));
  }

  // G17
  @Test
  void internalSessionEdit_emptyUpdateDict_isInvalidRequest() {
    String token = sessionOfUser4With("{}");

    ObjectNode result =
        fx.call(
            "internal-session-edit",
            "{'target_session_token': '" + token + "', 'update_dict': {}}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false,"
                    + " 'failure_reason': 'invalid request: missing `update_dict` in"
                    + " request', 'session_info': null,"
                    + " 'messages': ['Invalid session edit request: missing or invalid"
                    + " parameters.']}"));
  }

  // G18
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void internalSessionEdit_unknownOrExpiredSession_isNoSuchSession(boolean expired) {
    String token = "nope";
    if (expired) {
      token = sessionOfUser4With("{}");
      fx.clock.advance(Duration.ofHours(2));
    }

    ObjectNode result =
        fx.call(
            "internal-session-edit",
            "{'target_session_token': '" + token + "', 'update_dict': {'a': 1}}");

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': false, 'failure_reason': 'no such session', 'session_info': null,"
                    + " 'messages': ['Session extra_info update failed.']}"));
  }
}
