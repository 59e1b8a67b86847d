package org.authnz.transport.http.cli;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.authnz.AuthnzService;
import org.authnz.InvalidConfigurationException;
import org.authnz.internal.password.EmailValidator;
import org.jspecify.annotations.Nullable;

/**
 * The superuser's e-mail and password at database creation ({@code spec/server-config.md} section
 * 9), always from the process environment, never from an env file.
 */
final class AdminAccount {
  static final String EMAIL_VARIABLE = "AUTHNZERVER_ADMIN_EMAIL";
  static final String PASSWORD_VARIABLE = "AUTHNZERVER_ADMIN_PASSWORD";
  static final String CREDENTIALS_FILE = ".authnzerver-admin-credentials";
  static final String USER_GENERATED = "password-was-user-generated";

  private static final SecureRandom RANDOM = new SecureRandom();

  private AdminAccount() {}

  /**
   * {@code AUTHNZERVER_ADMIN_EMAIL}, else {@code <os-user>@localhost} when that is a valid address,
   * else the fallback.
   */
  static String email(Map<String, String> processEnvironment, String fallback) {
    String email = processEnvironment.get(EMAIL_VARIABLE);
    if (email != null && !email.isBlank()) {
      return email.strip();
    }
    String fromUser = System.getProperty("user.name", "") + "@localhost";
    return EmailValidator.hasValidSyntax(fromUser) ? fromUser : fallback;
  }

  /**
   * {@link AuthnzService#initialize} with the superuser's e-mail and password, or a one-line
   * start-up error naming the settings when it refuses them.
   *
   * @throws StartupException when the e-mail or the password is refused
   */
  static Optional<String> initialize(
      AuthnzService service, String email, @Nullable String password) {
    try {
      return service.initialize(email, password);
    } catch (InvalidConfigurationException e) {
      throw new StartupException(
          "cannot create the superuser: "
              + e.getMessage()
              + " (set "
              + EMAIL_VARIABLE
              + " and "
              + PASSWORD_VARIABLE
              + ")",
          e);
    }
  }

  /** {@code AUTHNZERVER_ADMIN_PASSWORD}, or null when unset or blank. */
  static @Nullable String password(Map<String, String> processEnvironment) {
    String password = processEnvironment.get(PASSWORD_VARIABLE);
    return password == null || password.isBlank() ? null : password;
  }

  /** A fresh Fernet key: 32 random bytes, URL-safe base64 with padding (44 characters). */
  static String newFernetKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getUrlEncoder().encodeToString(key);
  }
}
