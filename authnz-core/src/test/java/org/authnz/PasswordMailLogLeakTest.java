package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.authnz.internal.mail.StartTlsFront;
import org.authnz.internal.mail.TestSmtp;
import org.authnz.wire.DispatchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log-leak check of {@link LogLeakTest} for password change and reset and the e-mail sending
 * actions: marker passwords, verification token and SMTP password must appear in no log line and no
 * failure reason.
 */
class PasswordMailLogLeakTest {
  static final String NEW_PASSWORD = "Marker-NewPass-8823-wQe";
  static final String RESET_PASSWORD = "Marker-ResetPass-6619-zUi";
  static final String TOKEN = "Marker-Verification-Token-3301-" + "x".repeat(80);
  static final String SMTP_PASSWORD = "Marker-Smtp-Pass-9127";

  @RegisterExtension
  static final GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.plain());

  @TempDir Path tempDir;

  @Test
  void passwordAndMailFlows_withMarkerSecrets_leaveNoneInLogsOrFailureReasons() throws IOException {
    try (StartTlsFront front = StartTlsFront.start(greenMail.getSmtp().getPort())) {
      Fixture fx =
          new Fixture(
              tempDir,
              b ->
                  b.mail(
                      MailSettings.builder()
                          .server("localhost")
                          .port(front.port())
                          .user("smtp-user")
                          .password(SMTP_PASSWORD)
                          .sender("Leak <leak@test.org>")
                          .build()));
      long logStart = Files.exists(LogLeakTest.LOG) ? Files.size(LogLeakTest.LOG) : 0;
      List<String> reasons = new ArrayList<>();
      ObjectNode created = fx.pendingUser4();
      String anon = fx.session(null);
      List<String> secrets =
          List.of(Fixture.U4_PASSWORD, NEW_PASSWORD, RESET_PASSWORD, TOKEN, SMTP_PASSWORD, anon);

      ObjectNode signup =
          Fixture.json(
              "{'email_address': 'testuser@test.org', 'server_name': 'Leak',"
                  + " 'server_baseurl': 'https://leak.test', 'account_verify_url': '/v',"
                  + " 'verification_expiry': 900}");
      signup.put("session_token", anon).put("verification_token", TOKEN);
      signup.set("created_info", created);
      call(fx, reasons, "user-sendemail-signup", signup);
      ObjectNode badServer = signup.deepCopy();
      badServer.put("emailport", greenMail.getSmtp().getPort()); // no STARTTLS: fails
      badServer.put("emailpass", SMTP_PASSWORD);
      call(fx, reasons, "user-sendemail-signup", badServer);
      fx.call("user-set-emailverified", "{'email': 'testuser@test.org'}");

      ObjectNode change =
          Fixture.json("{'user_id': 4, 'full_name': 'Test User', 'email': 'testuser@test.org'}");
      change.put("session_token", anon);
      change.put("current_password", NEW_PASSWORD).put("new_password", NEW_PASSWORD);
      call(fx, reasons, "user-changepass", change); // wrong current password
      change.put("current_password", Fixture.U4_PASSWORD);
      call(fx, reasons, "user-changepass", change);

      ObjectNode forgot =
          Fixture.json(
              "{'email_address': 'testuser@test.org', 'server_name': 'Leak',"
                  + " 'server_baseurl': 'https://leak.test', 'password_forgot_url': '/r',"
                  + " 'verification_expiry': 900}");
      forgot.put("session_token", anon).put("verification_token", TOKEN);
      call(fx, reasons, "user-sendemail-forgotpass", forgot);
      ObjectNode reset = Fixture.json("{'email_address': 'testuser@test.org'}");
      reset.put("session_token", anon).put("new_password", RESET_PASSWORD);
      call(fx, reasons, "user-resetpass", reset);
      reset.put("new_password", "short");
      call(fx, reasons, "user-resetpass", reset);

      String log =
          Files.exists(LogLeakTest.LOG)
              ? new String(Files.readAllBytes(LogLeakTest.LOG), StandardCharsets.UTF_8)
                  .substring((int) logStart)
              : "";
      assertThat(log).as("log written by the flows").isNotEmpty();
      assertThat(reasons).isNotEmpty();
      for (String secret : secrets) {
        assertThat(log).doesNotContain(secret);
        assertThat(reasons).noneMatch(r -> r.contains(secret));
      }
    }
  }

  private static void call(Fixture fx, List<String> reasons, String action, ObjectNode body) {
    DispatchResult result = fx.dispatcher.dispatch(action, body, IntNode.valueOf(1));
    if (result instanceof DispatchResult.BadRequest bad) {
      reasons.add(bad.reason());
    } else if (result instanceof DispatchResult.Answer answer
        && answer.result().has("failure_reason")) {
      reasons.add(answer.result().get("failure_reason").asText());
    }
  }
}
