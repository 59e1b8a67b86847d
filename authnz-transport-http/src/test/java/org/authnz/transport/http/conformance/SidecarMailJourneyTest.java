package org.authnz.transport.http.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.authnz.MailSettings;
import org.authnz.internal.mail.StartTlsFront;
import org.authnz.internal.mail.TestSmtp;
import org.authnz.transport.http.protocol.EmailVerificationTokens;
import org.authnz.transport.http.protocol.EmailVerificationTokens.Item;
import org.authnz.transport.http.protocol.Fernet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frontend's e-mail journeys against a real sidecar on loopback, with a real SMTP server
 * (GreenMail behind a STARTTLS front) receiving the mails: sign-up, e-mail, verification, login;
 * and forgot-password, e-mail, reset, login. The frontend's verification tokens are made and
 * checked with {@link EmailVerificationTokens} under the frontend's own key.
 */
class SidecarMailJourneyTest {
  private static final String CLIENT_IP = "10.9.8.7";
  private static final String USER_AGENT = "Journey_Browser/2.0";
  private static final String PASSWORD = "vQ7#kLm2$Rt9!pXw-mail";
  private static final String NEW_PASSWORD = "Zr4!nBq8@Lt6#Wy-reset";
  private static final String FRONTEND_KEY = Fernet.generateKey();
  private static final AtomicLong REQIDS = new AtomicLong(500);

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(TestSmtp.plain()).withPerMethodLifecycle(false);

  @TempDir static Path dir;
  private static StartTlsFront smtp;
  private static Sidecar sidecar;
  private static WireClient client;

  @BeforeAll
  static void start() {
    smtp = StartTlsFront.start(greenMail.getSmtp().getPort());
    sidecar =
        Sidecar.start(
            dir,
            b ->
                b.mail(
                    MailSettings.builder()
                        .server("localhost")
                        .port(smtp.port())
                        .sender("Journey Server <noreply-journey@test.org>")
                        .build()));
    client = sidecar.client();
  }

  @AfterAll
  static void stop() {
    if (sidecar != null) {
      sidecar.close();
    }
    if (smtp != null) {
      smtp.close();
    }
  }

  @BeforeEach
  void purge() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  /** Sends an action through the sidecar and returns the decrypted {@code response}. */
  private static JsonNode call(String action, ObjectNode body) throws Exception {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("request", action);
    envelope.set("body", body);
    envelope.put("reqid", REQIDS.getAndIncrement());
    envelope.put("client_ipaddr", CLIENT_IP);
    Observed observed =
        client.send(
            new WireClient.Request(
                "POST", "/", Map.of(), client.body(envelope), envelope.get("reqid")));
    assertThat(observed.status()).as("HTTP status of %s", action).isEqualTo(200);
    return observed.envelope().get("response");
  }

  private static ObjectNode body(String json) {
    return (ObjectNode) JsonValues.parse(json);
  }

  private static String anonymousSession() throws Exception {
    JsonNode result =
        call(
            "session-new",
            body(
                "{\"ip_address\": \""
                    + CLIENT_IP
                    + "\", \"user_agent\": \""
                    + USER_AGENT
                    + "\", \"user_id\": null, \"expires\": \"2099-01-02T03:04:05.600000\","
                    + " \"extra_info_json\": null}"));
    assertThat(result.get("success").asBoolean()).isTrue();
    return result.get("session_token").textValue();
  }

  private static boolean login(String email, String password) throws Exception {
    ObjectNode request = body("{}");
    request.put("session_token", anonymousSession());
    request.put("email", email);
    request.put("password", password);
    return call("user-login", request).get("success").asBoolean();
  }

