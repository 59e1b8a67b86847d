package org.authnz.policy;

import org.authnz.AuthnzException;

/**
 * Thrown when a policy cannot take a decision at all: the role has no role policy, or a limit names
 * an unknown limit type or lacks its {@code type} or {@code limit}. The reference fails in the same
 * places; the access and limit actions report it as {@code exception when checking the DB}.
 */
public final class PolicyDecisionException extends AuthnzException {
  private static final long serialVersionUID = 1L;

  public PolicyDecisionException(String message) {
    super(message);
  }
}
