package org.authnz.internal.password;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.authnz.PasswordPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password policy checks of {@code spec/actions-passwords-email.md} section 2.
 *
 * <p>Runs checks 1 to 5 of section 2.3 (length, common password, similarity, character frequency,
 * all digits) and, only when they all pass, check 6 through a {@link BreachLookup}. The default
 * lookup, {@link BreachLookup#NONE}, answers "unknown", which passes, as the reference does without
 * network; this class itself never uses the network.
 *
 * <p>The common passwords are the first 10,000 entries, by rank, of zxcvbn4j's password dictionary,
 * not the reference's SecLists file; membership of a given password can differ.
 *
 * <p>Thread-safe.
 */
public final class PasswordChecker {

  /** Check 2's message. */
  public static final String COMMON_MESSAGE =
      "Your password is on the list of the most common passwords and is vulnerable to guessing.";

  /** Check 3's message. */
  public static final String SIMILAR_MESSAGE =
      "Your password is too similar to either the domain name of this server or your own name or"
          + " email address.";

  /** Check 4's message; the doubled "appear appear" is the reference's and is kept. */
  public static final String FREQUENCY_MESSAGE =
      "Your password is not complex enough. One or more characters appear appear too frequently.";

  /** Check 5's message. */
  public static final String NUMERIC_MESSAGE = "Your password cannot be all numbers.";

  private static final Logger logger = LoggerFactory.getLogger(PasswordChecker.class);

  private static final Pattern POLICY_SEPARATOR = Pattern.compile(";", Pattern.LITERAL);

  private final PasswordPolicy policy;
  private final String serverFqdn;
  private final BreachLookup breaches;

  private PasswordChecker(PasswordPolicy policy, String serverFqdn, BreachLookup breaches) {
    this.policy = policy;
    this.serverFqdn = serverFqdn;
    this.breaches = breaches;
  }

  /** A checker for a policy and the server's domain name, without the breach lookup. */
  public static PasswordChecker create(PasswordPolicy policy, String serverFqdn) {
    return create(policy, serverFqdn, BreachLookup.NONE);
  }

  /** A checker for a policy and the server's domain name that also runs the breach lookup. */
  public static PasswordChecker create(
      PasswordPolicy policy, String serverFqdn, BreachLookup breaches) {
    requireNonNull(policy, "policy");
    requireNonNull(serverFqdn, "serverFqdn");
    requireNonNull(breaches, "breaches");
    return new PasswordChecker(policy, serverFqdn, breaches);
  }

  /** The policy this checker applies. */
  public PasswordPolicy policy() {
    return policy;
  }

  /** Check 1's message for a minimum length. */
  public static String tooShortMessage(int minPassLength) {
    return "Your password is too short. It must have at least " + minPassLength + " characters.";
  }

  /** Check 6's message for a breach count. */
  public static String breachedMessage(int count) {
    return "Your password was found with "
        + count
        + " matches in the database of recently compromised Web account passwords from"
        + " https://haveibeenpwned.com/Passwords and is not secure.";
  }

  /** Runs every check and returns the reference's failure messages in order; empty when valid. */
  public List<String> check(String password, String email, String fullName) {
    requireNonNull(password, "password");
    requireNonNull(email, "email");
    requireNonNull(fullName, "fullName");
    List<String> messages = new ArrayList<>(5);

    if (PythonText.length(PythonText.squeeze(PythonText.strip(password)))
        < policy.minPassLength()) {
      messages.add(tooShortMessage(policy.minPassLength()));
    }
    if (CommonPasswords.contains(PythonText.casefold(password))) {
      messages.add(COMMON_MESSAGE);
    }
    if (isTooSimilar(password, email, fullName)) {
      messages.add(SIMILAR_MESSAGE);
    }
    if (hasTooFrequentCharacter(password)) {
      messages.add(FREQUENCY_MESSAGE);
    }
    if (PythonText.isAllDigits(password)) {
      messages.add(NUMERIC_MESSAGE);
    }
    if (messages.isEmpty()) {
      OptionalInt count = breachCount(password);
      if (count.isPresent() && count.getAsInt() >= policy.minPwnedMatches()) {
        messages.add(breachedMessage(count.getAsInt()));
      }
    }
    return List.copyOf(messages);
  }

  /** Asks the lookup; a failing lookup counts as "unknown", which passes (section 2.5 step 4). */
  private OptionalInt breachCount(String password) {
    try {
      return breaches.breachCount(sha1Hex(password));
    } catch (RuntimeException e) {
      logger.atWarn().addKeyValue("error", e.getClass().getName()).log("breach lookup failed");
      return OptionalInt.empty();
    }
  }

  private static String sha1Hex(String password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this Java runtime", e);
    }
  }

  /** The similarity, 0 to 100, that check 3 compares with the policy (section 2.4). */
  static double similarity(String normalisedPassword, String other) {
    return 100.0 * SequenceRatio.ratio(normalisedPassword, PythonText.casefold(other));
  }

  private boolean isTooSimilar(String password, String email, String fullName) {
    String normalised = PythonText.squeeze(PythonText.casefold(PythonText.strip(password)));
    int limit = policy.maxUnsafeSimilarity();
    return similarity(normalised, serverFqdn) >= limit
        || similarity(normalised, email) >= limit
        || similarity(normalised, fullName) >= limit;
  }

  private boolean hasTooFrequentCharacter(String password) {
    int length = PythonText.length(password);
    if (length == 0) {
      return false;
    }
    Map<Integer, Integer> counts = new HashMap<>();
    password.codePoints().forEach(cp -> counts.merge(cp, 1, Integer::sum));
    double limit = policy.maxCharacterFrequency();
    return counts.values().stream().anyMatch(count -> (double) count / length > limit);
  }

  /**
   * Parses a {@code passpolicy} setting as the reference does, starting from {@code base}.
   *
   * <p>The setting is split on {@code ;} into exactly four parts, taken by position (the names are
   * ignored): minimum length (int), maximum unsafe similarity (int), maximum character frequency
   * (float), minimum pwned matches (int). In each part surrounding whitespace and every space are
   * removed and the text between the first and second {@code :} is converted with Python's {@code
   * int}/{@code float} syntax. With another number of parts nothing applies; on a conversion error
   * the values converted before it stay and the rest keep {@code base}'s. Errors are logged, never
   * thrown. An integer too large for an {@code int} counts as a conversion error.
   */
  public static PasswordPolicy parsePolicy(String setting, PasswordPolicy base) {
    requireNonNull(setting, "setting");
    requireNonNull(base, "base");
    String[] parts = POLICY_SEPARATOR.split(setting, -1);
    if (parts.length != 4) {
      logger
          .atError()
          .addKeyValue("parts", parts.length)
          .log("passpolicy must have four parts separated by ';'; keeping the current values");
      return base;
    }

    int minPassLength = base.minPassLength();
    int maxUnsafeSimilarity = base.maxUnsafeSimilarity();
    double maxCharacterFrequency = base.maxCharacterFrequency();
    int minPwnedMatches = base.minPwnedMatches();
    try {
      minPassLength = PythonNumbers.parseInt(valueOf(parts[0]));
      maxUnsafeSimilarity = PythonNumbers.parseInt(valueOf(parts[1]));
      maxCharacterFrequency = PythonNumbers.parseFloat(valueOf(parts[2]));
      minPwnedMatches = PythonNumbers.parseInt(valueOf(parts[3]));
    } catch (IllegalArgumentException e) {
      logger.atError().log("passpolicy could not be parsed completely: {}", e.getMessage());
    }
    return new PasswordPolicy(
        minPassLength, maxUnsafeSimilarity, maxCharacterFrequency, minPwnedMatches);
  }

  /** Python's {@code part.strip().replace(' ', '').split(':')[1]}. */
  private static String valueOf(String part) {
    String[] fields = PythonText.strip(part).replace(" ", "").split(":", -1);
    if (fields.length < 2) {
      throw new IllegalArgumentException("a part has no ':'");
    }
    return fields[1];
  }
}
