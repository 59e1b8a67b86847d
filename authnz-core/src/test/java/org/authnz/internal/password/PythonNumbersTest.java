package org.authnz.internal.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Python's {@code int(str)} and {@code float(str)} as the {@code passpolicy} setting uses them. */
class PythonNumbersTest {
  private static final String DIGITS = "[0-9](?:_?[0-9])*";
  private static final Pattern FORMER_INTEGER = Pattern.compile("[+-]?" + DIGITS);
  private static final Pattern FORMER_FLOAT =
      Pattern.compile(
          "[+-]?(?:"
              + DIGITS
              + "(?:\\.(?:"
              + DIGITS
              + ")?)?|\\."
              + DIGITS
              + ")(?:[eE][+-]?"
              + DIGITS
              + ")?");

  @Test
  void parse_hundredsOfThousandsOfDigits_failsAsANumberNotWithAStackOverflow() {
    // Regression: the former "[0-9](?:_?[0-9])*" recursed once per digit.
    assertThatThrownBy(() -> PythonNumbers.parseInt("1".repeat(200_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("integer out of range");
    assertThat(PythonNumbers.parseFloat("1_0".repeat(100_000))).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void parse_everyShortString_acceptsWhatTheFormerExpressionsAccepted() {
    char[] alphabet = {'1', '0', '_', '.', 'e', '+', '-', ' '};
    List<String> strings = new ArrayList<>(List.of(""));
    List<String> disagreements = new ArrayList<>();
    for (int length = 1; length <= 6; length++) {
      List<String> longer = new ArrayList<>();
      for (String prefix : strings) {
        for (char c : alphabet) {
          String s = prefix + c;
          longer.add(s);
          String stripped = PythonText.strip(s);
          if (parsesAsInt(s) != FORMER_INTEGER.matcher(stripped).matches()
              || parsesAsFloat(s) != FORMER_FLOAT.matcher(stripped).matches()) {
            disagreements.add(s);
          }
        }
      }
      strings = longer;
    }

    assertThat(disagreements).isEmpty();
  }

  private static boolean parsesAsInt(String s) {
    try {
      PythonNumbers.parseInt(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean parsesAsFloat(String s) {
    try {
      PythonNumbers.parseFloat(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
