package org.authnz.internal.policy;

import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * One role limit, compiled: the value conversion, the strict comparison and the converted limit.
 * Immutable.
 */
final class LimitRule {

  /** A limit entry that is null or empty: every value passes, as in the reference. */
  static final LimitRule NONE = new LimitRule(false, false, null);

  private final boolean isFloat;
  private final boolean lessThan;
  private final @Nullable Number limit;

  private LimitRule(boolean isFloat, boolean lessThan, @Nullable Number limit) {
    this.isFloat = isFloat;
    this.lessThan = lessThan;
    this.limit = limit;
  }

  /**
   * A rule comparing with {@code lessThan} ({@code lt}) or greater-than ({@code gt}) after
   * converting both sides to {@code int} or {@code float}. A limit that does not convert fails
   * every value.
   */
  static LimitRule of(boolean isFloat, boolean lessThan, Object rawLimit) {
    Number converted = isFloat ? PythonInts.toFloat(rawLimit) : PythonInts.toInt(rawLimit);
    return new LimitRule(isFloat, lessThan, converted == null ? Double.NaN : converted);
  }

  /** Whether {@code value} passes. */
  boolean passes(@Nullable Object value) {
    Number bound = limit;
    if (bound == null) {
      return true;
    }
    if (isFloat) {
      Double v = PythonInts.toFloat(value);
      double b = bound.doubleValue();
      return v != null && (lessThan ? v < b : v > b);
    }
    if (bound instanceof Double) {
      return false; // the limit itself did not convert
    }
    int order;
    if ((value instanceof Integer || value instanceof Long) && bound instanceof Long b) {
      order = Long.compare(((Number) value).longValue(), b);
    } else {
      Number v = PythonInts.toInt(value);
      if (v == null) {
        return false;
      }
      order = compareIntegers(v, bound);
    }
    return lessThan ? order < 0 : order > 0;
  }

  private static int compareIntegers(Number a, Number b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return toBig(a).compareTo(toBig(b));
  }

  private static BigInteger toBig(Number n) {
    return n instanceof BigInteger big ? big : BigInteger.valueOf(n.longValue());
  }
}
