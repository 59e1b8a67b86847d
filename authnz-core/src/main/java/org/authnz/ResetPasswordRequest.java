package org.authnz;

import static java.util.Objects.requireNonNull;

import org.authnz.spi.SessionToken;

/**
 * Sets a new password for an active user who proved control of the e-mail address ({@code
 * user-resetpass}).
 *
 * @param email the user's exact stored e-mail
 * @param newPassword the new password, checked against the policy with the stored full name
 * @param session a live session of any user (typically an anonymous one)
 */
public record ResetPasswordRequest(String email, Password newPassword, SessionToken session) {
  public ResetPasswordRequest {
    requireNonNull(email, "email");
    requireNonNull(newPassword, "newPassword");
    requireNonNull(session, "session");
  }
}
