package org.authnz.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Storage of users and roles. Every method is one atomic step; implementations must be thread-safe
 * and keep the guarantees of {@code spec/storage-schema.md} section 9.
 *
 * <p>Infrastructure failures are reported as {@link org.authnz.StoreUnavailableException}.
 */
public interface UserStore {

  /**
   * On a store without roles, inserts the roles and then the system users in the given order, so
   * that they get ids 1, 2, 3 ..., all in one transaction. Does nothing on a store that has roles.
   *
   * @return whether anything was inserted
   */
  boolean initializeIfEmpty(List<String> roles, List<NewUser> systemUsers);

  /** Returns the names of all roles. */
  List<String> roles();

  /** Finds a user by id. */
  Optional<StoredUser> findUser(long userId);

  /** Finds a user by exact (case-sensitive) e-mail. */
  Optional<StoredUser> findUserByEmail(String email);

  /** Returns all users ordered by id. */
  List<StoredUser> listUsers();

  /**
   * Inserts a user, assigning the next id.
   *
   * @return the stored row, or empty when the e-mail or system id is already taken
   */
  Optional<StoredUser> insertUser(NewUser user);

  /**
   * Reads the user, applies {@code change} and writes the result, all in one transaction, with
   * {@code last_updated} set to {@code now}. The user id, system id and creation time cannot be
   * changed this way. {@code change} may be called more than once and must have no side effects.
   *
   * @return the row as written, or empty when there is no such user
   * @throws DuplicateValueException when the new e-mail belongs to another user
   */
  Optional<StoredUser> updateUser(long userId, Instant now, UnaryOperator<StoredUser> change);

  /**
   * Deletes a user together with its sessions and API keys.
   *
   * @return whether a user was deleted
   */
  boolean deleteUser(long userId);

  /**
   * Records when the automatic lock of a user ends ({@code spec/rate-limits.md} section 8), or
   * clears it with {@code null}, so that a restart does not leave the user locked. The default
   * keeps nothing (the lock then ends only through the running server's timer).
   */
  default void setLockExpiry(long userId, @Nullable Instant expiry) {}

  /** The ids of users whose recorded lock expiry is at or before {@code now}; none by default. */
  default List<Long> findExpiredLocks(Instant now) {
    return List.of();
  }
}
