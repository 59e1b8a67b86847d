package org.authnz.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@code users} table of {@code spec/storage-schema.md} section 3.2.
 *
 * <p>Times are UTC instants with microsecond precision. {@code extraInfo} is a JSON object or
 * {@code null} (absent); callers must not mutate it (use {@link ObjectNode#deepCopy()} first).
 * Change a value with the {@code with*} methods, which return a copy.
 */
public record StoredUser(
    long userId,
    String systemId,
    @Nullable String fullName,
    PasswordHash password,
    String email,
    boolean emailVerified,
    boolean active,
    @Nullable Instant emailVerifySentAt,
    @Nullable Instant emailForgotpassSentAt,
    @Nullable Instant emailChangepassSentAt,
    @Nullable Instant lastLoginSuccess,
    @Nullable Instant lastLoginTry,
    int failedLoginTries,
    @Nullable ObjectNode extraInfo,
    Instant createdOn,
    Instant lastUpdated,
    String userRole) {

  public StoredUser {
    requireNonNull(systemId, "systemId");
    requireNonNull(password, "password");
    requireNonNull(email, "email");
    requireNonNull(createdOn, "createdOn");
    requireNonNull(lastUpdated, "lastUpdated");
    requireNonNull(userRole, "userRole");
  }

  public StoredUser withFullName(@Nullable String value) {
    return new StoredUser(
        userId,
        systemId,
        value,
        password,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withPassword(PasswordHash value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        value,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withEmail(String value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        value,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withEmailVerified(boolean value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        value,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withActive(boolean value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        value,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withEmailVerifySentAt(@Nullable Instant value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        active,
        value,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withEmailForgotpassSentAt(@Nullable Instant value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        value,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withEmailChangepassSentAt(@Nullable Instant value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        value,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withLastLoginSuccess(@Nullable Instant value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        value,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withLastLoginTry(@Nullable Instant value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        value,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withFailedLoginTries(int value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        value,
        extraInfo,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withExtraInfo(@Nullable ObjectNode value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        value,
        createdOn,
        lastUpdated,
        userRole);
  }

  public StoredUser withLastUpdated(Instant value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        value,
        userRole);
  }

  public StoredUser withUserRole(String value) {
    return new StoredUser(
        userId,
        systemId,
        fullName,
        password,
        email,
        emailVerified,
        active,
        emailVerifySentAt,
        emailForgotpassSentAt,
        emailChangepassSentAt,
        lastLoginSuccess,
        lastLoginTry,
        failedLoginTries,
        extraInfo,
        createdOn,
        lastUpdated,
        value);
  }
}
