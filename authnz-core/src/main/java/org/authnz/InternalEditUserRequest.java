package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An unchecked edit of a user by trusted code ({@code internal-user-edit}): no session, no role
 * check, system users included. {@code extra_info} is merged into the stored object, where a value
 * of exactly {@code "__delete__"} removes an existing key.
 *
 * @param targetUserId the user to edit
 * @param updates column name to new value; ids, the password and the bookkeeping times are refused
 */
public record InternalEditUserRequest(long targetUserId, ObjectNode updates) {
  public InternalEditUserRequest {
    updates = requireNonNull(updates, "updates").deepCopy();
  }
}
