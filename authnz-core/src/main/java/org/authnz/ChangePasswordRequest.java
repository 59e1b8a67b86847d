package org.authnz;

import static java.util.Objects.requireNonNull;

import org.authnz.spi.SessionToken;
import org.jspecify.annotations.Nullable;

/**
 * Changes a user's password ({@code user-changepass} and {@code user-changepass-nosession}).
 *
 * <p>As in the reference, the new password is checked against the policy with the full name and
 * e-mail given here, not the stored ones.
 *
 * @param userId the user
 * @param email the user's exact stored e-mail; together with {@code userId} it must name an active
 *     user
 * @param fullName the name the new password must not resemble
 * @param currentPassword the password now stored
 * @param newPassword the replacement
 * @param keepSession for {@code user-changepass}: the one session of the user that survives (it
 *     need not exist or be live); null deletes all of them. Ignored by {@code
 *     changeWithoutSession}.
 */
public record ChangePasswordRequest(
    long userId,
    String email,
    String fullName,
    Password currentPassword,
    Password newPassword,
    @Nullable SessionToken keepSession) {
  public ChangePasswordRequest {
    requireNonNull(email, "email");
    requireNonNull(fullName, "fullName");
    requireNonNull(currentPassword, "currentPassword");
    requireNonNull(newPassword, "newPassword");
  }
}
