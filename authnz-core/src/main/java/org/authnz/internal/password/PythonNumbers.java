package org.authnz.internal.password;

import java.util.Locale;
import java.util.regex.Pattern;
import org.authnz.internal.numbers.PythonLiterals;

/**
 * Python's {@code int(str)} and {@code float(str)} conversions, for the {@code passpolicy} setting:
 * surrounding whitespace, a sign, single underscores between digits and any Unicode decimal digits
 * are accepted, as are {@code inf}, {@code infinity} and {@code nan} for floats. Thread-safe.
 */
final class PythonNumbers {

  private static final Pattern SPECIAL_FLOAT = Pattern.compile("[+-]?(?:inf|infinity|nan)");

  private PythonNumbers() {}

  /**
   * Converts like Python's {@code int}.
   *
   * @throws IllegalArgumentException if the text is not an integer or does not fit an {@code int}
   */
  static int parseInt(String text) {
    String ascii = toAsciiDigits(PythonText.strip(text));
    if (!PythonLiterals.isInteger(ascii)) {
      throw new IllegalArgumentException("not an integer");
    }
    try {
      return Integer.parseInt(ascii.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("integer out of range");
    }
  }

  /**
   * Converts like Python's {@code float}.
   *
   * @throws IllegalArgumentException if the text is not a float
   */
  static double parseFloat(String text) {
    String ascii = toAsciiDigits(PythonText.strip(text));
    String lower = ascii.toLowerCase(Locale.ROOT);
    if (SPECIAL_FLOAT.matcher(lower).matches()) {
      boolean negative = lower.startsWith("-");
      if (lower.endsWith("nan")) {
        return Double.NaN;
      }
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!PythonLiterals.isFloat(ascii)) {
      throw new IllegalArgumentException("not a float");
    }
    return Double.parseDouble(ascii.replace("_", ""));
  }

  /** Replaces every Unicode decimal digit by its ASCII digit, as Python's conversions do. */
  private static String toAsciiDigits(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + Character.digit(cp, 10)));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }
}
