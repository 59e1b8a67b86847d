package org.authnz;

import java.time.Instant;

/**
 * API key operations ({@code actions-apikeys.md}): session-tied keys that die with their login
 * session, and no-session keys that come with a refresh token. Every operation runs the same access
 * check as {@code user-check-access} on item {@code apikey} with visibility {@code private}.
 *
 * <p>The server only stores tokens and checks them: signing or encrypting the key dictionary and
 * comparing its claims with a request are the caller's job. Thread-safe.
 */
public interface ApiKeys {

  /**
   * Issues a key tied to a live session whose user, IP address, user agent and current role equal
   * the request's ({@code apikey-new}).
   *
   * @return the key, or a denial: {@link DenialCode#ACCESS_DENIED} when the requester may not
   *     create a key, {@link DenialCode#SESSION_NOT_FOUND} when the session is unknown, expired or
   *     does not match
   */
  Outcome<IssuedApiKey> create(NewApiKeyRequest request);

  /**
   * Checks a session-tied key against the store ({@code apikey-verify}).
   *
   * @return the stored expiry, or a denial: {@link DenialCode#ACCESS_DENIED} when the presenter may
   *     not view the key's owner's keys, {@link DenialCode#INVALID_API_KEY} when no matching key is
   *     inside its window
   */
  Outcome<Instant> verify(ApiKeyRequest request);

  /**
   * Deletes one session-tied key ({@code apikey-revoke}), whatever its window.
   *
   * @return success with the count 1, or a denial: {@link DenialCode#ACCESS_DENIED}, or {@link
   *     DenialCode#NOTHING_DELETED} (without failure reason) when no key matched
   */
  Outcome<Integer> revoke(ApiKeyRequest request);

  /**
   * Issues a no-session key and its refresh token ({@code apikey-new-nosession}).
   *
   * @return the key with its refresh token, or an {@link DenialCode#ACCESS_DENIED} denial
   */
  Outcome<IssuedApiKey> createWithoutSession(NewNoSessionKeyRequest request);

  /**
   * Checks a no-session key against the store ({@code apikey-verify-nosession}).
   *
   * @return the stored expiry, or a denial: {@link DenialCode#ACCESS_DENIED} or {@link
   *     DenialCode#INVALID_API_KEY}
   */
  Outcome<Instant> verifyWithoutSession(ApiKeyRequest request);

  /**
   * Deletes one no-session key ({@code apikey-revoke-nosession}), whatever its windows.
   *
   * @return success with the count 1, or a denial: {@link DenialCode#ACCESS_DENIED}, or {@link
   *     DenialCode#NOTHING_DELETED} (without failure reason) when no key matched
   */
  Outcome<Integer> revokeWithoutSession(ApiKeyRequest request);

  /**
   * Deletes every no-session key of the presented key's owner, given one currently valid key
   * ({@code apikey-revokeall-nosession}).
   *
   * @return success with the number of keys deleted, or a denial: {@link DenialCode#ACCESS_DENIED},
   *     {@link DenialCode#INVALID_API_KEY} when the presented key does not verify
   */
  Outcome<Integer> revokeAllWithoutSession(ApiKeyRequest request);

  /**
   * Exchanges a no-session key and its refresh token for a new key and refresh token ({@code
   * apikey-refresh-nosession}). The key's own expiry does not matter; the refresh token must be
   * inside its window. The old key and refresh token are replaced in one atomic step, so of two
   * concurrent refreshes with the same pair at most one succeeds.
   *
   * @return the new key with its refresh token, or a denial: {@link DenialCode#INVALID_API_KEY}
   *     when the key has no refresh token in its window or the refresh token does not match, {@link
   *     DenialCode#ACCESS_DENIED} when the requester may not replace the key (or lost a race)
   */
  Outcome<IssuedApiKey> refreshWithoutSession(RefreshApiKeyRequest request);
}
