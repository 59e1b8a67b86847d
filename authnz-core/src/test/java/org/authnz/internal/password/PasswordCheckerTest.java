package org.authnz.internal.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.authnz.PasswordPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 2 of the password spec and the policy cases of {@code golden-cases.md}. */
class PasswordCheckerTest {

  private static final String EMAIL = "testuser@test.org";
  private static final String G47_SHA1 = "790ded072bd34c11328e0165ba583493e89efad7";
  private static final String NAME = "Test User";

  private static final String M_SHORT12 =
      "Your password is too short. It must have at least 12 characters.";
  private static final String M_COMMON =
      "Your password is on the list of the most common passwords and is vulnerable to guessing.";
  private static final String M_SIMILAR =
      "Your password is too similar to either the domain name of this server or your own name or"
          + " email address.";
  private static final String M_FREQ =
      "Your password is not complex enough. One or more characters appear appear too frequently.";
  private static final String M_NUMERIC = "Your password cannot be all numbers.";

  private static final PasswordChecker P33 =
      PasswordChecker.create(PasswordPolicy.FUNCTION_DEFAULT, "localhost");
  private static final PasswordChecker P50 =
      PasswordChecker.create(PasswordPolicy.SERVER_DEFAULT, "localhost");

  static Stream<Arguments> goldenP33() {
    return Stream.of(
        // G43: dumb password (name similarity 35.29 >= 33).
        Arguments.of("password", List.of(M_SHORT12, M_COMMON, M_SIMILAR)),
        // G44: all digits.
        Arguments.of("239420349823904802398402375025", List.of(M_NUMERIC)),
        // G45: close to the email (64.0) and the name (94.12).
        Arguments.of("testuser", List.of(M_SHORT12, M_SIMILAR)),
        // G46: close to the name (80.0).
        Arguments.of("TestUser123", List.of(M_SHORT12, M_SIMILAR)),
        // G47's password passes checks 1 to 5 (only the network check rejects it).
        Arguments.of("passwordpassword123", List.of()),
        // G60: character frequency.
        Arguments.of("aaaaaaaaaaaaaaaaaaaaaaab", List.of(M_FREQ)),
        // G61: whitespace handling (squeezed length 10, similarity 42.11, spaces 10/18).
        Arguments.of("   short   pass   ", List.of(M_SHORT12, M_SIMILAR, M_FREQ)),
        // G62: a good password.
        Arguments.of("Xq7mPv2rLw9zTbKd", List.of()),
        Arguments.of("aROwQin9L8nNtPTEMLXd", List.of()),
        // G63: Unicode digits.
        Arguments.of("²³²³²³²³²³²³²³", List.of(M_FREQ, M_NUMERIC)),
        // G65: the frequency boundary is strict and case-sensitive.
        Arguments.of("ZZZZabcdefghij", List.of()),
        Arguments.of("ZZZZZabcdefghij", List.of(M_FREQ)),
        Arguments.of("zZzZabcdefghij", List.of()),
        // G67: the common-list lookup folds the candidate.
        Arguments.of("Password", List.of(M_SHORT12, M_COMMON, M_SIMILAR)),
        Arguments.of("PASSWORD", List.of(M_SHORT12, M_COMMON, M_SIMILAR)),
        Arguments.of("Trustno1", List.of(M_SHORT12, M_COMMON, M_SIMILAR)));
  }

