package org.authnz;

import static java.util.Objects.requireNonNull;

/**
 * A request to delete a user account ({@code user-delete}). The account's own password is always
 * required, also when a superuser asks; superusers cannot be deleted this way.
 *
 * @param email must equal the account's stored e-mail exactly
 * @param userId the account to delete
 * @param password the account's password
 */
public record DeleteUserRequest(String email, long userId, Password password) {
  public DeleteUserRequest {
    requireNonNull(email, "email");
    requireNonNull(password, "password");
  }
}
