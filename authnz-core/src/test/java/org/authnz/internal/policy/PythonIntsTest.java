package org.authnz.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Python's {@code float(str)} as the limit rules use it on request values. */
class PythonIntsTest {

  @Test
  void toFloat_hundredsOfThousandsOfDigits_answersWithoutOverflowingTheStack() {
    // Regression: the former "[0-9](?:_?[0-9])*" recursed once per digit.
    assertThat(PythonInts.toFloat("1".repeat(200_000))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(PythonInts.toFloat("0." + "1_1".repeat(50_000))).isBetween(0.11, 0.12);
    assertThat(PythonInts.toFloat("1__1".repeat(50_000))).isNull();
  }

  @Test
  void toFloat_everyShortString_acceptsWhatTheFormerExpressionAccepted() {
    String digits = "[0-9](?:_?[0-9])*";
    Pattern oracle =
        Pattern.compile(
            "[+-]?(?:"
                + digits
                + "(?:\\.(?:"
                + digits
                + ")?)?|\\."
                + digits
                + ")(?:[eE][+-]?"
                + digits
                + ")?");
    char[] alphabet = {'1', '0', '_', '.', 'e', '+', '-', 'x'};
    List<String> strings = new ArrayList<>(List.of(""));
    List<String> disagreements = new ArrayList<>();
    for (int length = 1; length <= 7; length++) {
      List<String> longer = new ArrayList<>();
      for (String prefix : strings) {
        for (char c : alphabet) {
          String s = prefix + c;
          longer.add(s);
          if ((PythonInts.toFloat(s) != null) != oracle.matcher(s).matches()) {
            disagreements.add(s);
          }
        }
      }
      strings = longer;
    }

    assertThat(disagreements).isEmpty();
  }
}
