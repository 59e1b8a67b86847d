package org.authnz;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A verification e-mail that the SMTP server accepted.
 *
 * @param userId the recipient user
 * @param email the stored address it went to
 * @param sentAt when, as recorded on the user
 */
public record EmailSent(long userId, String email, Instant sentAt) {
  public EmailSent {
    requireNonNull(email, "email");
    requireNonNull(sentAt, "sentAt");
  }
}
