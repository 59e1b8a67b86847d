package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.MAPPER;
import static org.authnz.Fixture.json;
import static org.authnz.Fixture.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.time.Duration;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.wire.DispatchResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key actions through the dispatcher on the in-memory store: the behaviour pinned in {@code
 * actions-apikeys.md} section 5 (one test each), then failure texts, formats and the project's
 * decisions. User 4 and user 5 are verified {@code authenticated} users; user 1 is the superuser.
 */
class ApiKeyActionsTest {
  static final String U5_EMAIL = "seconduser@test.org";
  static final String U5_PASSWORD = "Qx7!vB2#mR9$kT4w";
  static final String UA = "Mozzarella Killerwhale";

  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
    fx.activeUser4();
    ObjectNode created =
        fx.call(
            "user-new",
            "{'full_name': 'Second User', 'email': '"
                + U5_EMAIL
                + "', 'password': '"
                + U5_PASSWORD
                + "'}");
    assertThat(created.get("user_id").asLong()).isEqualTo(5);
    fx.call("user-set-emailverified", "{'email': '" + U5_EMAIL + "'}");
  }

  // ---- helpers ---------------------------------------------------------------------------

  private ObjectNode newNoSession(
      long userId, double expires, double nbf, double refreshExpires, double refreshNbf) {
    ObjectNode body =
        json(
            "{'issuer': 'authnzerver', 'audience': 'svc.example', 'subject': '/api/things',"
                + " 'apiversion': 1, 'user_role': 'authenticated', 'ip_address': '1.2.3.4'}");
    body.put("user_id", userId);
    number(body, "expires_seconds", expires);
    number(body, "not_valid_before", nbf);
    number(body, "refresh_expires", refreshExpires);
    number(body, "refresh_nbf", refreshNbf);
    return fx.call("apikey-new-nosession", body);
  }

  private static void number(ObjectNode body, String key, double value) {
    if (value == Math.rint(value)) {
      body.put(key, (long) value);
    } else {
      body.put(key, value);
    }
  }

  private ObjectNode newSessionKey(String session, long userId, String role, double nbf) {
    ObjectNode body =
        json(
            "{'issuer': 'authnzerver', 'audience': 'svc.example', 'subject': '/api/things',"
                + " 'apiversion': 1, 'expires_days': 1, 'ip_address': '1.1.1.1'}");
    number(body, "not_valid_before", nbf);
    body.put("user_id", userId);
    body.put("user_role", role);
    body.put("user_agent", UA);
    body.put("session_token", session);
    return fx.call("apikey-new", body);
  }

  private static ObjectNode dict(ObjectNode issued) {
    try {
      return (ObjectNode) MAPPER.readTree(issued.get("apikey").asText());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode onKey(String action, ObjectNode dict, long userId, String role) {
    ObjectNode body = MAPPER.createObjectNode();
    body.set("apikey_dict", dict);
    body.put("user_id", userId);
    body.put("user_role", role);
    return fx.call(action, body);
  }

  private boolean verifies(String action, ObjectNode dict, long userId) {
    return onKey(action, dict, userId, "authenticated").get("success").asBoolean();
  }

  private ObjectNode refresh(ObjectNode dict, String refreshToken, long userId, String role) {
    ObjectNode body = MAPPER.createObjectNode();
    body.set("apikey_dict", dict);
    body.put("user_id", userId);
    body.put("user_role", role);
    body.put("refresh_token", refreshToken);
    body.put("ip_address", "5.6.7.8");
    body.put("expires_seconds", 6);
    body.put("not_valid_before", 0);
    body.put("refresh_expires", 10);
    body.put("refresh_nbf", 1);
    return fx.call("apikey-refresh-nosession", body);
  }

  private void advance(double seconds) {
    fx.clock.advance(Duration.ofMillis((long) (seconds * 1000)));
  }

  // ---- section 5: no-session keys (reference tests) --------------------------------------

  @Test
  void newNosession_withTimings_returnsKeyAndRefreshTokenWithRequestClaims() {
    ObjectNode result = newNoSession(4, 7, 1, 10, 2);

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.fieldNames())
        .toIterable()
        .contains("apikey", "expires", "refresh_token", "refresh_token_expires");
    ObjectNode key = dict(result);
    assertThat(key.get("ipa").asText()).isEqualTo("1.2.3.4");
    assertThat(key.get("uid").asLong()).isEqualTo(4);
    assertThat(key.get("rol").asText()).isEqualTo("authenticated");
    assertThat(result.get("refresh_token").asText()).matches("^[A-Za-z0-9_-]{43}$");
    assertThat(result.get("expires").asText())
        .isEqualTo(WireTime.format(Fixture.START.plusSeconds(7)));
    assertThat(result.get("refresh_token_expires").asText())
        .isEqualTo(WireTime.format(Fixture.START.plusSeconds(10)));
  }

  @Test
  void verifyNosession_acrossItsWindow_failsBeforeNbfPassesForOwnerOnlyFailsAfterExpiry() {
    ObjectNode key = dict(newNoSession(4, 6, 2, 10, 2));

    assertThat(verifies("apikey-verify-nosession", key, 4)).isFalse();
    advance(3);
    assertThat(verifies("apikey-verify-nosession", key, 4)).isTrue();
    assertThat(verifies("apikey-verify-nosession", key, 5)).isFalse();
    advance(6);
    assertThat(verifies("apikey-verify-nosession", key, 4)).isFalse();
  }

  @Test
  void revokeNosession_byOtherUserThenOwner_onlyOwnerRevokesAndKeyIsDeadForBoth() {
    ObjectNode key = dict(newNoSession(4, 60, 0, 100, 0));
    advance(1);

    ObjectNode byOther = onKey("apikey-revoke-nosession", key, 5, "authenticated");
    ObjectNode byOwner = onKey("apikey-revoke-nosession", key, 4, "authenticated");

    assertThat(byOther.get("success").asBoolean()).isFalse();
    assertThat(byOther.get("failure_reason").asText())
        .isEqualTo("originating user is not allowed to operate on this API key");
    assertThat(byOwner.get("success").asBoolean()).isTrue();
    assertThat(byOwner.get("messages")).isEqualTo(messages("API key revocation processed."));
    assertThat(verifies("apikey-verify-nosession", key, 4)).isFalse();
    assertThat(verifies("apikey-verify-nosession", key, 5)).isFalse();
  }

  @Test
  void revokeallNosession_alteredKeyThenValidKey_failsThenRemovesBothKeys() {
    ObjectNode first = dict(newNoSession(4, 60, 0, 100, 0));
    ObjectNode second = dict(newNoSession(4, 60, 0, 100, 0));
    advance(1);
    ObjectNode altered = first.deepCopy().put("tkn", "x" + first.get("tkn").asText().substring(1));

    ObjectNode withAltered = onKey("apikey-revokeall-nosession", altered, 4, "authenticated");
    ObjectNode withValid = onKey("apikey-revokeall-nosession", first, 4, "authenticated");

    assertThat(withAltered.get("success").asBoolean()).isFalse();
    assertThat(withAltered.get("failure_reason").asText())
        .isEqualTo(
            "provided API key is invalid, revoke-all operation requires a valid key to start"
                + " with");
    assertThat(withValid.get("success").asBoolean()).isTrue();
    assertThat(withValid.get("revoked_keys").asInt()).isEqualTo(2);
    assertThat(withValid.get("messages")).isEqualTo(messages("All API keys revocation processed."));
    assertThat(verifies("apikey-verify-nosession", first, 4)).isFalse();
    assertThat(verifies("apikey-verify-nosession", second, 4)).isFalse();
  }

  @Test
  void refreshNosession_throughItsWindows_behavesAsTheReferenceTests() {
    ObjectNode issued = newNoSession(4, 6, 0, 10, 1);
    ObjectNode key = dict(issued);
    String refreshToken = issued.get("refresh_token").asText();

    ObjectNode tooEarly = refresh(key, refreshToken, 4, "authenticated");
    advance(2);
    ObjectNode wrongToken = refresh(key, "not-the-refresh-token", 4, "authenticated");
    ObjectNode refreshed = refresh(key, refreshToken, 4, "authenticated");
    ObjectNode newKey = dict(refreshed);
    advance(7); // the refreshed key (lifetime 6 s) has expired; its refresh token has not
    ObjectNode afterExpiry =
        refresh(newKey, refreshed.get("refresh_token").asText(), 4, "authenticated");
    advance(6);
    ObjectNode reused =
        refresh(newKey, refreshed.get("refresh_token").asText(), 4, "authenticated");

    assertThat(tooEarly.get("success").asBoolean()).isFalse();
    assertThat(tooEarly.get("failure_reason").asText())
        .isEqualTo("provided API key has no stored refresh token, probably invalid");
    assertThat(wrongToken.get("success").asBoolean()).isFalse();
    assertThat(wrongToken.get("failure_reason").asText())
        .isEqualTo("provided refresh token does not match stored refresh token");
    assertThat(refreshed.get("success").asBoolean()).isTrue();
    assertThat(newKey.get("tkn")).isNotEqualTo(key.get("tkn"));
    assertThat(newKey.get("ipa").asText()).isEqualTo("5.6.7.8");
    assertThat(afterExpiry.get("success").asBoolean()).isTrue();
    assertThat(reused.get("success").asBoolean()).isFalse();
    assertThat(reused.get("failure_reason").asText())
        .isEqualTo("provided API key has no stored refresh token, probably invalid");
  }

  // ---- section 5: session-tied keys (observed on the reference) --------------------------

  @Test
  void verify_halfSecondNotValidBefore_failsAtOnceAndPassesOneSecondLater() {
    ObjectNode key = dict(newSessionKey(fx.session(4L), 4, "authenticated", 0.5));

    ObjectNode atOnce = onKey("apikey-verify", key, 4, "authenticated");
    advance(1);
    ObjectNode later = onKey("apikey-verify", key, 4, "authenticated");

    assertThat(atOnce.get("success").asBoolean()).isFalse();
    assertThat(atOnce.get("failure_reason").asText())
        .isEqualTo("key validation failed, provided key does not match stored key or has expired");
    assertThat(atOnce.get("messages")).isEqualTo(messages("API key could not be verified."));
    assertThat(later.get("success").asBoolean()).isTrue();
    assertThat(later.get("messages").get(0).asText())
        .isEqualTo(
            "API key verified successfully. Expires: "
                + WireTime.format(Fixture.START.plus(Duration.ofDays(1)))
                + ".");
  }

  @Test
  void verify_bySuperuserAndByAnotherUser_superuserPassesOtherGetsNotAllowed() {
    ObjectNode key = dict(newSessionKey(fx.session(4L), 4, "authenticated", 0));
    advance(1);

    ObjectNode bySuperuser = onKey("apikey-verify", key, 1, "superuser");
    ObjectNode byOther = onKey("apikey-verify", key, 5, "authenticated");

    assertThat(bySuperuser.get("success").asBoolean()).isTrue();
    assertThat(byOther.get("success").asBoolean()).isFalse();
    assertThat(byOther.get("failure_reason").asText())
        .isEqualTo("originating user is not allowed to operate on this API key");
    assertThat(byOther.get("messages"))
        .isEqualTo(
            messages(
                "API key verification failed. You are not allowed to operate on this API key."));
  }

  @Test
  void revoke_twice_firstSucceedsSecondFailsWithoutFailureReason() {
    ObjectNode key = dict(newSessionKey(fx.session(4L), 4, "authenticated", 0));

    ObjectNode first = onKey("apikey-revoke", key, 4, "authenticated");
    ObjectNode second = onKey("apikey-revoke", key, 4, "authenticated");

    assertThat(first.get("success").asBoolean()).isTrue();
    assertThat(first.get("messages")).isEqualTo(messages("API key revocation processed."));
    assertThat(second.get("success").asBoolean()).isFalse();
    assertThat(second.has("failure_reason")).isFalse();
    assertThat(second.get("messages")).isEqualTo(messages("API key revocation processed."));
  }

  @Test
  void verify_afterItsSessionWasDeleted_failsAsInvalidKey() {
    String session = fx.session(4L);
    ObjectNode key = dict(newSessionKey(session, 4, "authenticated", 0));
    advance(1);
    assertThat(verifies("apikey-verify", key, 4)).isTrue();

    fx.call("session-delete", "{'session_token': '" + session + "'}");

    ObjectNode after = onKey("apikey-verify", key, 4, "authenticated");
    assertThat(after.get("failure_reason").asText())
        .isEqualTo("key validation failed, provided key does not match stored key or has expired");
  }

  @Test
  void apikeyNew_wrongRoleAnonymousUnverifiedOrOtherIp_areRefusedAsTheReferenceDoes() {
    String session = fx.session(4L);
    ObjectNode wrongRole = newSessionKey(session, 4, "staff", 0);
    ObjectNode anonymous = newSessionKey(fx.session(null), 2, "anonymous", 0);
    fx.call(
        "user-new",
        "{'full_name': 'Pending User', 'email': 'pending@test.org', 'password': '"
            + U5_PASSWORD
            + "'}");
    ObjectNode unverified = newSessionKey(fx.session(6L), 6, "authenticated", 0);
    ObjectNode otherIpBody =
        json(
            "{'issuer': 'i', 'audience': 'a', 'subject': 's', 'apiversion': 'v1',"
                + " 'expires_days': 1, 'not_valid_before': 0, 'user_id': 4,"
                + " 'user_role': 'authenticated', 'ip_address': '9.9.9.9'}");
    otherIpBody.put("user_agent", UA).put("session_token", session);
    ObjectNode otherIp = fx.call("apikey-new", otherIpBody);

    for (ObjectNode refused : new ObjectNode[] {wrongRole, anonymous, unverified}) {
      assertThat(refused.get("success").asBoolean()).isFalse();
      assertThat(refused.get("failure_reason").asText())
          .isEqualTo("user not allowed to issue API key");
      assertThat(refused.get("messages"))
          .isEqualTo(messages("API key issuance failed. You are not allowed to issue an API key."));
      assertThat(refused.has("apikey")).isFalse();
    }
    assertThat(otherIp.get("success").asBoolean()).isFalse();
    assertThat(otherIp.get("failure_reason").asText())
        .isEqualTo("invalid session for user requesting API key issuance");
    assertThat(otherIp.get("messages"))
        .isEqualTo(
            messages(
                "DB session user_id, ip_address, user_agent, user_role does not match provided"
                    + " session info."));
    assertThat(otherIp.get("apikey").isNull()).isTrue();
    assertThat(otherIp.get("expires").isNull()).isTrue();
  }

  // ---- formats, failures and decisions ---------------------------------------------------

  @Test
  void apikeyNew_success_serialisesTheDictionaryAsTheReference() {
    ObjectNode result = newSessionKey(fx.session(4L), 4, "authenticated", 0.5);
    String token = dict(result).get("tkn").asText();

    assertThat(result.get("apikey").asText())
        .isEqualTo(
            "{\"iss\": \"authnzerver\", \"ver\": 1, \"uid\": 4, \"rol\": \"authenticated\","
                + " \"usa\": \"Mozzarella Killerwhale\", \"aud\": \"svc.example\","
                + " \"sub\": \"/api/things\", \"ipa\": \"1.1.1.1\", \"tkn\": \""
                + token
                + "\", \"iat\": \"2031-05-06T07:08:09.123456\","
                + " \"nbf\": \"2031-05-06T07:08:09.623456\","
                + " \"exp\": \"2031-05-07T07:08:09.123456\"}");
    assertThat(token).matches("^[A-Za-z0-9_-]{43}$");
    assertThat(result.get("expires").asText()).isEqualTo("2031-05-07T07:08:09.123456");
    assertThat(result.get("messages"))
        .isEqualTo(
            messages("API key generated successfully, expires: 2031-05-07T07:08:09.123456."));
  }

  @Test
  void apikeyNew_unknownSession_isInvalidSessionWithNullKey() {
    ObjectNode result = newSessionKey("no-such-session", 4, "authenticated", 0);

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("invalid session for user requesting API key issuance");
    assertThat(result.get("messages"))
        .isEqualTo(messages("Invalid session token for API key issuance request."));
    assertThat(result.get("apikey").isNull()).isTrue();
  }

  @Test
  void newNosession_nonAsciiIssuerAndStringVersion_areEscapedAndKept() {
    ObjectNode body =
        json(
            "{'issuer': 'caf\\u00e9', 'audience': 'a', 'subject': 's', 'apiversion': 'v2',"
                + " 'expires_seconds': 60, 'not_valid_before': 0, 'user_id': 4,"
                + " 'user_role': 'authenticated', 'ip_address': '1.2.3.4',"
                + " 'refresh_expires': 100, 'refresh_nbf': 0}");

    ObjectNode result = fx.call("apikey-new-nosession", body);

    assertThat(result.get("apikey").asText())
        .startsWith("{\"iss\": \"caf\\u00e9\", \"ver\": \"v2\"");
    assertThat(dict(result).has("usa")).isFalse();
    assertThat(dict(result).size()).isEqualTo(11);
  }

  @Test
  void newNosession_anonymousOrUnknownUser_isNotAllowed() {
    ObjectNode anonymous =
        fx.call(
            "apikey-new-nosession",
            "{'issuer': 'i', 'audience': 'a', 'subject': 's', 'apiversion': 1,"
                + " 'expires_seconds': 60, 'not_valid_before': 0, 'user_id': 2,"
                + " 'user_role': 'anonymous', 'ip_address': '1.2.3.4',"
                + " 'refresh_expires': 100, 'refresh_nbf': 0}");
    ObjectNode unknown = newNoSession(99, 60, 0, 100, 0);

    for (ObjectNode refused : new ObjectNode[] {anonymous, unknown}) {
      assertThat(refused.get("failure_reason").asText())
          .isEqualTo("originating user is not allowed to issue an API key");
      assertThat(refused.get("messages"))
          .isEqualTo(messages("API key issuance failed. You are not allowed to issue an API key."));
    }
  }

  @Test
  void verify_claimsMissingAud_isHttp400() {
    ObjectNode key = dict(newSessionKey(fx.session(4L), 4, "authenticated", 0));
    key.remove("aud");
    ObjectNode body = MAPPER.createObjectNode();
    body.set("apikey_dict", key);
    body.put("user_id", 4).put("user_role", "authenticated");

    DispatchResult result = fx.dispatcher.dispatch("apikey-verify", body, TextNode.valueOf("r"));

    assertThat(result).isInstanceOf(DispatchResult.BadRequest.class);
  }

  @Test
  void revoke_uidNotAnInteger_isHttp400() {
    ObjectNode key = dict(newSessionKey(fx.session(4L), 4, "authenticated", 0));
    key.put("uid", "four");
    ObjectNode body = MAPPER.createObjectNode();
    body.set("apikey_dict", key);
    body.put("user_id", 4).put("user_role", "authenticated");

    DispatchResult result = fx.dispatcher.dispatch("apikey-revoke", body, TextNode.valueOf("r"));

    assertThat(result).isInstanceOf(DispatchResult.BadRequest.class);
  }

  @Test
  void verify_byStaffOnAnotherUsersKey_isNotAllowed() {
    fx.store.updateUser(5, Fixture.START, u -> u.withUserRole("staff"));
    ObjectNode key = dict(newSessionKey(fx.session(4L), 4, "authenticated", 0));
    advance(1);

    ObjectNode byStaff = onKey("apikey-verify", key, 5, "staff");

    assertThat(byStaff.get("failure_reason").asText())
        .isEqualTo("originating user is not allowed to operate on this API key");
  }

  @Test
  void verifyNosession_ownerLocked_isNotAllowedAndVerifiesAgainAfterUnlock() {
    ObjectNode key = dict(newNoSession(4, 600, 0, 1000, 0));
    advance(1);

    fx.store.updateUser(4, Fixture.START, u -> u.withActive(false).withUserRole("locked"));
    ObjectNode whileLocked = onKey("apikey-verify-nosession", key, 4, "authenticated");
    fx.store.updateUser(4, Fixture.START, u -> u.withActive(true).withUserRole("authenticated"));

    assertThat(whileLocked.get("failure_reason").asText())
        .isEqualTo("originating user is not allowed to operate on this API key");
    assertThat(verifies("apikey-verify-nosession", key, 4)).isTrue();
  }

  @Test
  void verify_tamperedRole_isInvalidKey() {
    fx.store.updateUser(4, Fixture.START, u -> u.withUserRole("authenticated"));
    ObjectNode key = dict(newSessionKey(fx.session(4L), 4, "authenticated", 0));
    advance(1);
    key.put("rol", "superuser");

    ObjectNode result = onKey("apikey-verify", key, 4, "authenticated");

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("key validation failed, provided key does not match stored key or has expired");
  }

  @Test
  void newNosession_zeroLifetime_isIssuedButNeverVerifies() {
    ObjectNode result = newNoSession(4, 0, -5, 100, 0);
    advance(0.001);

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(verifies("apikey-verify-nosession", dict(result), 4)).isFalse();
  }

  @Test
  void newNosession_storesRefreshTokenOnlyAsArgon2idHash() {
    ObjectNode result = newNoSession(4, 60, 0, 100, 0);
    String tkn = dict(result).get("tkn").asText();

    StoredNoSessionKey row = fx.store.findNoSessionKey(ApiKeyToken.of(tkn)).orElseThrow();

    assertThat(row.refreshTokenHash().reveal()).startsWith("$argon2id$v=19$");
    assertThat(row.refreshTokenHash().reveal())
        .doesNotContain(result.get("refresh_token").asText());
    assertThat(row.refreshIssued()).isEqualTo(row.issued());
  }

  @Test
  void refreshNosession_byAnotherOrdinaryUser_isRefusedAndOldKeySurvives() {
    ObjectNode issued = newNoSession(4, 60, 0, 100, 0);
    ObjectNode key = dict(issued);
    advance(1);

    ObjectNode byOther = refresh(key, issued.get("refresh_token").asText(), 5, "authenticated");

    assertThat(byOther.get("failure_reason").asText())
        .isEqualTo("user from provided API key not allowed to revoke old key");
    assertThat(byOther.get("messages"))
        .isEqualTo(
            messages(
                "API key refresh failed. The API key presented does not have a valid refresh"
                    + " token.You may need to login again to generate a new API key."));
    assertThat(verifies("apikey-verify-nosession", key, 4)).isTrue();
  }

  // Decision (docs/compatibility.md): the refreshed key keeps its owner.
  @Test
  void refreshNosession_bySuperuserOnAnotherUsersKey_newKeyStillBelongsToTheOwner() {
    ObjectNode issued = newNoSession(4, 60, 0, 100, 0);
    advance(1);

    ObjectNode refreshed =
        refresh(dict(issued), issued.get("refresh_token").asText(), 1, "superuser");
    advance(1);

    assertThat(refreshed.get("success").asBoolean()).isTrue();
    assertThat(dict(refreshed).get("uid").asLong()).isEqualTo(4);
    assertThat(dict(refreshed).get("rol").asText()).isEqualTo("authenticated");
    assertThat(verifies("apikey-verify-nosession", dict(refreshed), 4)).isTrue();
    assertThat(verifies("apikey-verify-nosession", dict(issued), 4)).isFalse();
  }

  // Decision (docs/compatibility.md): revoke-all removes the owner's keys of every role.
  @Test
  void revokeallNosession_keysUnderAnotherRole_areRemovedToo() {
    fx.store.updateUser(4, Fixture.START, u -> u.withUserRole("staff"));
    ObjectNode staffKey =
        fx.call(
            "apikey-new-nosession",
            "{'issuer': 'i', 'audience': 'a', 'subject': 's', 'apiversion': 1,"
                + " 'expires_seconds': 60, 'not_valid_before': 0, 'user_id': 4,"
                + " 'user_role': 'staff', 'ip_address': '1.2.3.4',"
                + " 'refresh_expires': 100, 'refresh_nbf': 0}");
    fx.store.updateUser(4, Fixture.START, u -> u.withUserRole("authenticated"));
    ObjectNode key = dict(newNoSession(4, 60, 0, 100, 0));
    advance(1);

    ObjectNode result = onKey("apikey-revokeall-nosession", key, 4, "authenticated");

    assertThat(result.get("revoked_keys").asInt()).isEqualTo(2);
    assertThat(fx.store.findNoSessionKey(ApiKeyToken.of(dict(staffKey).get("tkn").asText())))
        .isEmpty();
  }

  @Test
  void deleteUser_removesBothKindsOfKeys() {
    ObjectNode sessionKey = dict(newSessionKey(fx.session(4L), 4, "authenticated", 0));
    ObjectNode noSessionKey = dict(newNoSession(4, 60, 0, 100, 0));

    fx.store.deleteUser(4);

    assertThat(fx.store.findApiKey(ApiKeyToken.of(sessionKey.get("tkn").asText()))).isEmpty();
    assertThat(fx.store.findNoSessionKey(ApiKeyToken.of(noSessionKey.get("tkn").asText())))
        .isEmpty();
  }

  @Test
  void userLogin_consumesTheSessionAndItsKeys() {
    String session = fx.session(4L);
    ObjectNode key = dict(newSessionKey(session, 4, "authenticated", 0));
    advance(1);

    fx.call(
        "user-login",
        "{'session_token': '"
            + session
            + "', 'email': '"
            + Fixture.U4_EMAIL
            + "', 'password': '"
            + Fixture.U4_PASSWORD
            + "'}");

    assertThat(fx.store.findSession(SessionToken.of(session))).isEmpty();
    assertThat(verifies("apikey-verify", key, 4)).isFalse();
  }

  @Test
  void typedApi_issueAndVerify_returnsExpiryAndRedactsTheKey() {
    Outcome<IssuedApiKey> issued =
        fx.service
            .apiKeys()
            .createWithoutSession(
                new NewNoSessionKeyRequest(
                    "iss",
                    "aud",
                    "sub",
                    TextNode.valueOf("v1"),
                    Duration.ofMinutes(15),
                    Duration.ofSeconds(-1),
                    4,
                    "authenticated",
                    "1.2.3.4",
                    Duration.ofHours(24),
                    Duration.ZERO));
    IssuedApiKey key = ((Outcome.Success<IssuedApiKey>) issued).value();
    advance(1);

    Outcome<java.time.Instant> verified =
        fx.service
            .apiKeys()
            .verifyWithoutSession(
                new ApiKeyRequest(
                    ApiKeyClaims.of(4, "authenticated", key.token()), 4, "authenticated"));

    assertThat(verified)
        .isEqualTo(
            Outcome.success(
                Fixture.START.plus(Duration.ofMinutes(15)),
                "No-session API key verified successfully. Expires: "
                    + WireTime.format(Fixture.START.plus(Duration.ofMinutes(15)))
                    + "."));
    assertThat(key.toString()).doesNotContain(key.token().reveal());
    assertThat(key.refreshToken()).isPresent();
  }
}
