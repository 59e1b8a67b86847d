package org.authnz.internal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Golden case G114: the send helper's input checks, and delivery over STARTTLS and SMTPS. */
class SmtpMailerTest {
  static final Instant DATE = Instant.parse("2031-05-06T07:08:09Z");

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(
              new com.icegreen.greenmail.util.ServerSetup[] {
                TestSmtp.plain(), TestSmtp.implicitTls()
              })
          .withPerMethodLifecycle(false);

  static StartTlsFront front;

  @BeforeAll
  static void startFront() {
    front = StartTlsFront.start(greenMail.getSmtp().getPort());
  }

  @AfterAll
  static void stopFront() {
    front.close();
  }

  @BeforeEach
  void purge() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  private static SmtpMailer.Server startTls(int port) {
    return new SmtpMailer.Server(
        "localhost", port, null, null, false, false, Duration.ofSeconds(10));
  }

  @Test
  void send_senderWithEmptyBrackets_isNotSent() {
    boolean sent =
        SmtpMailer.send(
            startTls(front.port()),
            "Authnzerver <>",
            "Hello",
            "this is a test",
            List.of("test@test.org"),
            DATE);

    assertThat(sent).isFalse();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void send_senderNotAnAddress_isNotSent() {
    boolean sent =
        SmtpMailer.send(
            startTls(front.port()),
            "not-an-address",
            "Hello",
            "this is a test",
            List.of("test@test.org"),
            DATE);

    assertThat(sent).isFalse();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void send_everyRecipientInvalid_isNotSent() {
    boolean sent =
        SmtpMailer.send(
            startTls(front.port()),
            "test@test.org",
            "Hello",
            "this is a test",
            List.of("bad address"),
            DATE);

    assertThat(sent).isFalse();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void send_validMessageOverStartTls_isDelivered() throws Exception {
    boolean sent =
        SmtpMailer.send(
            startTls(front.port()),
            "test@test.org",
            "Hello",
            "this is a test",
            List.of("test@test.org", "bad address"),
            DATE);

    assertThat(sent).isTrue();
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage message = greenMail.getReceivedMessages()[0];
    assertThat(message.getHeader("From", null)).isEqualTo("test@test.org");
    assertThat(message.getHeader("To", null)).isEqualTo("test@test.org");
    assertThat(message.getSubject()).isEqualTo("Hello");
    assertThat(message.getSentDate().toInstant()).isEqualTo(DATE);
    assertThat(message.getMessageID()).isNotBlank();
    assertThat(GreenMailUtil.getBody(message).strip()).isEqualTo("this is a test");
  }

  @Test
  void send_serverWithoutStartTls_isNotSent() {
    boolean sent =
        SmtpMailer.send(
            startTls(greenMail.getSmtp().getPort()),
            "test@test.org",
            "Hello",
            "this is a test",
            List.of("test@test.org"),
            DATE);

    assertThat(sent).isFalse();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void send_implicitTls_isDelivered() {
    SmtpMailer.Server smtps =
        new SmtpMailer.Server(
            "localhost",
            greenMail.getSmtps().getPort(),
            null,
            null,
            true,
            false,
            Duration.ofSeconds(10));

    boolean sent =
        SmtpMailer.send(smtps, "A <a@test.org>", "Hi", "text", List.of("b@test.org"), DATE);

    assertThat(sent).isTrue();
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
  }

  @Test
  void send_nonAsciiText_isDeliveredAsUtf8() throws Exception {
    boolean sent =
        SmtpMailer.send(
            startTls(front.port()),
            "test@test.org",
            "Grüße",
            "Grüße aus Köln",
            List.of("test@test.org"),
            DATE);

    assertThat(sent).isTrue();
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage message = greenMail.getReceivedMessages()[0];
    assertThat(message.getSubject()).isEqualTo("Grüße");
    assertThat(message.getContentType()).containsIgnoringCase("utf-8");
    assertThat(((String) message.getContent()).strip()).isEqualTo("Grüße aus Köln");
  }

  @Test
  void send_withCredentials_logsInBeforeSending() {
    greenMail.setUser("mailer@test.org", "mailer", "Mailer-Pass-1");
    SmtpMailer.Server withLogin =
        new SmtpMailer.Server(
            "localhost",
            front.port(),
            "mailer",
            "Mailer-Pass-1",
            false,
            false,
            Duration.ofSeconds(10));
    SmtpMailer.Server wrongLogin =
        new SmtpMailer.Server(
            "localhost",
            front.port(),
            "mailer",
            "wrong-pass",
            false,
            false,
            Duration.ofSeconds(10));

    boolean wrong =
        SmtpMailer.send(wrongLogin, "a@test.org", "Hi", "text", List.of("b@test.org"), DATE);
    boolean right =
        SmtpMailer.send(withLogin, "a@test.org", "Hi", "text", List.of("b@test.org"), DATE);

    assertThat(wrong).as("sent with a wrong password").isFalse();
    assertThat(right).as("sent with the right password").isTrue();
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
  }

  @Test
  void send_userWithEmptyPassword_sendsWithoutLogin() {
    SmtpMailer.Server emptyPassword =
        new SmtpMailer.Server(
            "localhost", front.port(), "root", "", false, false, Duration.ofSeconds(10));

    boolean sent =
        SmtpMailer.send(emptyPassword, "a@test.org", "Hi", "text", List.of("b@test.org"), DATE);

    assertThat(sent).isTrue();
  }

  @Test
  void address_bracketedOrBare_isExtractedAndChecked() {
    assertThat(SmtpMailer.address("Name <a@b.org>")).contains("a@b.org");
    assertThat(SmtpMailer.address("a@b.org")).contains("a@b.org");
    assertThat(SmtpMailer.address("Name <not an address>")).isEmpty();
    assertThat(SmtpMailer.address("o'brien@x.org")).isEmpty();
  }
}
