package org.authnz.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One row of the {@code apikeys_nosession} table of {@code spec/storage-schema.md} section 3.5: a
 * no-session API key with the Argon2id hash of its refresh token (never the token itself).
 */
public record StoredNoSessionKey(
    ApiKeyToken token,
    Instant issued,
    Instant expires,
    Instant notValidBefore,
    PasswordHash refreshTokenHash,
    Instant refreshIssued,
    Instant refreshExpires,
    Instant refreshNotValidBefore,
    long userId,
    String userRole) {

  public StoredNoSessionKey {
    requireNonNull(token, "token");
    requireNonNull(issued, "issued");
    requireNonNull(expires, "expires");
    requireNonNull(notValidBefore, "notValidBefore");
    requireNonNull(refreshTokenHash, "refreshTokenHash");
    requireNonNull(refreshIssued, "refreshIssued");
    requireNonNull(refreshExpires, "refreshExpires");
    requireNonNull(refreshNotValidBefore, "refreshNotValidBefore");
    requireNonNull(userRole, "userRole");
  }

  /** Whether the key itself is inside its window at {@code now} (all comparisons strict). */
  public boolean isValidAt(Instant now) {
    return notValidBefore.isBefore(now) && issued.isBefore(now) && now.isBefore(expires);
  }

  /**
   * Whether the refresh token is inside its window at {@code now} (all comparisons strict); the
   * key's own window plays no part.
   */
  public boolean isRefreshableAt(Instant now) {
    return refreshNotValidBefore.isBefore(now)
        && refreshIssued.isBefore(now)
        && now.isBefore(refreshExpires);
  }
}
