package org.authnz;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Checks a candidate password against the policy ({@code user-validatepass}).
 *
 * @param policy a policy for this call only, or null for the service's configured one. The wire
 *     never sets it: in the reference server the configured {@code passpolicy} overrides the
 *     per-request values (a kept quirk)
 */
public record ValidatePasswordRequest(
    Password password, String email, String fullName, @Nullable PasswordPolicy policy) {

  public ValidatePasswordRequest {
    requireNonNull(password, "password");
    requireNonNull(email, "email");
    requireNonNull(fullName, "fullName");
  }
}
