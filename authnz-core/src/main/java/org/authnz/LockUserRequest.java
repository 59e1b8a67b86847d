package org.authnz;

import static java.util.Objects.requireNonNull;

import org.authnz.spi.SessionToken;

/**
 * A superuser's request to lock or unlock another user ({@code user-lock}).
 *
 * @param userId the superuser
 * @param userRole the role the caller claims; must be {@code superuser}
 * @param session a live session of the superuser
 * @param targetUserId the user to lock or unlock (not the caller, never 2 or 3)
 * @param action {@code lock} or {@code unlock}
 */
public record LockUserRequest(
    long userId, String userRole, SessionToken session, long targetUserId, String action) {
  public LockUserRequest {
    requireNonNull(userRole, "userRole");
    requireNonNull(session, "session");
    requireNonNull(action, "action");
  }
}