  @ParameterizedTest
  @MethodSource("goldenP33")
  void check_goldenCaseUnderP33_givesTheReferenceMessages(String password, List<String> expected) {
    assertThat(P33.check(password, EMAIL, NAME)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> goldenP50() {
    return Stream.of(
        // G43 under P50: the name similarity 35.29 no longer counts.
        Arguments.of("password", List.of(M_SHORT12, M_COMMON)),
        // G61 under P50.
        Arguments.of("   short   pass   ", List.of(M_SHORT12, M_FREQ)),
        // G45 and G46 stay similar under P50 (64.0 / 94.12 and 80.0).
        Arguments.of("testuser", List.of(M_SHORT12, M_SIMILAR)),
        Arguments.of("TestUser123", List.of(M_SHORT12, M_SIMILAR)));
  }

  @ParameterizedTest
  @MethodSource("goldenP50")
  void check_goldenCaseUnderP50_givesTheReferenceMessages(String password, List<String> expected) {
    assertThat(P50.check(password, EMAIL, NAME)).containsExactlyElementsOf(expected);
  }

  @Test
  void check_breachedPassword_isRejectedWithTheCount() {
    // G47: the range API for prefix 790de lists suffix D072BD34C11328E0165BA583493E89EFAD7.
    BreachLookup stub = sha1 -> sha1.equals(G47_SHA1) ? OptionalInt.of(3000) : OptionalInt.empty();
    PasswordChecker checker =
        PasswordChecker.create(PasswordPolicy.FUNCTION_DEFAULT, "localhost", stub);

    assertThat(checker.check("passwordpassword123", EMAIL, NAME))
        .containsExactly(
            "Your password was found with 3000 matches in the database of recently compromised"
                + " Web account passwords from https://haveibeenpwned.com/Passwords and is not"
                + " secure.");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 10, 24})
  void check_fewBreachMatches_areTolerated(int count) {
    // G48: fewer matches than min_pwned_matches (25) pass.
    BreachLookup stub = sha1 -> OptionalInt.of(count);
    PasswordChecker checker =
        PasswordChecker.create(PasswordPolicy.FUNCTION_DEFAULT, "localhost", stub);

    assertThat(checker.check("passwordpassword123", EMAIL, NAME)).isEmpty();
  }

  @Test
  void check_breachLookup_runsOnlyWhenChecks1To5Pass() {
    List<String> asked = new ArrayList<>();
    BreachLookup stub =
        sha1 -> {
          asked.add(sha1);
          return OptionalInt.of(1_000_000);
        };
    PasswordChecker checker =
        PasswordChecker.create(PasswordPolicy.FUNCTION_DEFAULT, "localhost", stub);

    assertThat(checker.check("password", EMAIL, NAME)).hasSize(3);
    assertThat(asked).isEmpty();
    assertThat(checker.check("passwordpassword123", EMAIL, NAME)).hasSize(1);
    assertThat(asked).containsExactly(G47_SHA1);
  }

  @Test
  void check_failingBreachLookup_countsAsUnknownAndPasses() {
    BreachLookup failing =
        sha1 -> {
          throw new IllegalStateException("no network");
        };
    PasswordChecker checker =
        PasswordChecker.create(PasswordPolicy.FUNCTION_DEFAULT, "localhost", failing);

    assertThat(checker.check("passwordpassword123", EMAIL, NAME)).isEmpty();
  }

  @Test
  void check_perRequestMinimumLength_isInTheMessage() {
    // G64 at action level: min_pass_length 20 from the request.
    PasswordChecker checker =
        PasswordChecker.create(new PasswordPolicy(20, 33, 0.3, 25), "localhost");

    assertThat(checker.check("Abcdefghijk1", EMAIL, NAME))
        .containsExactly("Your password is too short. It must have at least 20 characters.");
  }

  @Test
  void check_perRequestValueUnderServerPolicy_isOverridden() {
    // G64 at server level: the configured passpolicy replaces the request's values.
    PasswordPolicy request = new PasswordPolicy(20, 33, 0.3, 25);
    PasswordPolicy effective =
        PasswordChecker.parsePolicy(
            "min_pass_length:12; max_unsafe_similarity:50; max_char_frequency:0.3;"
                + " min_pwned_matches:25",
            request);

    assertThat(PasswordChecker.create(effective, "localhost").check("Abcdefghijk1", EMAIL, NAME))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"qwerty123456", "QWERTY123456", "1qaz2wsx3edc", "qazwsxedcrfv"})
  void check_passwordFromTheCommonList_isRejectedWithTheReferenceMessage(String password) {
    assertThat(P33.check(password, EMAIL, NAME)).containsExactly(M_COMMON);
  }

  @Test
  void commonPasswords_takeTheTop10000OfZxcvbnByRank() {
    assertThat(CommonPasswords.size()).isEqualTo(10_000);
    assertThat(CommonPasswords.contains("123456")).isTrue();
    assertThat(CommonPasswords.contains("password")).isTrue();
    // Rank 10,000 is in, rank 10,001 is not.
    assertThat(CommonPasswords.contains("qqqqqq1")).isTrue();
    assertThat(CommonPasswords.contains("cathy1")).isFalse();
  }

  @Test
  void check_capitalisedReferenceEntry_isReportedWhenItsFoldedFormIsListed() {
    // Deviation from G67: the reference reports no M_COMMON for "Exigen" because its file has
    // only "Exigen"; zxcvbn's dictionary, which we use, has "exigen" at rank 1174.
    assertThat(P33.check("Exigen", EMAIL, NAME)).contains(M_COMMON);
  }

  @Test
  void check_commonListLookup_isNotStripped() {
    // Check 2 folds but does not strip: " password" is not on the list.
    assertThat(P33.check(" password", EMAIL, NAME)).doesNotContain(M_COMMON);
  }