  private static MimeMessage onlyMessage() {
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  private static String extractCode(MimeMessage message, String after) {
    String text = GreenMailUtil.getBody(message);
    int start = text.indexOf("enter this code:") + "enter this code:".length();
    return text.substring(start, text.indexOf(after)).replaceAll("\\s+", "");
  }

  private static boolean verifies(String code, String session, String email) {
    return EmailVerificationTokens.verify(
        code,
        CLIENT_IP,
        USER_AGENT,
        session,
        email,
        FRONTEND_KEY,
        EnumSet.allOf(Item.class),
        EmailVerificationTokens.DEFAULT_TTL,
        Clock.systemUTC());
  }

  @Test
  void signup_verificationMailThenVerifyThenLogin_succeeds() throws Exception {
    String email = "mail-journey-signup@test.org";
    String session = anonymousSession();
    ObjectNode signup = body("{\"full_name\": \"Mail Journey\"}");
    signup.put("email", email).put("password", PASSWORD);
    JsonNode created = call("user-new", signup);
    assertThat(created.get("success").asBoolean()).isTrue();
    assertThat(login(email, PASSWORD)).as("login before verification").isFalse();

    String token =
        EmailVerificationTokens.generate(
            CLIENT_IP, USER_AGENT, email, session, FRONTEND_KEY, Clock.systemUTC());
    ObjectNode send =
        body(
            "{\"server_name\": \"Journey\", \"server_baseurl\": \"https://journey.test\","
                + " \"account_verify_url\": \"/users/verify\", \"verification_expiry\": 900}");
    send.put("email_address", email).put("session_token", session);
    send.set("created_info", created);
    send.put("verification_token", token);
    JsonNode sent = call("user-sendemail-signup", send);

    assertThat(sent.get("success").asBoolean()).as("send: %s", sent).isTrue();
    assertThat(sent.get("email_address").textValue()).isEqualTo(email);
    assertThat(sent.get("emailverify_sent_datetime").isTextual()).isTrue();
    MimeMessage message = onlyMessage();
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
    assertThat(message.getSubject())
        .isEqualTo("[Journey] Please verify your account sign up request");
    assertThat(GreenMailUtil.getBody(message))
        .contains("https://journey.test/users/verify")
        .contains("Journey.Browser/2.0");
    String code = extractCode(message, "into the account verification");
    assertThat(code).isEqualTo(token);
    assertThat(verifies(code, session, email)).isTrue();

    JsonNode verified = call("user-set-emailverified", body("{\"email\": \"" + email + "\"}"));
    assertThat(verified.get("is_active").asBoolean()).isTrue();
    assertThat(login(email, PASSWORD)).as("login after verification").isTrue();
  }

  @Test
  void forgotPassword_mailThenResetThenLogin_succeeds() throws Exception {
    String email = "mail-journey-forgot@test.org";
    ObjectNode signup = body("{\"full_name\": \"Forgetful Journey\"}");
    signup.put("email", email).put("password", PASSWORD);
    assertThat(call("user-new", signup).get("success").asBoolean()).isTrue();
    call("user-set-emailverified", body("{\"email\": \"" + email + "\"}"));

    String session = anonymousSession();
    String token =
        EmailVerificationTokens.generate(
            CLIENT_IP, USER_AGENT, email, session, FRONTEND_KEY, Clock.systemUTC());
    ObjectNode send =
        body(
            "{\"server_name\": \"Journey\", \"server_baseurl\": \"https://journey.test\","
                + " \"password_forgot_url\": \"/password/reset\", \"verification_expiry\": 900}");
    send.put("email_address", email).put("session_token", session);
    send.put("verification_token", token);
    JsonNode sent = call("user-sendemail-forgotpass", send);

    assertThat(sent.get("success").asBoolean()).as("send: %s", sent).isTrue();
    assertThat(sent.get("messages").get(0).textValue())
        .isEqualTo("Password reset request sent successfully to ['" + email + "']");
    MimeMessage message = onlyMessage();
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
    assertThat(message.getSubject())
        .isEqualTo("[Journey] Please verify your password reset request");
    assertThat(GreenMailUtil.getBody(message)).contains("https://journey.test/password/reset");
    String code = extractCode(message, "into the password reset");
    assertThat(verifies(code, session, email)).isTrue();

    ObjectNode reset = body("{}");
    reset.put("email_address", email).put("new_password", NEW_PASSWORD);
    reset.put("session_token", session);
    JsonNode done = call("user-resetpass", reset);

    assertThat(done.get("success").asBoolean()).as("reset: %s", done).isTrue();
    assertThat(login(email, NEW_PASSWORD)).as("login with the new password").isTrue();
    assertThat(login(email, PASSWORD)).as("login with the old password").isFalse();
  }
}
