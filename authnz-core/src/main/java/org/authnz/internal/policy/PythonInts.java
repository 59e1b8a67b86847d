package org.authnz.internal.policy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import org.authnz.internal.numbers.PythonLiterals;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code int()} and {@code float()} conversions of JSON values, as the limit decision and
 * the shared-with list use them ({@code permissions.md} 3.5 and 4): text may carry surrounding
 * whitespace, a sign, single underscores between digits and any Unicode decimal digits.
 * Thread-safe.
 */
final class PythonInts {

  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private PythonInts() {}

  /** Whether Python's {@code str.isspace} holds for a character of the Basic Multilingual Plane. */
  static boolean isSpace(char c) {
    return (c >= 0x09 && c <= 0x0D)
        || (c >= 0x1C && c <= 0x20)
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /** The decimal value of a Unicode decimal digit, or -1. */
  static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c < 0x80 || Character.getType(c) != Character.DECIMAL_DIGIT_NUMBER) {
      return -1;
    }
    return Character.digit(c, 10);
  }

  /**
   * Converts a value as Python's {@code int()} does: integers as they are, floats truncated toward
   * zero, booleans to 1 and 0, integer text parsed.
   *
   * @return a {@link Long} or, when it does not fit, a {@link BigInteger}; null when Python fails
   */
  static @Nullable Number toInt(@Nullable Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      return narrow(big);
    }
    if (value instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return null;
      }
      if (Math.abs(d) < 0x1p62) {
        return (long) d;
      }
      return narrow(new BigDecimal(d).toBigInteger());
    }
    if (value instanceof CharSequence text) {
      return parseInt(text, 0, text.length());
    }
    return null;
  }

  /**
   * Converts a value as Python's {@code float()} does: numbers and booleans, and numeric text
   * including exponents, {@code inf}, {@code infinity} and {@code nan}.
   *
   * @return the double, or null when Python fails (including integers too large for a double)
   */
  static @Nullable Double toFloat(@Nullable Object value) {
    if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isInfinite(d) && !(value instanceof Double || value instanceof Float)) {
        return null; // Python raises OverflowError for an integer beyond the double range
      }
      return d;
    }
    if (value instanceof CharSequence text) {
      return parseFloat(text.toString());
    }
    return null;
  }

  /**
   * Parses {@code text[start, end)} as Python's {@code int(str)} does.
   *
   * @return a {@link Long} or {@link BigInteger}, or null when the text is not an integer
   */
  static @Nullable Number parseInt(CharSequence text, int start, int end) {
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    boolean negative = false;
    if (start < end && (text.charAt(start) == '+' || text.charAt(start) == '-')) {
      negative = text.charAt(start) == '-';
      start++;
    }
    if (start == end) {
      return null;
    }
    long value = 0;
    StringBuilder big = null;
    boolean lastWasDigit = false;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '_') {
        if (!lastWasDigit || i == end - 1) {
          return null;
        }
        lastWasDigit = false;
        continue;
      }
      int d = digit(c);
      if (d < 0) {
        return null;
      }
      lastWasDigit = true;
      if (big != null) {
        big.append((char) ('0' + d));
      } else if (value > (Long.MAX_VALUE - d) / 10) {
        big = new StringBuilder().append(value).append((char) ('0' + d));
      } else {
        value = value * 10 + d;
      }
    }
    if (big == null) {
      return negative ? -value : value;
    }
    BigInteger result = new BigInteger(big.toString());
    return narrow(negative ? result.negate() : result);
  }

  /** Parses text as Python's {@code float(str)} does; null when it is not a float. */
  static @Nullable Double parseFloat(String text) {
    StringBuilder ascii = new StringBuilder(text.length());
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      int d = digit(c);
      ascii.append(d >= 0 ? (char) ('0' + d) : c);
    }
    String s = ascii.toString();
    String lower = s.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    if (!PythonLiterals.isFloat(s)) {
      return null;
    }
    return Double.parseDouble(s.replace("_", ""));
  }

  /** A {@link Long} when the value fits, otherwise the {@link BigInteger}. */
  static Number narrow(BigInteger value) {
    if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
      return value.longValue();
    }
    return value;
  }
}
