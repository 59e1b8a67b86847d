package org.authnz.internal.password;

import java.util.List;
import org.authnz.PasswordPolicy;

/**
 * The password policy checks of {@code spec/actions-passwords-email.md} section 2.
 *
 * <p>Thread-safe.
 */
public final class PasswordChecker {

  private PasswordChecker() {}

  /** A checker for a policy and the server's domain name. */
  public static PasswordChecker create(PasswordPolicy policy, String serverFqdn) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Runs every check and returns the reference's failure messages in order; empty when valid. */
  public List<String> check(String password, String email, String fullName) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Parses a {@code passpolicy} setting as the reference does, starting from {@code base}. */
  public static PasswordPolicy parsePolicy(String setting, PasswordPolicy base) {
    throw new UnsupportedOperationException("not yet");
  }
}
