package org.authnz;

import static java.util.Objects.requireNonNull;

/**
 * A key presented for verification or revocation, by the user {@code userId} claiming {@code
 * userRole} (the owner, or someone allowed to act on the owner's keys).
 */
public record ApiKeyRequest(ApiKeyClaims key, long userId, String userRole) {
  public ApiKeyRequest {
    requireNonNull(key, "key");
    requireNonNull(userRole, "userRole");
  }
}
