package org.authnz.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One row of the {@code apikeys} table of {@code spec/storage-schema.md} section 3.4: a
 * session-tied API key. Times are naive UTC with microsecond precision.
 *
 * <p>A store that keeps tokens only as digests (the JDBC store does) returns, in a key it found,
 * the digest of the session's token as {@link #session()}: it identifies the session inside the
 * store but is not a token a client could present.
 */
public record StoredApiKey(
    ApiKeyToken token,
    Instant issued,
    Instant expires,
    Instant notValidBefore,
    long userId,
    String userRole,
    SessionToken session) {

  public StoredApiKey {
    requireNonNull(token, "token");
    requireNonNull(issued, "issued");
    requireNonNull(expires, "expires");
    requireNonNull(notValidBefore, "notValidBefore");
    requireNonNull(userRole, "userRole");
    requireNonNull(session, "session");
  }

  /**
   * Whether the key is inside its window at {@code now}: not-valid-before and issue time strictly
   * earlier, expiry strictly later.
   */
  public boolean isValidAt(Instant now) {
    return notValidBefore.isBefore(now) && issued.isBefore(now) && now.isBefore(expires);
  }
}
