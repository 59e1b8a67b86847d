package org.authnz;

import static java.util.Objects.requireNonNull;

/**
 * Sets a new password without a session ({@code user-resetpass-nosession}).
 *
 * @param email the user's exact stored e-mail
 * @param newPassword the new password, checked against the policy with the stored full name
 * @param requiredActive the activity state the user must be in ({@code false} when the frontend
 *     locks accounts between the token check and the new password)
 */
public record ResetPasswordWithoutSessionRequest(
    String email, Password newPassword, boolean requiredActive) {
  public ResetPasswordWithoutSessionRequest {
    requireNonNull(email, "email");
    requireNonNull(newPassword, "newPassword");
  }
}
