package org.authnz.policy;

import java.nio.file.Path;
import java.util.Set;
import org.authnz.InvalidConfigurationException;
import org.authnz.internal.policy.PolicyDocument;
import org.jspecify.annotations.Nullable;

/**
 * A parsed permission policy ({@code permissions.md}): which role may apply which action to which
 * item, and the per-role limits. Decisions are pure: they never touch a store and never log.
 *
 * <p>Immutable and thread-safe. Decisions allocate nothing for the common inputs.
 */
public interface PermissionPolicy {

  /** The user id that, in a shared-with list, means "shared with everybody". */
  long ANONYMOUS_USER_ID = 2;

  /** The default policy bundled with authnz, identical to the reference's. */
  static PermissionPolicy bundledDefault() {
    return PolicyDocument.bundledDefault();
  }

  /**
   * Reads and validates a policy file.
   *
   * @throws InvalidConfigurationException when the file cannot be read, is not JSON, or lacks or
   *     mistypes a key the reference requires; the message names the key
   */
  static PermissionPolicy load(Path file) {
    return PolicyDocument.load(file);
  }

  /**
   * Parses and validates a policy from its JSON text.
   *
   * @throws InvalidConfigurationException as {@link #load(Path)}
   */
  static PermissionPolicy parse(String json) {
    return PolicyDocument.parse(json, "policy");
  }

  /**
   * The role names of the top-level {@code roles} list, in document order without duplicates: the
   * roles a new store is seeded with.
   */
  Set<String> roles();

  /**
   * Decides whether {@code userId} acting as {@code role} may apply {@code action} to an item of
   * kind {@code item} owned by {@code owner} with {@code visibility} and shared with the user ids
   * listed in {@code sharedWith} (comma-separated, as the wire sends it; null or empty for none),
   * as {@code permissions.md} section 3 does. Unknown items, actions and visibilities, and a
   * malformed shared-with list, deny.
   *
   * @throws PolicyDecisionException when {@code role} has no role policy
   */
  boolean allows(
      long userId,
      String role,
      String action,
      String item,
      long owner,
      String visibility,
      @Nullable String sharedWith);

  /**
   * Decides whether {@code value} is under the limit {@code limitName} of {@code role}, as {@code
   * permissions.md} section 4 does: true when the role has no such limit; false when the value
   * cannot be converted to the limit's type or the comparison fails.
   *
   * @param value a JSON value as Java sees it: a {@link Number} ({@code Integer}, {@code Long},
   *     {@code BigInteger}, {@code Double}, {@code BigDecimal}, ...), a {@link Boolean}, a {@link
   *     CharSequence}, null, or anything else (a list or map), which never converts
   * @throws PolicyDecisionException when the role has no role policy or no {@code limits}, or the
   *     limit's entry names an unknown limit type or lacks {@code type} or {@code limit}
   */
  boolean underLimit(String role, String limitName, @Nullable Object value);
}
