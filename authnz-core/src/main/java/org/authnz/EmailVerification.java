package org.authnz;

import static java.util.Objects.requireNonNull;

/** The state of a user after {@code user-set-emailverified}. */
public record EmailVerification(long userId, boolean active, String userRole) {
  public EmailVerification {
    requireNonNull(userRole, "userRole");
  }
}
