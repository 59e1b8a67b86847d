package org.authnz.transport.http.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.authnz.AuthnzService;
import org.authnz.CreateSessionRequest;
import org.authnz.ForgotPasswordEmailRequest;
import org.authnz.MailOverrides;
import org.authnz.Outcome;
import org.authnz.Password;
import org.authnz.SignupRequest;
import org.authnz.VerificationEmail;
import org.authnz.VerificationToken;
import org.authnz.internal.mail.StartTlsFront;
import org.authnz.internal.mail.TestSmtp;
import org.authnz.memory.InMemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The sidecar hands the {@code email*} settings to the service: mail goes where they say. */
class SidecarMailSettingsTest {
  @RegisterExtension
  static final GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.plain());

  @TempDir Path dir;

  @Test
  void buildService_emailSettingsFromEnvironment_sendThroughThatServer() throws Exception {
    try (StartTlsFront front = StartTlsFront.start(greenMail.getSmtp().getPort())) {
      Map<String, String> env = new HashMap<>();
      env.put("AUTHNZERVER_AUTHDB", "sqlite:///auth.sqlite");
      env.put("AUTHNZERVER_SECRET", AdminAccount.newFernetKey());
      env.put("AUTHNZERVER_PIISALT", "salt");
      env.put("AUTHNZERVER_FQDN", "localhost");
      env.put("AUTHNZERVER_EMAILSERVER", "localhost");
      env.put("AUTHNZERVER_EMAILPORT", Integer.toString(front.port()));
      env.put("AUTHNZERVER_EMAILSENDER", "Sidecar Mail <sidecar@test.org>");
      ServerSettings settings = ServerSettings.resolve(Map.of(), env, dir);

      try (AuthnzService service =
          Sidecar.buildService(settings, InMemoryStore.create(), Clock.systemUTC())) {
        service.initialize("admin@test.org", "Admin-Pass-For-Mail-7x");
        String email = "cli-mail@test.org";
        service
            .users()
            .create(
                new SignupRequest(
                    "Cli Mail",
                    email,
                    Password.of("vQ7#kLm2$Rt9!pXw-cli"),
                    null,
                    null,
                    null,
                    java.util.List.of()));
        service.emails().setVerified(email);
        Outcome<org.authnz.NewSession> session =
            service
                .sessions()
                .create(
                    new CreateSessionRequest(
                        "127.0.0.1", "Cli Browser", null, "2099-01-02T03:04:05.600000", null));
        assertThat(session.isSuccess()).isTrue();

        Outcome<org.authnz.EmailSent> sent =
            service
                .emails()
                .sendForgotPasswordEmail(
                    new ForgotPasswordEmailRequest(
                        email,
                        ((Outcome.Success<org.authnz.NewSession>) session).value().token(),
                        new VerificationEmail(
                            "Cli", "https://cli.test", "/reset", VerificationToken.of("t"), 900),
                        MailOverrides.none()));

        assertThat(sent.isSuccess()).as(sent.toString()).isTrue();
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getHeader("From", null)).isEqualTo("Sidecar Mail <sidecar@test.org>");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo(email);
      }
    }
  }
}
