package org.authnz.spi;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Storage of sessions. Every method is one atomic step; implementations must be thread-safe.
 * Deleting a session also deletes its session-tied API keys.
 */
public interface SessionStore {

  /**
   * Inserts a session.
   *
   * @throws DuplicateValueException when the token exists already
   */
  void insertSession(StoredSession session);

  /** Finds a session by its exact token, expired or not. */
  Optional<StoredSession> findSession(SessionToken token);

  /**
   * Reads the session, applies {@code change} (only {@code extraInfoJson} may differ) and writes it
   * in one transaction.
   *
   * @return the row as written, or empty when there is no such session
   */
  Optional<StoredSession> updateSession(SessionToken token, UnaryOperator<StoredSession> change);

  /**
   * Deletes one session.
   *
   * @return whether it existed
   */
  boolean deleteSession(SessionToken token);

  /**
   * Deletes every session of a user except {@code keep} (when not null).
   *
   * @return how many were deleted
   */
  int deleteSessionsOfUser(long userId, @Nullable SessionToken keep);

  /**
   * Deletes sessions whose {@code expires} is earlier than {@code cutoff}.
   *
   * @return how many were deleted
   */
  int deleteSessionsExpiredBefore(Instant cutoff);
}
