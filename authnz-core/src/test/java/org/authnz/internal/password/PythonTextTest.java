package org.authnz.internal.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PythonTextTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // input | full case folding (Python's str.casefold)
        "ß | ss",
        "ẞ | ss",
        "STRASSE | strasse",
        "Straße | strasse",
        "ΣΑΣ | σασ",
        "ς | σ",
        "ﬁ | fi",
        "İ | i\u0307",
        "ŉ | ʼn",
        "Ꭰ | Ꭰ",
        "ꭰ | Ꭰ",
        "ᏸ | Ᏸ",
        "ǅ | ǆ",
        "ΐ | ι\u0308\u0301",
        "ﬃ | ffi",
        "\u212A | k",
        "\uD801\uDC00 | \uD801\uDC28",
        "abc123 | abc123"
      })
  void casefold_character_foldsAsPython(String input, String expected) {
    assertThat(PythonText.casefold(input)).isEqualTo(expected);
  }

  @Test
  void casefold_differsFromUpperThenLower_whereJavaHasNoFolding() {
    // The usual approximation fails for final sigma and capital sharp s; the table does not.
    assertThat("ΣΑΣ".toUpperCase(java.util.Locale.ROOT).toLowerCase(java.util.Locale.ROOT))
        .isEqualTo("σας");
    assertThat(PythonText.casefold("ΣΑΣ")).isEqualTo("σασ");
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000,
        0x2005, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000
      })
  void strip_pythonWhitespace_isRemovedAtBothEnds(int whitespace) {
    String ws = Character.toString(whitespace);

    assertThat(PythonText.strip(ws + ws + "a b" + ws)).isEqualTo("a b");
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x08, 0x200B, 0xFEFF, 0x180E})
  void strip_notPythonWhitespace_isKept(int other) {
    String text = Character.toString(other) + "a" + Character.toString(other);

    assertThat(PythonText.strip(text)).isEqualTo(text);
  }

  @Test
  void squeeze_runsOfControlAndSpace_becomeOneSpaceAndAreStripped() {
    assertThat(PythonText.squeeze("  short \t\n pass\u0001\u0002x  ")).isEqualTo("short pass x");
    // U+00A0 is not in U+0000..U+0020: squeezing keeps it, only strip removes it at the ends.
    assertThat(PythonText.squeeze("a\u00A0\u00A0b")).isEqualTo("a\u00A0\u00A0b");
  }

  @Test
  void length_supplementaryCharacters_countOncePerCodePoint() {
    assertThat(PythonText.length("\uD83D\uDE00ab")).isEqualTo(3);
    assertThat(PythonText.length("")).isZero();
  }

  @Test
  void truncate_longText_keepsTheFirstCodePoints() {
    String emoji = "\uD83D\uDE00";

    assertThat(PythonText.truncate(emoji.repeat(300), 256)).isEqualTo(emoji.repeat(256));
    assertThat(PythonText.truncate("short", 256)).isEqualTo("short");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0123456789", "²³", "²³²³²³²³²³²³²³", "¹", "٣٤", "①②", "⁰", "𝟘𝟙"})
  void isAllDigits_decimalOrDigitNumericType_isTrue(String text) {
    assertThat(PythonText.isAllDigits(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12a", "½", "Ⅻ", "一", "⑩", "1 2", "-1", "1.5"})
  void isAllDigits_otherText_isFalse(String text) {
    assertThat(PythonText.isAllDigits(text)).isFalse();
  }
}
