package org.authnz;

import static java.util.Objects.requireNonNull;

/**
 * A limit check ({@code user-check-limit}): is {@code value} under the limit {@code limitName} of
 * {@code role} for {@code userId}, who claims that role?
 *
 * @param value a JSON value as Java sees it (see {@link
 *     org.authnz.policy.PermissionPolicy#underLimit})
 */
public record LimitCheckRequest(long userId, String role, String limitName, Object value) {
  public LimitCheckRequest {
    requireNonNull(role, "role");
    requireNonNull(limitName, "limitName");
    requireNonNull(value, "value");
  }
}
