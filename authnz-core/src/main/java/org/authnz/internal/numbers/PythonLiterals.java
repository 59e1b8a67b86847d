package org.authnz.internal.numbers;

import java.util.regex.Pattern;

/**
 * Whether text, already stripped and with its digits made ASCII, has the form Python's {@code
 * int(str)} or {@code float(str)} accepts: a sign, digits with single underscores between them, and
 * for floats a point and an exponent. {@code inf} and {@code nan} are the callers' concern.
 * Thread-safe (stateless).
 */
public final class PythonLiterals {

  // Digits and underscores; hasInnerUnderscoresOnly() then requires a digit on either side of
  // each underscore. Not "[0-9](?:_?[0-9])*": java.util.regex matches a repeated group by
  // recursion, so a long run of digits overflowed the stack.
  private static final String DIGITS = "[0-9_]+";
  private static final Pattern INTEGER = Pattern.compile("[+-]?" + DIGITS);
  private static final Pattern FLOAT =
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

  private PythonLiterals() {}

  /**
   * Whether {@code ascii} is an integer literal: {@code -1_000}, not {@code 1__0} or {@code _1}.
   */
  public static boolean isInteger(String ascii) {
    return INTEGER.matcher(ascii).matches() && hasInnerUnderscoresOnly(ascii);
  }

  /** Whether {@code ascii} is a finite float literal: {@code 1.5e3}, {@code .5}, {@code 1_0.}. */
  public static boolean isFloat(String ascii) {
    return FLOAT.matcher(ascii).matches() && hasInnerUnderscoresOnly(ascii);
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
