package org.authnz.transport.http.security;

import static org.authnz.transport.http.security.SoakClient.body;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.authnz.transport.http.protocol.WireCodec;
import org.authnz.transport.http.security.SoakClient.Expect;
import org.jspecify.annotations.Nullable;

/**
 * The soak test's requests: a write-heavy journey through a new account's life, and a read mix on
 * resident accounts, each request with the answer it must get.
 *
 * <p>A journey signs up, verifies the e-mail, logs in, checks sessions, passwords and access,
 * issues, verifies, refreshes and revokes API keys, edits, lists and looks up the user, changes the
 * password, is locked by the superuser (a login then fails) and unlocked, logs out, and deletes the
 * account (by the user's {@code user-delete} or the frontend's {@code internal-user-delete}, in
 * turn), so the database stays the same size however long the soak runs. It runs about nine
 * Argon2id computations. The read mix has none.
 *
 * <p>Each journey and each read lane runs on one thread; a {@link Pacer} spaces its requests.
 */
final class SoakMix {

  static final String CLIENT_IP = "10.20.30.40";

  private static final String AGENT = "soak-test/1";
  private static final String EXPIRES = "2099-01-01T00:00:00.000000";
  private static final String PASSWORD = "vQ7#kLm2$Rt9!pXw";
  private static final String NEW_PASSWORD = "Tn6!yH4#bS9$vL1c";
  private static final String NO_MATCH = "user does not exist or password doesn't match";
  private static final String NO_SESSION = "session does not exist or expired";
  private static final String INVALID_KEY =
      "key validation failed, provided key does not match stored key or has expired";
  private static final ObjectMapper JSON = WireCodec.json();

  /** Spaces one thread's requests: called before each request, it waits for the next slot. */
  interface Pacer {
    void await() throws InterruptedException;
  }

  /** An account the read mix works on, with a live session and two API keys. */
  record Resident(long userId, String email, String session, JsonNode key, JsonNode noSessionKey) {}

  private final SoakClient client;
  private final String adminSession;

  private SoakMix(SoakClient client, String adminSession) {
    this.client = client;
    this.adminSession = adminSession;
  }

  /** Logs the superuser in, for the journeys' locks and unlocks. */
  static SoakMix prepare(SoakClient client, String adminEmail, String adminPassword) {
    String anonymous = anonymousSession(client, "admin: anonymous session");
    client.call(
        "admin: login",
        "user-login",
        body("session_token", anonymous, "email", adminEmail, "password", adminPassword),
        Expect.ok().with("/user_id", 1));
    String session = session(client, "admin: session", 1L);
    return new SoakMix(client, session);
  }

