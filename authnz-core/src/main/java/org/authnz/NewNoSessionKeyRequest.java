package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * A request for a no-session API key and its refresh token ({@code apikey-new-nosession}). The four
 * durations are offsets from the issue time (any may be zero or negative); {@code apiVersion} is a
 * JSON string or number, copied into the key as it is.
 */
public record NewNoSessionKeyRequest(
    String issuer,
    String audience,
    String subject,
    JsonNode apiVersion,
    Duration lifetime,
    Duration notValidBefore,
    long userId,
    String userRole,
    String ipAddress,
    Duration refreshLifetime,
    Duration refreshNotValidBefore) {

  public NewNoSessionKeyRequest {
    requireNonNull(issuer, "issuer");
    requireNonNull(audience, "audience");
    requireNonNull(subject, "subject");
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(lifetime, "lifetime");
    requireNonNull(notValidBefore, "notValidBefore");
    requireNonNull(userRole, "userRole");
    requireNonNull(ipAddress, "ipAddress");
    requireNonNull(refreshLifetime, "refreshLifetime");
    requireNonNull(refreshNotValidBefore, "refreshNotValidBefore");
  }
}
