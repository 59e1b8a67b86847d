package org.authnz;

import static java.util.Objects.requireNonNull;

import org.authnz.spi.SessionToken;

/**
 * Sends the forgot-password verification e-mail ({@code user-sendemail-forgotpass}); at most one a
 * day per user.
 *
 * @param email the user's exact stored address
 * @param session a live session (any user); its user agent and IP address appear in the e-mail
 * @param content the server, form, code and expiry
 * @param mail SMTP settings of this request over the configured ones
 */
public record ForgotPasswordEmailRequest(
    String email, SessionToken session, VerificationEmail content, MailOverrides mail) {
  public ForgotPasswordEmailRequest {
    requireNonNull(email, "email");
    requireNonNull(session, "session");
    requireNonNull(content, "content");
    requireNonNull(mail, "mail");
  }
}
