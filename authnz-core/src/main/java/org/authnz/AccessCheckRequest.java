package org.authnz;

import static java.util.Objects.requireNonNull;

/**
 * An access check ({@code user-check-access}): may {@code userId}, claiming {@code role}, apply
 * {@code action} to an item of kind {@code item} owned by {@code owner}, with {@code visibility}
 * and shared with the comma-separated user ids {@code sharedWith} ({@code ""} for nobody)?
 */
public record AccessCheckRequest(
    long userId,
    String role,
    String action,
    String item,
    long owner,
    String visibility,
    String sharedWith) {
  public AccessCheckRequest {
    requireNonNull(role, "role");
    requireNonNull(action, "action");
    requireNonNull(item, "item");
    requireNonNull(visibility, "visibility");
    requireNonNull(sharedWith, "sharedWith");
  }
}
