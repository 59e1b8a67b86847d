package org.authnz;

import static java.util.Objects.requireNonNull;

/** A user whose password was just verified: id and current role. */
public record AuthenticatedUser(long userId, String userRole) {
  public AuthenticatedUser {
    requireNonNull(userRole, "userRole");
  }
}
