package org.authnz;

import static java.util.Objects.requireNonNull;

/**
 * A lock or unlock of a user by trusted code ({@code internal-user-lock}), without a session check.
 *
 * @param targetUserId the user (never 2 or 3)
 * @param action {@code lock} or {@code unlock}
 */
public record InternalLockUserRequest(long targetUserId, String action) {
  public InternalLockUserRequest {
    requireNonNull(action, "action");
  }
}
