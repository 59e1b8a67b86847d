package org.authnz.internal.policy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.authnz.policy.PermissionPolicy;
import org.authnz.policy.PolicyDecisionException;
import org.jspecify.annotations.Nullable;

/**
 * A validated policy compiled for fast decisions ({@code permissions.md} sections 3 and 4): per
 * role and item, the actions allowed on owned and on other users' items by visibility, and the
 * role's limit rules. Immutable and thread-safe.
 */
public final class PolicyDocument implements PermissionPolicy {

  /** The allowed actions by visibility, for owned items and for other users' items. */
  record ItemRules(Map<String, Set<String>> owned, Map<String, Set<String>> other) {}

  /** What one role may do: by item, and its limits (null: the role policy has no limits). */
  record RoleRules(Map<String, ItemRules> items, @Nullable Map<String, LimitRule> limits) {}

  private static final String BUNDLED = "/org/authnz/default-permissions-model.json";

  private final Set<String> roles;
  private final Map<String, RoleRules> roleRules;

  PolicyDocument(Set<String> roles, Map<String, RoleRules> roleRules) {
    this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
    this.roleRules = Map.copyOf(roleRules);
  }

  /** The bundled default policy, parsed once. */
  public static PermissionPolicy bundledDefault() {
    return Bundled.POLICY;
  }

  /** Reads and validates a policy file. */
  public static PermissionPolicy load(Path file) {
    return PolicyLoader.load(file);
  }

  /** Parses and validates a policy; {@code source} names it in error messages. */
  public static PermissionPolicy parse(String json, String source) {
    return PolicyLoader.parse(json, source);
  }

  @Override
  public Set<String> roles() {
    return roles;
  }

  @Override
  public boolean allows(
      long userId,
      String role,
      String action,
      String item,
      long owner,
      String visibility,
      @Nullable String sharedWith) {
    RoleRules rules = roleRules.get(role);
    if (rules == null) {
      throw new PolicyDecisionException("the role has no role policy");
    }
    if (!passesGate(userId, role, owner, visibility, sharedWith)) {
      return false;
    }
    ItemRules itemRules = rules.items().get(item);
    if (itemRules == null) {
      return false;
    }
    Set<String> actions = (userId == owner ? itemRules.owned() : itemRules.other()).get(visibility);
    return actions != null && actions.contains(action);
  }

  @Override
  public boolean underLimit(String role, String limitName, @Nullable Object value) {
    RoleRules rules = roleRules.get(role);
    if (rules == null) {
      throw new PolicyDecisionException("the role has no role policy");
    }
    Map<String, LimitRule> limits = rules.limits();
    if (limits == null) {
      throw new PolicyDecisionException("the role policy has no limits");
    }
    LimitRule rule = limits.get(limitName);
    return rule == null || rule.passes(value);
  }

  /** The visibility and sharing gate of section 3.2; the role and visibility names are fixed. */
  private static boolean passesGate(
      long userId, String role, long owner, String visibility, @Nullable String sharedWith) {
    if (role.equals("superuser") || role.equals("staff")) {
      return true;
    }
    switch (visibility) {
      case "private":
        return userId == owner;
      case "shared":
        if (!SharedWithList.isPresent(sharedWith)) {
          return userId == owner;
        }
        int match = SharedWithList.match(sharedWith, userId, ANONYMOUS_USER_ID);
        return match == SharedWithList.MATCH
            || (match == SharedWithList.NO_MATCH && userId == owner);
      case "unlisted":
      case "public":
        return true;
      default:
        return false;
    }
  }

  /** Holds the bundled policy, parsed on first use. */
  private static final class Bundled {
    static final PermissionPolicy POLICY = PolicyLoader.bundled(BUNDLED);
  }
}
