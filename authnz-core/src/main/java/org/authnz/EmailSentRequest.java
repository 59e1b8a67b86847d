package org.authnz;

import static java.util.Objects.requireNonNull;

/**
 * Records that the frontend sent an e-mail itself ({@code user-set-emailsent}).
 *
 * @param email the user's exact stored address
 * @param emailType {@code "signup"} or {@code "forgotpass"}; anything else is denied
 */
public record EmailSentRequest(String email, String emailType) {
  public EmailSentRequest {
    requireNonNull(email, "email");
    requireNonNull(emailType, "emailType");
  }
}
