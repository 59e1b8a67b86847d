package org.authnz.spi;

import java.util.Optional;

/**
 * Storage of API keys: session-tied keys ({@code apikeys}) and no-session keys ({@code
 * apikeys_nosession}). Every method is one atomic step; implementations must be thread-safe.
 *
 * <p>Deleting a session deletes its session-tied keys; deleting a user deletes both kinds of the
 * user's keys. Infrastructure failures are reported as {@link
 * org.authnz.StoreUnavailableException}.
 */
public interface ApiKeyStore {

  /**
   * Inserts a session-tied key.
   *
   * @throws DuplicateValueException when the token exists already
   * @throws IllegalArgumentException when its session, user or role does not exist
   */
  void insertApiKey(StoredApiKey key);

  /** Finds a session-tied key by its exact token, whatever its window. */
  Optional<StoredApiKey> findApiKey(ApiKeyToken token);

  /**
   * Deletes the session-tied key with this token, user and role, whatever its window.
   *
   * @return whether a key was deleted
   */
  boolean deleteApiKey(ApiKeyToken token, long userId, String userRole);

  /**
   * Inserts a no-session key.
   *
   * @throws DuplicateValueException when the token exists already
   * @throws IllegalArgumentException when its user or role does not exist
   */
  void insertNoSessionKey(StoredNoSessionKey key);

  /** Finds a no-session key by its exact token, whatever its windows. */
  Optional<StoredNoSessionKey> findNoSessionKey(ApiKeyToken token);

  /**
   * Deletes the no-session key with this token, user and role, whatever its windows.
   *
   * @return whether a key was deleted
   */
  boolean deleteNoSessionKey(ApiKeyToken token, long userId, String userRole);

  /**
   * Deletes every no-session key of a user.
   *
   * @return how many were deleted
   */
  int deleteNoSessionKeysOfUser(long userId);

  /**
   * Replaces a no-session key in one transaction: deletes the key with token {@code old}, user
   * {@code userId} and role {@code userRole}, and only if exactly that key was deleted, inserts
   * {@code replacement}. Of several callers rotating the same key at once, at most one succeeds, so
   * a refresh token cannot be used twice.
   *
   * @return whether the old key existed and was replaced; when false nothing changed
   * @throws DuplicateValueException when the replacement's token exists already (nothing changed)
   * @throws IllegalArgumentException when the replacement's user or role does not exist (nothing
   *     changed)
   */
  boolean rotateNoSessionKey(
      ApiKeyToken old, long userId, String userRole, StoredNoSessionKey replacement);
}
