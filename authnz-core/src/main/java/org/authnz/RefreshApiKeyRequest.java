package org.authnz;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.authnz.spi.ApiKeyToken;

/**
 * A refresh of a no-session key ({@code apikey-refresh-nosession}): the old key's claims (with
 * {@code iss}, {@code ver}, {@code aud}, {@code sub}), its refresh token, the requesting user, and
 * the IP address and four offsets of the new key and refresh token.
 */
public record RefreshApiKeyRequest(
    ApiKeyClaims key,
    long userId,
    String userRole,
    ApiKeyToken refreshToken,
    String ipAddress,
    Duration lifetime,
    Duration notValidBefore,
    Duration refreshLifetime,
    Duration refreshNotValidBefore) {

  public RefreshApiKeyRequest {
    requireNonNull(key, "key");
    requireNonNull(userRole, "userRole");
    requireNonNull(refreshToken, "refreshToken");
    requireNonNull(ipAddress, "ipAddress");
    requireNonNull(lifetime, "lifetime");
    requireNonNull(notValidBefore, "notValidBefore");
    requireNonNull(refreshLifetime, "refreshLifetime");
    requireNonNull(refreshNotValidBefore, "refreshNotValidBefore");
  }
}
