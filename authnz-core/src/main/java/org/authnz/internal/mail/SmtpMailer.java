package org.authnz.internal.mail;

import static java.util.Objects.requireNonNull;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.authnz.internal.password.EmailValidator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one plain-text message through an SMTP server with Jakarta Mail, following {@code
 * actions-passwords-email.md} section 9: addresses are checked before any connection, and with
 * STARTTLS the message is never sent in clear text.
 *
 * <p>Thread-safe (stateless).
 */
public final class SmtpMailer {
  private static final Logger logger = LoggerFactory.getLogger(SmtpMailer.class);
  private static final Pattern BRACKETED = Pattern.compile("<(\\S+)>");

  /** Where and how to connect. The password is never logged. */
  public record Server(
      String host,
      int port,
      @Nullable String user,
      @Nullable String password,
      boolean implicitTls,
      boolean verifyCertificate,
      Duration timeout) {
    public Server {
      requireNonNull(host, "host");
      requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
      return "Server["
          + host
          + ":"
          + port
          + ", tls="
          + (implicitTls ? "implicit" : "starttls")
          + "]";
    }
  }

  private SmtpMailer() {}

  /**
   * Sends the message.
   *
   * @return whether the server accepted it; false also when the sender or every recipient is not a
   *     valid address, in which case no connection is made
   */
  public static boolean send(
      Server server,
      String sender,
      String subject,
      String text,
      List<String> recipients,
      Instant date) {
    Optional<String> senderAddress = address(sender);
    if (senderAddress.isEmpty()) {
      logger.atWarn().log("e-mail not sent: the sender is not a valid address");
      return false;
    }
    String cleanSender = sender.replace("\n", "");
    String cleanSubject = subject.replace("\n", "");
    List<String> kept = new ArrayList<>();
    List<Address> envelope = new ArrayList<>();
    for (String recipient : recipients) {
      String clean = recipient.replace("\n", "");
      Optional<String> to = address(clean);
      if (to.isPresent()) {
        try {
          envelope.add(new InternetAddress(to.get(), true));
          kept.add(clean);
        } catch (MessagingException e) {
          logger.atDebug().log("recipient skipped: not a parseable address");
        }
      }
    }
    if (kept.isEmpty()) {
      logger.atWarn().log("e-mail not sent: no valid recipient");
      return false;
    }

    String protocol = server.implicitTls() ? "smtps" : "smtp";
    Session session = Session.getInstance(properties(server, protocol, senderAddress.get()));
    try {
      MimeMessage message = new MimeMessage(session);
      message.setHeader("From", cleanSender);
      message.setHeader("To", String.join(", ", kept));
      message.setHeader("Sender", senderAddress.get());
      message.setSubject(cleanSubject, "utf-8");
      message.setSentDate(Date.from(date));
      if (StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
        message.setContent(text, "text/plain; charset=\"us-ascii\"");
        message.setHeader("Content-Transfer-Encoding", "7bit");
      } else {
        message.setContent(text, "text/plain; charset=\"utf-8\"");
        message.setHeader("Content-Transfer-Encoding", "base64");
      }
      message.saveChanges();
      boolean login = hasText(server.user()) && hasText(server.password());
      try (Transport transport = session.getTransport(protocol)) {
        transport.connect(
            server.host(),
            server.port(),
            login ? server.user() : null,
            login ? server.password() : null);
        transport.sendMessage(message, envelope.toArray(new Address[0]));
      }
      return true;
    } catch (MessagingException | RuntimeException e) {
      // The exception text can quote server replies and addresses: log its type only.
      logger
          .atWarn()
          .addKeyValue("server", server.toString())
          .addKeyValue("error", e.getClass().getSimpleName())
          .log("e-mail not sent: the SMTP server did not take it");
      return false;
    }
  }

  /**
   * The address in a sender or recipient: the first bracketed run of non-space characters when the
   * text has both brackets, else the whole text; empty when that is not a valid address.
   */
  static Optional<String> address(String text) {
    String candidate = text;
    if (text.contains("<") && text.contains(">")) {
      Matcher matcher = BRACKETED.matcher(text);
      if (!matcher.find()) {
        return Optional.empty();
      }
      candidate = matcher.group(1);
    }
    return EmailValidator.hasValidSyntax(candidate) ? Optional.of(candidate) : Optional.empty();
  }

  private static boolean hasText(@Nullable String value) {
    return value != null && !value.isEmpty();
  }

  private static Properties properties(Server server, String protocol, String envelopeSender) {
    String prefix = "mail." + protocol + ".";
    String millis = Long.toString(server.timeout().toMillis());
    Properties props = new Properties();
    props.setProperty(prefix + "host", server.host());
    props.setProperty(prefix + "port", Integer.toString(server.port()));
    props.setProperty(prefix + "from", envelopeSender);
    props.setProperty(prefix + "connectiontimeout", millis);
    props.setProperty(prefix + "timeout", millis);
    props.setProperty(prefix + "writetimeout", millis);
    // The sidecar's defaults are the OS user and an empty password: that means no login.
    props.setProperty(
        prefix + "auth", Boolean.toString(hasText(server.user()) && hasText(server.password())));
    props.setProperty(prefix + "auth.mechanisms", "LOGIN PLAIN");
    if (!server.implicitTls()) {
      // Never in clear text: a server without STARTTLS gets no message (the reference's rule).
      props.setProperty(prefix + "starttls.enable", "true");
      props.setProperty(prefix + "starttls.required", "true");
    }
    if (server.verifyCertificate()) {
      props.setProperty(prefix + "ssl.checkserveridentity", "true");
    } else {
      props.setProperty(prefix + "ssl.trust", "*");
      props.setProperty(prefix + "ssl.checkserveridentity", "false");
    }
    return props;
  }
}
