package org.authnz.internal.password;

import java.util.OptionalInt;

/**
 * The "pwned" check's source ({@code spec/actions-passwords-email.md} section 2.5): how often a
 * password appears in a breach corpus such as the Have I Been Pwned range API.
 *
 * <p>An implementation receives only the lower-case hex SHA-1 of the password's UTF-8 bytes (40
 * characters; the range API needs its first 5 characters and matches the other 35). It returns the
 * breach count, or empty when the password is not listed or the answer is unknown (no network,
 * timeout, error status): both pass, as in the reference. It must not throw.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface BreachLookup {

  /** The default: no lookup, every password is "unknown" and passes. */
  BreachLookup NONE = sha1Hex -> OptionalInt.empty();

  /** The breach count of the password whose SHA-1 is given, or empty if unlisted or unknown. */
  OptionalInt breachCount(String sha1Hex);
}
