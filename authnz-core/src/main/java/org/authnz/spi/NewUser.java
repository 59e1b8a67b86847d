package org.authnz.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user row to insert; the store assigns {@code user_id}. {@code createdOn} is also written as
 * {@code last_updated}; {@code failed_login_tries} starts at 0 and the other nullable columns start
 * as NULL.
 */
public record NewUser(
    String systemId,
    @Nullable String fullName,
    PasswordHash password,
    String email,
    boolean emailVerified,
    boolean active,
    @Nullable ObjectNode extraInfo,
    Instant createdOn,
    String userRole) {

  public NewUser {
    requireNonNull(systemId, "systemId");
    requireNonNull(password, "password");
    requireNonNull(email, "email");
    requireNonNull(createdOn, "createdOn");
    requireNonNull(userRole, "userRole");
  }
}
