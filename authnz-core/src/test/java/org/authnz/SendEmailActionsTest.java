package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.U4_EMAIL;
import static org.authnz.Fixture.json;
import static org.authnz.Fixture.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.authnz.internal.mail.StartTlsFront;
import org.authnz.internal.mail.TestSmtp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden cases G110-G113 ({@code spec/golden-cases.md} section 12): the e-mail sending actions,
 * delivering to a real SMTP server (GreenMail) behind a STARTTLS front ({@code SMTP_TLS}) or
 * directly without STARTTLS ({@code SMTP_PLAIN}).
 */
class SendEmailActionsTest {
  static final String SENDER = "Authnzerver <authnzerver@test.org>";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(TestSmtp.plain()).withPerMethodLifecycle(false);

  static StartTlsFront smtpTls;

  @TempDir Path tempDir;
  Fixture fx;
  String token;

  @BeforeAll
  static void startFront() {
    smtpTls = StartTlsFront.start(greenMail.getSmtp().getPort());
  }

  @AfterAll
  static void stopFront() {
    smtpTls.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
    fx =
        new Fixture(
            tempDir,
            b ->
                b.mail(
                    MailSettings.builder()
                        .server("localhost")
                        .port(smtpTls.port())
                        .sender(SENDER)
                        .build()));
    byte[] raw = new byte[120];
    new SecureRandom().nextBytes(raw);
    token = Base64.getEncoder().encodeToString(raw); // 160 characters, like a real one
  }

  private ObjectNode signupBody(ObjectNode created, String session) {
    ObjectNode body =
        json(
            "{'email_address': 'testuser@test.org', 'server_name': 'Authnzerver',"
                + " 'server_baseurl': 'https://localhost/auth',"
                + " 'account_verify_url': '/users/verify', 'verification_expiry': 900,"
                + " 'emailuser': null, 'emailpass': null, 'emailserver': 'localhost',"
                + " 'emailsender': 'Authnzerver <authnzerver@test.org>'}");
    body.put("session_token", session);
    body.set("created_info", created);
    body.put("verification_token", token);
    body.put("emailport", smtpTls.port());
    return body;
  }

  private ObjectNode forgotBody(String session) {
    ObjectNode body =
        json(
            "{'email_address': 'testuser@test.org', 'server_name': 'Authnzerver',"
                + " 'server_baseurl': 'https://localhost/auth',"
                + " 'password_forgot_url': '/password/reset-step1', 'verification_expiry': 900}");
    body.put("session_token", session);
    body.put("verification_token", token);
    return body;
  }

  /** The code between the reference's anchor phrases, with the line breaks removed. */
  private static String extractCode(String text, String after) {
    int start = text.indexOf("enter this code:") + "enter this code:".length();
    int end = text.indexOf(after);
    return text.substring(start, end).replaceAll("\\s+", "");
  }

  private static MimeMessage onlyMessage() {
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }

  // G110
  @Test
  void userSendemailSignup_pendingUserAndStartTlsServer_sendsTheCode() throws Exception {
    ObjectNode created = fx.pendingUser4();
    String session = fx.session(null, "Foo_Bar Browser");

    ObjectNode result = fx.call("user-sendemail-signup", signupBody(created, session));

    assertThat(result)
        .isEqualTo(
            json("{'success': true, 'user_id': 4, 'email_address': 'testuser@test.org',"
                    + " 'emailverify_sent_datetime': '"
                    + WireTime.format(fx.clock.instant())
                    + "'}")
                .set("messages", messages("Verify email sent successfully.")));
    assertThat(fx.user(4).emailVerifySentAt()).isEqualTo(fx.clock.instant());

    MimeMessage message = onlyMessage();
    assertThat(message.getSubject())
        .isEqualTo("[Authnzerver] Please verify your account sign up request");
    assertThat(message.getHeader("From", null)).isEqualTo(SENDER);
    assertThat(message.getHeader("To", null)).isEqualTo(U4_EMAIL);
    assertThat(message.getHeader("Sender", null)).isEqualTo("authnzerver@test.org");
    assertThat(message.getContentType()).startsWith("text/plain").contains("us-ascii");
    String body = GreenMailUtil.getBody(message).replace("\r\n", "\n");
    assertThat(body)
        .contains(token.substring(0, 70) + "\n" + token.substring(70, 140) + "\n")
        .contains("Foo.Bar Browser")
        .contains("1.1.1.1")
        .contains("https://localhost/auth/users/verify")
        .contains(U4_EMAIL)
        .contains(WireTime.format(fx.clock.instant().plusSeconds(900)) + " (UTC time)");
    assertThat(extractCode(body, "into the account verification")).isEqualTo(token);
  }