  @Test
  void check_similarityToServerName_usesTheConfiguredFqdn() {
    PasswordChecker checker =
        PasswordChecker.create(PasswordPolicy.FUNCTION_DEFAULT, "auth.example.org");

    assertThat(checker.check("Auth.Example.Org!", "a@b.c", "Q")).containsExactly(M_SIMILAR);
    assertThat(P33.check("Auth.Example.Org!", "a@b.c", "Q")).isEmpty();
  }

  @Test
  void check_similarity_foldsBothSides() {
    // "Straße" folds to "strasse", as does the name "STRASSE": similarity 100.
    assertThat(P33.check("Straße-Straße-Q9", "x@y.z", "STRASSE-STRASSE-q9"))
        .containsExactly(M_SIMILAR);
  }

  @Test
  void check_emptyPasswordAndName_areSimilarAndShortButNotTooFrequent() {
    // Empty password vs empty name: ratio 1.0 (T = 0); the frequency check passes when empty.
    assertThat(P33.check("", EMAIL, "")).containsExactly(M_SHORT12, M_SIMILAR);
  }

  @Test
  void check_lengthCountsCodePoints() {
    String twelveEmoji = "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02\uD83D\uDE03".repeat(3);

    assertThat(P33.check(twelveEmoji, EMAIL, NAME)).doesNotContain(M_SHORT12);
    assertThat(P33.check(twelveEmoji.substring(2), EMAIL, NAME)).contains(M_SHORT12);
  }

  @Test
  void similarity_goldenValues_matchTheSpec() {
    assertThat(PasswordChecker.similarity("password", NAME)).isCloseTo(35.29, within(0.01));
    assertThat(PasswordChecker.similarity("password", EMAIL)).isCloseTo(32.0, within(0.01));
    assertThat(PasswordChecker.similarity("password", "localhost")).isCloseTo(23.53, within(0.01));
    assertThat(PasswordChecker.similarity("testuser", EMAIL)).isCloseTo(64.0, within(0.01));
    assertThat(PasswordChecker.similarity("testuser123", NAME)).isCloseTo(80.0, within(0.01));
  }

  static Stream<Arguments> policies() {
    PasswordPolicy base = PasswordPolicy.FUNCTION_DEFAULT;
    return Stream.of(
        Arguments.of(
            "min_pass_length:12; max_unsafe_similarity:50; max_char_frequency:0.3;"
                + " min_pwned_matches:25",
            new PasswordPolicy(12, 50, 0.3, 25)),
        // Names are ignored: the values are positional.
        Arguments.of("a:8;b:40;c:0.5;d:3", new PasswordPolicy(8, 40, 0.5, 3)),
        // Spaces anywhere in a part are removed, surrounding whitespace too.
        Arguments.of(
            " x : 1 6 ;\ty:4 0\t; z:.25 ; w: 1_000 ", new PasswordPolicy(16, 40, 0.25, 1000)),
        // Python int/float syntax: signs, exponents, Unicode digits.
        Arguments.of("a:+9;b:-1;c:1e-1;d:٤٢", new PasswordPolicy(9, -1, 0.1, 42)),
        // A parse error keeps the values converted before it and the base for the rest.
        Arguments.of("a:20;b:40;c:lots;d:1", new PasswordPolicy(20, 40, 0.3, 25)),
        Arguments.of("a:20;b:4.5;c:0.5;d:1", new PasswordPolicy(20, 33, 0.3, 25)),
        Arguments.of("a:x;b:40;c:0.5;d:1", base),
        // A part without ':' is a parse error at that position.
        Arguments.of("a:20;b40;c:0.5;d:1", new PasswordPolicy(20, 33, 0.3, 25)),
        // Only the text between the first and second ':' counts.
        Arguments.of("a:20:99;b:40;c:0.5;d:1", new PasswordPolicy(20, 40, 0.5, 1)),
        // A wrong number of parts applies nothing.
        Arguments.of("a:20;b:40;c:0.5", base),
        Arguments.of("a:20;b:40;c:0.5;d:1;e:2", base),
        Arguments.of("", base),
        // An int too large for Java is a parse error here (Python would accept it).
        Arguments.of("a:99999999999;b:40;c:0.5;d:1", base));
  }

  @ParameterizedTest
  @MethodSource("policies")
  void parsePolicy_setting_givesTheReferenceValues(String setting, PasswordPolicy expected) {
    assertThat(PasswordChecker.parsePolicy(setting, PasswordPolicy.FUNCTION_DEFAULT))
        .isEqualTo(expected);
  }

  @Test
  void parsePolicy_floatSpecialValues_areAcceptedAsPythonDoes() {
    PasswordPolicy parsed =
        PasswordChecker.parsePolicy("a:1;b:2;c:inf;d:3", PasswordPolicy.FUNCTION_DEFAULT);

    assertThat(parsed.maxCharacterFrequency()).isInfinite();
  }
}
