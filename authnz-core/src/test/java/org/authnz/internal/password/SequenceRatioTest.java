package org.authnz.internal.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The similarity ratio of section 2.4. Each M below was worked out by hand from the algorithm of
 * the spec (longest block first, earliest in a then in b, recursion on both sides, the popular rule
 * for b of 200 or more code points and the extension over equal neighbours); the ratio is then 2M /
 * (len a + len b) over code points.
 */
class SequenceRatioTest {

  private static final String A150_B60 = "a".repeat(150) + "b".repeat(60);
  private static final String C_AB100 = "c" + "ab".repeat(100);
  private static final String CJK_250 = codePoints(0x4E00, 250);

  static Stream<Arguments> pairs() {
    return Stream.of(
        // The spec's own examples (G66, section 2.4).
        Arguments.of("password", "test user", 3),
        Arguments.of("password", "testuser@test.org", 4),
        Arguments.of("password", "localhost", 2),
        Arguments.of("testuser", "test user", 8),
        Arguments.of("abcd", "bcda", 3),
        Arguments.of("abxcd", "abcd", 4),
        Arguments.of("ab".repeat(10), "ba".repeat(10), 19),
        // Empty strings: T = 0 gives 1.0; one side empty gives 0.
        Arguments.of("", "", 0),
        Arguments.of("a", "", 0),
        Arguments.of("", "abc", 0),
        // Plain cases.
        Arguments.of("abc", "abc", 3),
        Arguments.of("abc", "xyz", 0),
        Arguments.of("ab", "ba", 1),
        Arguments.of("abcd", "cdab", 2),
        Arguments.of("Password", "password", 7),
        // Repeated characters.
        Arguments.of("aaaa", "aa", 2),
        Arguments.of("aa", "aaaa", 2),
        Arguments.of("aaa", "aaaaaaa", 3),
        Arguments.of("abcabc", "abc", 3),
        Arguments.of("abcabcabc", "cba", 1),
        // Tie-breaking: the first maximal block in a wins, which decides the total.
        // "aba"/"acb": a0-b0 first, then "b" on the right: 2 (choosing a2-b0 would give 1).
        Arguments.of("aba", "acb", 2),
        // "abca"/"ba": a0-b1 first leaves nothing on either side: 1 (a1-b0 would give 2).
        Arguments.of("abca", "ba", 1),
        // Golden-case values (G45, G46, G61).
        Arguments.of("testuser", "testuser@test.org", 8),
        Arguments.of("testuser123", "test user", 8),
        Arguments.of("short pass", "test user", 4),
        // Unicode: code points, not UTF-16 units and not normalised.
        Arguments.of("straße", "strasse", 5),
        Arguments.of("ß", "ss", 0),
        Arguments.of("\uD83D\uDE00\uD83D\uDE00ab", "ab\uD83D\uDE00", 2),
        Arguments.of("日本語", "日本", 2),
        Arguments.of("éa", "e\u0301a", 1),
        // Long b (200+ code points): popular code points leave the index.
        Arguments.of("aab", A150_B60, 2),
        Arguments.of("bab", A150_B60, 0),
        // 'a' and 'b' are popular and 'c' starts b: nothing matches (2 without autojunk).
        Arguments.of("ab", C_AB100, 0),
        // 'c' matches and the extension then absorbs the popular "ab" after it.
        Arguments.of("cab", C_AB100, 3),
        Arguments.of("zab", C_AB100, 0),
        // Only the extension from (0, 0) can match a popular 'x'.
        Arguments.of("x", "x".repeat(199) + "y", 1),
        Arguments.of("xy", "x".repeat(199) + "y", 2),
        Arguments.of("x", "x".repeat(198) + "y", 1),
        // Everything popular, yet the extension covers the whole equal string.
        Arguments.of("ab".repeat(110), "ab".repeat(110), 220),
        // 250 distinct code points: none popular, the block is found normally.
        Arguments.of(CJK_250.substring(100, 110), CJK_250, 10),
        Arguments.of(codePoints(0x4E00 + 240, 20), CJK_250, 10));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void ratio_handComputedPair_matchesTheSpecDefinition(String a, String b, int matched) {
    int total = a.codePointCount(0, a.length()) + b.codePointCount(0, b.length());
    double expected = total == 0 ? 1.0 : 2.0 * matched / total;

    assertThat(SequenceRatio.matchingCharacters(a, b)).isEqualTo(matched);
    assertThat(SequenceRatio.ratio(a, b)).isCloseTo(expected, within(1e-12));
  }

  @ParameterizedTest
  @MethodSource("specPercentages")
  void ratio_specExample_givesThePublishedPercentage(String a, String b, double percent) {
    assertThat(100 * SequenceRatio.ratio(a, b)).isCloseTo(percent, within(0.01));
  }

  static Stream<Arguments> specPercentages() {
    return Stream.of(
        Arguments.of("password", "test user", 35.29),
        Arguments.of("password", "testuser@test.org", 32.0),
        Arguments.of("password", "localhost", 23.53),
        Arguments.of("testuser", "test user", 94.12),
        Arguments.of("abxcd", "abcd", 88.89),
        Arguments.of("", "", 100.0),
        Arguments.of("aab", A150_B60, 1.88),
        Arguments.of("short pass", "test user", 42.11));
  }

  private static String codePoints(int first, int count) {
    StringBuilder out = new StringBuilder();
    IntStream.range(first, first + count).forEach(out::appendCodePoint);
    return out.toString();
  }
}
