package org.authnz;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;
import org.authnz.policy.PermissionPolicy;
import org.authnz.spi.AuthnzStore;

/**
 * The access and limit checks of {@code actions-admin.md} sections 2 and 3: the policy decision
 * plus the reference's user checks against the store. Thread-safe.
 */
final class AccessActions implements AuthnzService.Access {

  private final AuthnzStore store;
  private final Supplier<PermissionPolicy> policy;

  AccessActions(AuthnzStore store, Supplier<PermissionPolicy> policy) {
    this.store = requireNonNull(store, "store");
    this.policy = requireNonNull(policy, "policy");
  }

  @Override
  public Outcome<Boolean> check(AccessCheckRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public Outcome<Boolean> checkLimit(LimitCheckRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
