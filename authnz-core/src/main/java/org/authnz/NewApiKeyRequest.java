package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.authnz.spi.SessionToken;

/**
 * A request for a session-tied API key ({@code apikey-new}). {@code lifetime} and {@code
 * notValidBefore} are offsets from the issue time (either may be zero or negative); {@code
 * apiVersion} is a JSON string or number, copied into the key as it is.
 */
public record NewApiKeyRequest(
    String issuer,
    String audience,
    String subject,
    JsonNode apiVersion,
    Duration lifetime,
    Duration notValidBefore,
    long userId,
    String userRole,
    String ipAddress,
    String userAgent,
    SessionToken session) {

  public NewApiKeyRequest {
    requireNonNull(issuer, "issuer");
    requireNonNull(audience, "audience");
    requireNonNull(subject, "subject");
    requireNonNull(apiVersion, "apiVersion");
    requireNonNull(lifetime, "lifetime");
    requireNonNull(notValidBefore, "notValidBefore");
    requireNonNull(userRole, "userRole");
    requireNonNull(ipAddress, "ipAddress");
    requireNonNull(userAgent, "userAgent");
    requireNonNull(session, "session");
  }
}
