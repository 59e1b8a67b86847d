package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A request to open a session ({@code session-new}).
 *
 * @param ipAddress the end user's IPv4 or IPv6 address; stored in canonical form
 * @param userAgent the end user's user agent
 * @param userId the owner, or null for the anonymous user (id 2)
 * @param expires naive UTC {@code YYYY-MM-DDTHH:MM:SS.ffffff} (fraction of 1-6 digits required, any
 *     {@code Z} removed), as the reference parses it; see {@link WireTime#format}
 * @param extraInfoJson data kept with the session: a JSON object, or null; any other JSON value
 *     fails like a store error (the store keeps objects only)
 */
public record CreateSessionRequest(
    String ipAddress,
    String userAgent,
    @Nullable Long userId,
    String expires,
    @Nullable JsonNode extraInfoJson) {

  public CreateSessionRequest {
    requireNonNull(ipAddress, "ipAddress");
    requireNonNull(userAgent, "userAgent");
    requireNonNull(expires, "expires");
    extraInfoJson = extraInfoJson == null ? null : extraInfoJson.deepCopy();
  }
}
