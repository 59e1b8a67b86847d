package org.authnz.internal.password;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Python's {@code int(str)} and {@code float(str)} conversions, for the {@code passpolicy} setting:
 * surrounding whitespace, a sign, single underscores between digits and any Unicode decimal digits
 * are accepted, as are {@code inf}, {@code infinity} and {@code nan} for floats. Thread-safe.
 */
final class PythonNumbers {

  // Digits and underscores; hasInnerUnderscoresOnly() then requires a digit on either side of
  // each underscore. Not "[0-9](?:_?[0-9])*": java.util.regex matches a repeated group by
  // recursion, so a long run of digits overflowed the stack.
  private static final String DIGITS = "[0-9_]+";
  private static final Pattern INTEGER = Pattern.compile("[+-]?" + DIGITS);
  private static final Pattern FLOAT =
      Pattern.compile(
          "[+-]?(?:"
              + DIGITS
              + "(?:\\."
              + "(?:"
              + DIGITS
              + ")?)?|\\."
              + DIGITS
              + ")(?:[eE][+-]?"
              + DIGITS
              + ")?");
  private static final Pattern SPECIAL_FLOAT = Pattern.compile("[+-]?(?:inf|infinity|nan)");

  private PythonNumbers() {}

  /**
   * Converts like Python's {@code int}.
   *
   * @throws IllegalArgumentException if the text is not an integer or does not fit an {@code int}
   */
  static int parseInt(String text) {
    String ascii = toAsciiDigits(PythonText.strip(text));
    if (!INTEGER.matcher(ascii).matches() || !hasInnerUnderscoresOnly(ascii)) {
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
    if (!FLOAT.matcher(ascii).matches() || !hasInnerUnderscoresOnly(ascii)) {
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

  /** Whether every underscore has an ASCII digit on either side, as Python's number syntax says. */
  private static boolean hasInnerUnderscoresOnly(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '_'
          && (i == 0
              || i == text.length() - 1
              || !isAsciiDigit(text.charAt(i - 1))
              || !isAsciiDigit(text.charAt(i + 1)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
