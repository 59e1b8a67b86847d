package org.authnz;

/**
 * The four numbers of the password policy ({@code spec/actions-passwords-email.md} section 2).
 *
 * @param minPassLength minimum length in code points after stripping and squeezing
 * @param maxUnsafeSimilarity 0-100; a similarity to the server name, e-mail or full name at or
 *     above this fails
 * @param maxCharacterFrequency fraction; a character more frequent than this fails
 * @param minPwnedMatches breach count at which the (optional) pwned check fails
 */
public record PasswordPolicy(
    int minPassLength, int maxUnsafeSimilarity, double maxCharacterFrequency, int minPwnedMatches) {

  /** The server default: {@code min_pass_length:12; max_unsafe_similarity:50; ...}. */
  public static final PasswordPolicy SERVER_DEFAULT = new PasswordPolicy(12, 50, 0.3, 25);

  /** The defaults of the reference's policy function (used by its unit tests): 12, 33, 0.3, 25. */
  public static final PasswordPolicy FUNCTION_DEFAULT = new PasswordPolicy(12, 33, 0.3, 25);
}
