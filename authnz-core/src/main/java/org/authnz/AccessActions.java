package org.authnz;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.authnz.internal.logging.LogSafe;
import org.authnz.internal.policy.SharedWithList;
import org.authnz.policy.PermissionPolicy;
import org.authnz.policy.PolicyDecisionException;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.StoredUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access and limit checks of {@code actions-admin.md} sections 2 and 3: the policy decision
 * plus the reference's user checks against the store, with its failure reasons. Nothing is cached
 * here: a user locked or a role changed counts as soon as the store says so (a {@link CachingStore}
 * in front of the database bounds how late that is). Thread-safe.
 */
final class AccessActions implements AuthnzService.Access {

  static final String M_GRANTED = "Access request check successful. Access granted: True.";
  static final String M_NOT_GRANTED = "Access request check successful. Access granted: False.";
  static final String M_ACCESS_ERROR = "Could not validate access to the requested item.";
  static final String M_UNDER_LIMIT = "Limit check successful. Limit check passed: True.";
  static final String M_OVER_LIMIT = "Limit check successful. Limit check passed: False.";
  static final String M_LIMIT_ERROR = "Could not validate limit rule for the requested item.";
  static final String DB_EXCEPTION = "exception when checking the DB";

  private static final Logger logger = LoggerFactory.getLogger(AccessActions.class);

  private final AuthnzStore store;
  private final OpenFlag open;
  private final Supplier<PermissionPolicy> policy;
  private final LogSafe logSafe;

  AccessActions(
      AuthnzStore store, Supplier<PermissionPolicy> policy, LogSafe logSafe, OpenFlag open) {
    this.store = requireNonNull(store, "store");
    this.open = requireNonNull(open, "open");
    this.policy = requireNonNull(policy, "policy");
    this.logSafe = requireNonNull(logSafe, "logSafe");
  }

  @Override
  public Outcome<Boolean> check(AccessCheckRequest request) {
    open.check();
    requireNonNull(request, "request");

    boolean allowed;
    try {
      allowed =
          policy
              .get()
              .allows(
                  request.userId(),
                  request.role(),
                  request.action(),
                  request.item(),
                  request.owner(),
                  request.visibility(),
                  request.sharedWith());
    } catch (PolicyDecisionException | InvalidConfigurationException e) {
      logger.atDebug().addKeyValue("error", e.getMessage()).log("access check undecidable");
      return denied(DenialCode.POLICY_ERROR, DB_EXCEPTION, M_ACCESS_ERROR);
    }

    // The users to find active besides the requester: the owner and, whatever the visibility, the
    // shared-with list, which the reference parses a second time here and fails on when malformed.
    Set<Long> others = Set.of();
    boolean unrepresentable = false;
    if (SharedWithList.isPresent(request.sharedWith())) {
      Optional<List<Number>> listed = SharedWithList.ids(request.sharedWith());
      if (listed.isEmpty()) {
        return denied(DenialCode.POLICY_ERROR, DB_EXCEPTION, M_ACCESS_ERROR);
      }
      others = new LinkedHashSet<>();
      for (Number id : listed.get()) {
        if (id instanceof Long value) {
          others.add(value);
        } else {
          unrepresentable = true; // beyond any user id: not found
        }
      }
    }

    try {
      if (!isActiveWithRole(request.userId(), request.role())) {
        return denied(
            DenialCode.USER_NOT_FOUND, "user initiating request is not valid", M_NOT_GRANTED);
      }
      // the requester was found active just now; each other user is looked up once
      if (unrepresentable
          || (request.owner() != request.userId() && !isActive(request.owner()))
          || !allActiveBesides(others, request)) {
        return denied(
            DenialCode.USER_NOT_FOUND,
            "users specified as owner or shared-with not found",
            M_NOT_GRANTED);
      }
    } catch (StoreUnavailableException e) {
      logger.atWarn().addKeyValue("error", e.getClass().getSimpleName()).log("access check failed");
      return denied(DenialCode.STORE_ERROR, DB_EXCEPTION, M_ACCESS_ERROR);
    }

    logger
        .atDebug()
        .addKeyValue("user", () -> logSafe.userId(request.userId())) // only when logged
        .addKeyValue("granted", allowed)
        .log("access checked");
    if (!allowed) {
      return denied(DenialCode.ACCESS_DENIED, "action not permitted", M_NOT_GRANTED);
    }
    return Outcome.success(true, M_GRANTED);
  }

  @Override
  public Outcome<Boolean> checkLimit(LimitCheckRequest request) {
    open.check();
    requireNonNull(request, "request");

    boolean under;
    try {
      under = policy.get().underLimit(request.role(), request.limitName(), request.value());
    } catch (PolicyDecisionException | InvalidConfigurationException e) {
      logger.atDebug().addKeyValue("error", e.getMessage()).log("limit check undecidable");
      return denied(DenialCode.POLICY_ERROR, DB_EXCEPTION, M_LIMIT_ERROR);
    }

    try {
      if (!isActiveWithRole(request.userId(), request.role())) {
        return denied(DenialCode.USER_NOT_FOUND, "user attempting access not found", M_OVER_LIMIT);
      }
    } catch (StoreUnavailableException e) {
      logger.atWarn().addKeyValue("error", e.getClass().getSimpleName()).log("limit check failed");
      return denied(DenialCode.STORE_ERROR, DB_EXCEPTION, M_LIMIT_ERROR);
    }

    if (!under) {
      return denied(DenialCode.OVER_LIMIT, "user is over limit", M_OVER_LIMIT);
    }
    return Outcome.success(true, M_UNDER_LIMIT);
  }

  private boolean isActiveWithRole(long userId, String role) {
    Optional<StoredUser> user = store.findUser(userId);
    return user.isPresent() && user.get().active() && user.get().userRole().equals(role);
  }

  private boolean isActive(long userId) {
    Optional<StoredUser> user = store.findUser(userId);
    return user.isPresent() && user.get().active();
  }

  private boolean allActiveBesides(Set<Long> ids, AccessCheckRequest request) {
    for (long id : ids) {
      if (id != request.userId() && id != request.owner() && !isActive(id)) {
        return false;
      }
    }
    return true;
  }

  private static Outcome<Boolean> denied(DenialCode code, String reason, String message) {
    return Outcome.denied(Denial.of(code, reason, message));
  }
}
