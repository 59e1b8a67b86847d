package org.authnz;

import static java.util.Objects.requireNonNull;

import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;

/** A live session joined with its user, as {@code session-exists} reports it. */
public record SessionInfo(StoredSession session, StoredUser user) {
  public SessionInfo {
    requireNonNull(session, "session");
    requireNonNull(user, "user");
  }
}