  /** Signs up {@code count} verified residents for one read lane. */
  List<Resident> residents(String lane, int count) {
    List<Resident> residents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String email = "resident-" + lane + "-" + i + "@example.org";
      long userId = signUpAndVerify("resident", email);
      String session = session(client, "resident: session", userId);
      JsonNode key = issueKey("resident: apikey-new", userId, session);
      JsonNode noSessionKey =
          parseKey(issueNoSessionKey("resident: apikey-new-nosession", userId).get("apikey"));
      residents.add(new Resident(userId, email, session, key, noSessionKey));
    }
    return residents;
  }

  /**
   * One read request on {@code resident}, the {@code n}-th of its lane, and its expected answer.
   */
  void read(Resident resident, long n) {
    long userId = resident.userId();
    switch ((int) (n % 12)) {
      case 0 ->
          client.call(
              "read: session-exists",
              "session-exists",
              body("session_token", resident.session()),
              Expect.ok().with("/session_info/user_id", userId));
      case 1 ->
          client.call(
              "read: session-exists unknown",
              "session-exists",
              body("session_token", "soak-unknown-" + n),
              Expect.denied(NO_SESSION));
      case 2 ->
          client.call(
              "read: check-access allowed",
              "user-check-access",
              access(userId, "view", 1, "public"),
              Expect.ok());
      case 3 ->
          client.call(
              "read: check-access denied",
              "user-check-access",
              access(userId, "delete", 1, "public"),
              Expect.denied("action not permitted"));
      case 4 ->
          client.call(
              "read: check-limit",
              "user-check-limit",
              body(
                  "user_id",
                  userId,
                  "user_role",
                  "authenticated",
                  "limit_name",
                  "max_requests",
                  "value_to_check",
                  10),
              Expect.ok());
      case 5 ->
          client.call(
              "read: apikey-verify", "apikey-verify", onKey(resident.key(), userId), Expect.ok());
      case 6 ->
          client.call(
              "read: apikey-verify-nosession",
              "apikey-verify-nosession",
              onKey(resident.noSessionKey(), userId),
              Expect.ok());
      case 7 ->
          client.call(
              "read: user-lookup-email",
              "user-lookup-email",
              body("email", resident.email()),
              Expect.ok().with("/user_info/user_id", userId));
      case 8 ->
          client.call(
              "read: user-list",
              "user-list",
              body("user_id", userId),
              Expect.ok().with("/user_info/0/email", resident.email()));
      case 9 ->
          client.call(
              "read: user-lookup-match",
              "user-lookup-match",
              body("by", "email", "match", resident.email()),
              Expect.ok().with("/user_info/0/user_id", userId));
      case 10 ->
          client.call(
              "read: user-validatepass",
              "user-validatepass",
              body("password", PASSWORD, "email", resident.email(), "full_name", "Resident Reader"),
              Expect.ok());
      default ->
          client.call(
              "read: internal-session-edit",
              "internal-session-edit",
              body("target_session_token", resident.session(), "update_dict", body("n", n)),
              Expect.ok().with("/session_info/extra_info_json/n", n));
    }
  }

  /** One new account's life, from sign-up to deletion, each request after {@code pacer}. */
  void journey(long n, Pacer pacer) throws InterruptedException {
    String email = "soak-" + n + "@example.org";

    pacer.await();
    String anonymous = anonymousSession(client, "journey: anonymous session");
    pacer.await();
    long userId =
        client
            .call(
                "journey: sign up",
                "user-new",
                body("full_name", "Soak Person", "email", email, "password", PASSWORD),
                Expect.ok().with("/user_email", email).with("/send_verification", true))
            .path("user_id")
            .asLong();
    pacer.await();
    client.call(
        "journey: e-mail sent",
        "user-set-emailsent",
        body("email", email, "email_type", "signup"),
        Expect.ok().with("/user_id", userId));
    pacer.await();
    client.call(
        "journey: verify e-mail",
        "user-set-emailverified",
        body("email", email),
        Expect.ok().with("/user_id", userId).with("/user_role", "authenticated"));
    pacer.await();
    client.call(
        "journey: lookup",
        "user-lookup-email",
        body("email", email),
        Expect.ok().with("/user_info/user_id", userId).with("/user_info/is_active", true));
    pacer.await();
    login("journey: login", anonymous, email, PASSWORD, userId);
    pacer.await();
    client.call(
        "journey: login consumed the session",
        "session-exists",
        body("session_token", anonymous),
        Expect.denied(NO_SESSION));
    pacer.await();
    String session = session(client, "journey: session", userId);
    pacer.await();
    client.call(
        "journey: session-exists",
        "session-exists",
        body("session_token", session),
        Expect.ok().with("/session_info/user_id", userId).with("/session_info/email", email));

    pacer.await();
    client.call(
        "journey: passcheck",
        "user-passcheck",
        body("session_token", session, "password", PASSWORD),
        Expect.ok().with("/user_id", userId));
    pacer.await();
    client.call(
        "journey: passcheck wrong",
        "user-passcheck",
        body("session_token", session, "password", "wrong-" + PASSWORD),
        Expect.denied(NO_MATCH));
    pacer.await();
    client.call(
        "journey: access to own private dataset",
        "user-check-access",
        access(userId, "edit", userId, "private").put("target_name", "dataset"),
        Expect.ok());
    pacer.await();
    client.call(
        "journey: no access to delete user 1's object",
        "user-check-access",
        access(userId, "delete", 1, "public"),
        Expect.denied("action not permitted"));

    pacer.await();
    JsonNode key = issueKey("journey: apikey-new", userId, session);
    pacer.await();
    client.call("journey: apikey-verify", "apikey-verify", onKey(key, userId), Expect.ok());
    pacer.await();
    JsonNode issued = issueNoSessionKey("journey: apikey-new-nosession", userId);
    JsonNode noSessionKey = parseKey(issued.get("apikey"));
    pacer.await();
    client.call(
        "journey: apikey-verify-nosession",
        "apikey-verify-nosession",
        onKey(noSessionKey, userId),
        Expect.ok());
    pacer.await();
    JsonNode refreshed =
        client.call(
            "journey: apikey-refresh-nosession",
            "apikey-refresh-nosession",
            onKey(noSessionKey, userId)
                .put("refresh_token", issued.path("refresh_token").asText())
                .put("ip_address", CLIENT_IP)
                .put("expires_seconds", 3600)
                .put("not_valid_before", -1)
                .put("refresh_expires", 86400)
                .put("refresh_nbf", -1),
            Expect.ok());
    JsonNode refreshedKey = parseKey(refreshed.get("apikey"));
    pacer.await();
    client.call(
        "journey: the refreshed-away key fails",
        "apikey-verify-nosession",
        onKey(noSessionKey, userId),
        Expect.denied(INVALID_KEY));
    pacer.await();
    client.call(
        "journey: apikey-revoke-nosession",
        "apikey-revoke-nosession",
        onKey(refreshedKey, userId),
        Expect.ok());
    pacer.await();
    client.call("journey: apikey-revoke", "apikey-revoke", onKey(key, userId), Expect.ok());
    pacer.await();
    client.call(
        "journey: the revoked key fails",
        "apikey-verify",
        onKey(key, userId),
        Expect.denied(INVALID_KEY));

    pacer.await();
    client.call(
        "journey: user-edit own name",
        "user-edit",
        body(
                "user_id",
                userId,
                "user_role",
                "authenticated",
                "session_token",
                session,
                "target_userid",
                userId)
            .set("update_dict", body("full_name", "Soak Person " + n)),
        Expect.ok().with("/user_info/full_name", "Soak Person " + n));
    pacer.await();
    client.call(
        "journey: user-list",
        "user-list",
        body("user_id", userId),
        Expect.ok().with("/user_info/0/email", email));
    pacer.await();
    client.call(
        "journey: user-lookup-match",
        "user-lookup-match",
        body("by", "email", "match", email),
        Expect.ok().with("/user_info/0/user_id", userId));

    pacer.await();
    client.call(
        "journey: change password",
        "user-changepass",
        body(
            "user_id",
            userId,
            "session_token",
            session,
            "full_name",
            "Soak Person " + n,
            "email",
            email,
            "current_password",
            PASSWORD,
            "new_password",
            NEW_PASSWORD),
        Expect.ok().with("/user_id", userId));
    pacer.await();
    client.call(
        "journey: the session survives the change",
        "session-exists",
        body("session_token", session),
        Expect.ok().with("/session_info/user_id", userId));
    pacer.await();
    client.call(
        "journey: passcheck-nosession, new password",
        "user-passcheck-nosession",
        body("email", email, "password", NEW_PASSWORD),
        Expect.ok().with("/user_id", userId));

    pacer.await();
    lock("journey: lock", userId, "lock", "locked");
    pacer.await();
    client.call(
        "journey: locking ended the session",
        "session-exists",
        body("session_token", session),
        Expect.denied(NO_SESSION));
    pacer.await();
    String lockedOut = anonymousSession(client, "journey: anonymous session, locked");
    pacer.await();
    client.call(
        "journey: a locked user cannot log in", // answered after the 1 s failed-login delay
        "user-login",
        body("session_token", lockedOut, "email", email, "password", NEW_PASSWORD),
        Expect.denied(NO_MATCH));
    pacer.await();
    lock("journey: unlock", userId, "unlock", "authenticated");
    pacer.await();
    String again = anonymousSession(client, "journey: anonymous session, unlocked");
    pacer.await();
    login("journey: login after unlock", again, email, NEW_PASSWORD, userId);

    pacer.await();
    String second = session(client, "journey: second session", userId);
    pacer.await();
    client.call(
        "journey: logout",
        "user-logout",
        body("session_token", second, "user_id", userId),
        Expect.ok().with("/user_id", userId));
    pacer.await();
    client.call(
        "journey: logged out",
        "session-exists",
        body("session_token", second),
        Expect.denied(NO_SESSION));
    pacer.await();
    String third = session(client, "journey: third session", userId);
    pacer.await();
    client.call(
        "journey: session-delete", "session-delete", body("session_token", third), Expect.ok());
    pacer.await();
    String fourth = session(client, "journey: fourth session", userId);
    pacer.await();
    session(client, "journey: fifth session", userId);
    pacer.await();
    client.call(
        "journey: delete the other sessions",
        "session-delete-userid",
        body("session_token", fourth, "user_id", userId, "keep_current_session", true),
        Expect.ok());
    pacer.await();
    client.call(
        "journey: the kept session",
        "session-exists",
        body("session_token", fourth),
        Expect.ok().with("/session_info/user_id", userId));

    pacer.await();
    if (n % 2 == 0) {
      client.call(
          "journey: user-delete",
          "user-delete",
          body("email", email, "user_id", userId, "password", NEW_PASSWORD),
          Expect.ok().with("/user_id", userId));
    } else {
      client.call(
          "journey: internal-user-delete",
          "internal-user-delete",
          body("target_userid", userId),
          Expect.ok().with("/user_id", userId));
    }
    pacer.await();
    client.call(
        "journey: deleted",
        "user-lookup-email",
        body("email", email),
        Expect.denied("user email not found in DB"));
    pacer.await();
    client.call(
        "journey: the deleted user's session is gone",
        "session-exists",
        body("session_token", fourth),
        Expect.denied(NO_SESSION));
  }

  private long signUpAndVerify(String step, String email) {
    long userId =
        client
            .call(
                step + ": sign up",
                "user-new",
                body("full_name", "Resident Reader", "email", email, "password", PASSWORD),
                Expect.ok())
            .path("user_id")
            .asLong();
    client.call(
        step + ": verify e-mail",
        "user-set-emailverified",
        body("email", email),
        Expect.ok().with("/user_id", userId));
    return userId;
  }

  private void login(String step, String anonymous, String email, String password, long userId) {
    client.call(
        step,
        "user-login",
        body("session_token", anonymous, "email", email, "password", password),
        Expect.ok().with("/user_id", userId).with("/user_role", "authenticated"));
  }

  private void lock(String step, long userId, String action, String role) {
    client.call(
        step,
        "user-lock",
        body(
            "user_id",
            1,
            "user_role",
            "superuser",
            "session_token",
            adminSession,
            "target_userid",
            userId,
            "action",
            action),
        Expect.ok().with("/user_info/user_role", role));
  }

  private JsonNode issueKey(String step, long userId, String session) {
    JsonNode issued =
        client.call(
            step,
            "apikey-new",
            body(
                "issuer",
                "authnzerver",
                "audience",
                "soak.test",
                "subject",
                "/api/things",
                "apiversion",
                1,
                "expires_days",
                1,
                "not_valid_before",
                -1,
                "user_id",
                userId,
                "user_role",
                "authenticated",
                "ip_address",
                CLIENT_IP,
                "user_agent",
                AGENT,
                "session_token",
                session),
            Expect.ok());
    return parseKey(issued.get("apikey"));
  }

  private JsonNode issueNoSessionKey(String step, long userId) {
    return client.call(
        step,
        "apikey-new-nosession",
        body(
            "issuer",
            "authnzerver",
            "audience",
            "soak.test",
            "subject",
            "/api/things",
            "apiversion",
            1,
            "expires_seconds",
            86400,
            "not_valid_before",
            -1,
            "user_id",
            userId,
            "user_role",
            "authenticated",
            "ip_address",
            CLIENT_IP,
            "refresh_expires",
            86400,
            "refresh_nbf",
            -1),
        Expect.ok());
  }

  private static String anonymousSession(SoakClient client, String step) {
    return session(client, step, null);
  }

  private static String session(SoakClient client, String step, @Nullable Long userId) {
    return client
        .call(
            step,
            "session-new",
            body(
                "ip_address",
                CLIENT_IP,
                "user_agent",
                AGENT,
                "user_id",
                userId,
                "expires",
                EXPIRES,
                "extra_info_json",
                null),
            Expect.ok())
        .path("session_token")
        .asText();
  }

  private static ObjectNode access(long userId, String action, long owner, String visibility) {
    return body(
        "user_id",
        userId,
        "user_role",
        "authenticated",
        "action",
        action,
        "target_name",
        "object",
        "target_owner",
        owner,
        "target_visibility",
        visibility,
        "target_sharedwith",
        "");
  }

  private static ObjectNode onKey(JsonNode key, long userId) {
    return body("apikey_dict", key, "user_id", userId, "user_role", "authenticated");
  }

  /** The key dictionary, which the wire carries as a JSON string. */
  private JsonNode parseKey(JsonNode text) {
    try {
      return JSON.readTree(text.asText());
    } catch (JsonProcessingException e) {
      throw client.fail("API key", "apikey", "the key is not JSON");
    }
  }
}
