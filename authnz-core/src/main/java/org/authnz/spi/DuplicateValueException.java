package org.authnz.spi;

/**
 * Thrown by a store when a write would break a uniqueness rule (e-mail, system id, token).
 *
 * <p>The message names the rule, never the value.
 */
public final class DuplicateValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DuplicateValueException(String rule) {
    super("duplicate value for " + rule);
  }
}
