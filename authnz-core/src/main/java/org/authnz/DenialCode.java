package org.authnz;

/**
 * Why an operation was denied: the stable code Java callers switch on. The exact wire text is in
 * {@link Denial#failureReason()}. Adding a code is an API change.
 */
public enum DenialCode {
  /** The request was incomplete or malformed in a way the action itself checks. */
  INVALID_REQUEST,
  /** The session token is unknown or expired. */
  SESSION_NOT_FOUND,
  /** Unknown user or wrong password; the two are not told apart. */
  INVALID_CREDENTIALS,
  /** The password matched but the account is inactive or locked. */
  INACTIVE_USER,
  /** No user matched (where the wire says so, e.g. a lookup or a logout of another user). */
  USER_NOT_FOUND,
  /** Nothing was deleted. */
  NOTHING_DELETED,
  /** The e-mail address failed validation at sign-up. */
  INVALID_EMAIL,
  /** The full name looked like a link or a domain at sign-up. */
  INVALID_FULL_NAME,
  /** No public suffix list is available to check full names at sign-up. */
  NO_PUBLIC_SUFFIX_LIST,
  /** The password fails the password policy. */
  WEAK_PASSWORD,
  /** A user with that e-mail exists already. */
  USER_EXISTS,
  /** The store refused or failed the change (the reference's "DB error" outcomes). */
  STORE_ERROR,
  /** The caller's role, the target (a system or super user) or the requested change is refused. */
  NOT_PERMITTED,
  /** The new password is the current one ({@code user-changepass}). */
  PASSWORD_UNCHANGED,
  /**
   * The e-mail may not be sent to this user now: verification not wanted, account already active,
   * or a forgot-password e-mail sent less than 24 hours ago.
   */
  EMAIL_NOT_ALLOWED,
  /** The SMTP settings are incomplete or the SMTP server did not take the message. */
  EMAIL_NOT_SENT,
  /** The permission policy refuses the action. */
  ACCESS_DENIED,
  /** The API key or refresh token is unknown, revoked, outside its window or does not match. */
  INVALID_API_KEY,
  /** The value is not under the role's limit. */
  OVER_LIMIT,
  /** The permission policy cannot decide (unknown role or limit type, unreadable policy). */
  POLICY_ERROR,
  /**
   * The sidecar refused the request because the caller sent too many (HTTP 429). Only {@code
   * AuthnzClient} returns it; an in-process service has no request rate limit.
   */
  RATE_LIMITED
}
