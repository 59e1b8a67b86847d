package org.authnz.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of the {@code sessions} table of {@code spec/storage-schema.md} section 3.3.
 *
 * <p>{@code extraInfoJson} is a JSON object or {@code null}; callers must not mutate it.
 */
public record StoredSession(
    SessionToken token,
    String ipAddress,
    String userAgent,
    long userId,
    Instant created,
    Instant expires,
    @Nullable ObjectNode extraInfoJson) {

  public StoredSession {
    requireNonNull(token, "token");
    requireNonNull(ipAddress, "ipAddress");
    requireNonNull(userAgent, "userAgent");
    requireNonNull(created, "created");
    requireNonNull(expires, "expires");
  }

  /** Whether the session is still valid at {@code now} ({@code expires} strictly later). */
  public boolean isLiveAt(Instant now) {
    return expires.isAfter(now);
  }

  public StoredSession withExtraInfoJson(@Nullable ObjectNode value) {
    return new StoredSession(token, ipAddress, userAgent, userId, created, expires, value);
  }
}
