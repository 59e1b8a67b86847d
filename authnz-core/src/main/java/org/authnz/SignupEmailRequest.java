package org.authnz;

import static java.util.Objects.requireNonNull;

import org.authnz.spi.SessionToken;
import org.jspecify.annotations.Nullable;

/**
 * Sends the sign-up verification e-mail ({@code user-sendemail-signup}).
 *
 * @param email the address the user signed up with (exact stored form)
 * @param session a live session (any user); its user agent and IP address appear in the e-mail
 * @param createdUserId {@code user_id} of the sign-up result ({@code created_info})
 * @param createdUserEmail {@code user_email} of the sign-up result
 * @param sendVerification {@code send_verification} of the sign-up result; false refuses
 * @param content the server, form, code and expiry
 * @param mail SMTP settings of this request over the configured ones
 */
public record SignupEmailRequest(
    String email,
    SessionToken session,
    @Nullable Long createdUserId,
    @Nullable String createdUserEmail,
    boolean sendVerification,
    VerificationEmail content,
    MailOverrides mail) {
  public SignupEmailRequest {
    requireNonNull(email, "email");
    requireNonNull(session, "session");
    requireNonNull(content, "content");
    requireNonNull(mail, "mail");
  }
}