  // G111, first part
  @Test
  void userSendemailSignup_sendVerificationFalse_isRefused() {
    ObjectNode created = fx.pendingUser4();
    created.put("send_verification", false);

    ObjectNode result = fx.call("user-sendemail-signup", signupBody(created, fx.session(null)));

    assertThat(result)
        .isEqualTo(
            json("{'success': false, 'failure_reason': 'not allowed to send verification"
                    + " email to target user, send_verification = False', 'user_id': null,"
                    + " 'email_address': null, 'emailverify_sent_datetime': null}")
                .set("messages", messages("Not allowed to send an email verification request.")));
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  // G111, second part
  @Test
  void userSendemailSignup_activeUser_isRefused() {
    ObjectNode created = fx.pendingUser4();
    fx.call("user-set-emailverified", "{'email': 'testuser@test.org'}");

    ObjectNode result = fx.call("user-sendemail-signup", signupBody(created, fx.session(null)));

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("target user for verification email already active and verified");
    assertThat(result.get("messages"))
        .isEqualTo(messages("Not sending an verify email request to an existing user."));
    assertThat(result.get("user_id").isNull()).isTrue();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  // G111, third part
  @Test
  void userSendemailSignup_serverWithoutStartTls_isNotSentInClearText() {
    ObjectNode created = fx.pendingUser4();
    ObjectNode body = signupBody(created, fx.session(null));
    body.put("emailport", greenMail.getSmtp().getPort());

    ObjectNode result = fx.call("user-sendemail-signup", body);

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("verification email could not be sent because of an email server problem");
    assertThat(result.get("messages"))
        .isEqualTo(messages("Could not send email for the verify email request."));
    assertThat(result.get("emailverify_sent_datetime").isNull()).isTrue();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  // G111, fourth part
  @Test
  void userSendemailSignup_nullServerInBody_failsOnSettings() {
    ObjectNode created = fx.pendingUser4();
    ObjectNode body = signupBody(created, fx.session(null));
    body.putNull("emailserver");

    ObjectNode result = fx.call("user-sendemail-signup", body);

    assertThat(result)
        .isEqualTo(
            json("{'success': false, 'failure_reason': 'invalid request: missing"
                    + " `emailsender`, `emailserver`, or `emailport` in request',"
                    + " 'user_id': null, 'email_address': null,"
                    + " 'emailverify_sent_datetime': null}")
                .set(
                    "messages",
                    messages("Invalid email server settings provided. Can't send an email.")));
  }

  @Test
  void userSendemailSignup_unknownSession_isRefused() {
    ObjectNode created = fx.pendingUser4();

    ObjectNode result = fx.call("user-sendemail-signup", signupBody(created, "nope"));

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("invalid session for requesting a verification email");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void userSendemailSignup_createdInfoOfAnotherUser_isRefused() {
    ObjectNode created = fx.pendingUser4();
    created.put("user_id", 1);

    ObjectNode result = fx.call("user-sendemail-signup", signupBody(created, fx.session(null)));

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("target user for verification email does not exist");
    assertThat(result.get("messages")).isEqualTo(messages("Invalid verify email request."));
  }

  @Test
  void userSendemailSignup_createdInfoWithoutSendVerification_isABadRequest() {
    ObjectNode created = fx.pendingUser4();
    created.remove("send_verification");

    var result =
        fx.dispatcher.dispatch(
            "user-sendemail-signup",
            signupBody(created, fx.session(null)),
            com.fasterxml.jackson.databind.node.TextNode.valueOf("r-1"));

    assertThat(result).isInstanceOf(org.authnz.wire.DispatchResult.BadRequest.class);
  }

  // G112
  @Test
  void userSendemailForgotpass_configuredServer_sendsOncePerDay() throws Exception {
    fx.activeUser4();
    String s4 = fx.session(4L);

    ObjectNode result = fx.call("user-sendemail-forgotpass", forgotBody(s4));

    assertThat(result)
        .isEqualTo(
            json("{'success': true, 'user_id': 4, 'email_address': 'testuser@test.org',"
                    + " 'emailforgotpass_sent_datetime': '"
                    + WireTime.format(fx.clock.instant())
                    + "'}")
                .set(
                    "messages",
                    messages("Password reset request sent successfully to ['testuser@test.org']")));
    MimeMessage message = onlyMessage();
    assertThat(message.getSubject())
        .isEqualTo("[Authnzerver] Please verify your password reset request");
    assertThat(message.getHeader("To", null)).isEqualTo(U4_EMAIL);
    String body = GreenMailUtil.getBody(message).replace("\r\n", "\n");
    assertThat(body).contains("https://localhost/auth/password/reset-step1");
    assertThat(extractCode(body, "into the password reset")).isEqualTo(token);

    ObjectNode again = fx.call("user-sendemail-forgotpass", forgotBody(s4));

    assertThat(again)
        .isEqualTo(
            json("{'success': false, 'failure_reason': 'forgot-pass verification email sent"
                    + " less than 24 hours ago', 'user_id': null, 'email_address': null,"
                    + " 'emailforgotpass_sent_datetime': null}")
                .set("messages", messages("Invalid password reset email request.")));
  }

  @Test
  void userSendemailForgotpass_moreThanADayLater_sendsAgain() {
    fx.activeUser4();
    String s4 = fx.session(4L);
    fx.call("user-sendemail-forgotpass", forgotBody(s4));
    fx.clock.advance(Duration.ofHours(24));

    ObjectNode second = fx.call("user-sendemail-forgotpass", forgotBody(fx.session(4L)));
    assertThat(second.get("success").asBoolean()).isFalse();

    fx.clock.advance(Duration.ofSeconds(1));

    ObjectNode third = fx.call("user-sendemail-forgotpass", forgotBody(fx.session(4L)));
    assertThat(third.get("success").asBoolean()).isTrue();
    assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();
  }

  // G113, first part
  @Test
  void userSendemailForgotpass_inactiveUser_isRefused() {
    fx.pendingUser4();

    ObjectNode result = fx.call("user-sendemail-forgotpass", forgotBody(fx.session(null)));

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("invalid user for forgot-pass email request");
    assertThat(result.get("messages")).isEqualTo(messages("Invalid password reset email request."));
  }

  // G113, second part
  @Test
  void userSendemailForgotpass_anonymousSystemUser_isRefused() {
    ObjectNode body = forgotBody(fx.session(null));
    body.put("email_address", "anonuser@localhost");

    ObjectNode result = fx.call("user-sendemail-forgotpass", body);

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("invalid user for forgot-pass email request");
  }

  // G113, third part
  @Test
  void userSendemailForgotpass_unknownSession_sendsAndRecordsNothing() {
    fx.activeUser4();

    ObjectNode result = fx.call("user-sendemail-forgotpass", forgotBody("nope"));

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("invalid session for forgot-pass request");
    assertThat(result.get("messages")).isEqualTo(messages("Invalid verification email request."));
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(fx.user(4).emailForgotpassSentAt()).isNull();
  }

  // G113, fourth part
  @Test
  void userSendemailForgotpass_noMailSettingsAtAll_failsOnSettings(@TempDir Path other) {
    Fixture bare = new Fixture(other);
    bare.activeUser4();

    ObjectNode result = bare.call("user-sendemail-forgotpass", forgotBody(bare.session(4L)));

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("missing 'emailserver', 'emailsender', 'emailport' in request");
    assertThat(result.get("messages"))
        .isEqualTo(messages("Invalid email server settings provided. Can't send an email."));
  }

  @Test
  void userSendemailForgotpass_serverDown_reportsTheRecipient() {
    fx.activeUser4();
    ObjectNode body = forgotBody(fx.session(4L));
    body.put("emailport", greenMail.getSmtp().getPort()); // no STARTTLS there

    ObjectNode result = fx.call("user-sendemail-forgotpass", body);

    assertThat(result.get("failure_reason").asText())
        .isEqualTo("forgot-pass verification email could not be sent because email server issue");
    assertThat(result.get("messages"))
        .isEqualTo(
            messages(
                "Could not send email to ['testuser@test.org'] for the user password reset"
                    + " request."));
    assertThat(fx.user(4).emailForgotpassSentAt()).isNull();
  }
}
