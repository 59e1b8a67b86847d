package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.authnz.spi.SessionToken;

/**
 * A request to edit a user ({@code user-edit}): a user with role {@code authenticated} or {@code
 * staff} edits their own {@code full_name} and {@code email}; a superuser edits anyone's {@code
 * full_name}, {@code email}, {@code is_active}, {@code user_role} and {@code email_verified}.
 *
 * @param userId the editor
 * @param userRole the role the editor claims; it must be the stored one
 * @param session a live session of the editor
 * @param targetUserId the user to edit (never 2 or 3)
 * @param updates column name to new value, written as given
 */
public record EditUserRequest(
    long userId, String userRole, SessionToken session, long targetUserId, ObjectNode updates) {
  public EditUserRequest {
    requireNonNull(userRole, "userRole");
    requireNonNull(session, "session");
    updates = requireNonNull(updates, "updates").deepCopy();
  }
}
