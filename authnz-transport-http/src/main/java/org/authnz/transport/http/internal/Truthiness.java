package org.authnz.transport.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/** Python's truth test on JSON values, which many checks of the reference use. */
public final class Truthiness {

  private Truthiness() {}

  /**
   * Whether {@code value} is truthy: not absent, {@code null}, {@code false}, a zero number, an
   * empty string, an empty array or an empty object. {@code NaN} is truthy, as in Python.
   */
  public static boolean isTruthy(@Nullable JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return false;
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().signum() != 0;
    }
    if (value.isBigInteger()) {
      return value.bigIntegerValue().signum() != 0;
    }
    if (value.isNumber()) {
      return value.doubleValue() != 0.0 || Double.isNaN(value.doubleValue());
    }
    if (value.isTextual()) {
      return !value.textValue().isEmpty();
    }
    if (value.isContainerNode()) {
      return value.size() > 0;
    }
    return true;
  }
}
