package org.authnz;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date-times as authnzerver writes and reads them: naive UTC, {@code YYYY-MM-DDTHH:MM:SS} plus
 * {@code .ffffff} only when the microseconds are not zero ({@code wire-protocol.md} 10).
 *
 * <p>Thread-safe (stateless).
 */
public final class WireTime {

  // session-new's parser: any Z removed, then a mandatory fraction of 1-6 digits.
  private static final Pattern SESSION_EXPIRY =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})T(\\d{1,2}):(\\d{1,2}):(\\d{1,2})\\.(\\d{1,6})");

  private WireTime() {}

  /** Renders an instant, truncated to microseconds, as the reference does. */
  public static String format(Instant instant) {
    LocalDateTime time =
        LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    String base =
        String.format(
            "%04d-%02d-%02dT%02d:%02d:%02d",
            time.getYear(),
            time.getMonthValue(),
            time.getDayOfMonth(),
            time.getHour(),
            time.getMinute(),
            time.getSecond());
    int micros = time.getNano() / 1000;
    return micros == 0 ? base : base + String.format(".%06d", micros);
  }

  /**
   * Parses a datetime as {@link #format} writes it ({@code YYYY-MM-DDTHH:MM:SS} with an optional
   * fraction), taken as UTC.
   *
   * @throws java.time.format.DateTimeParseException when the text is no such datetime
   */
  public static Instant parse(String text) {
    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
  }

  /**
   * Parses a {@code session-new} expiry: every {@code Z} is removed, then the text must be {@code
   * YYYY-MM-DDTHH:MM:SS.f} with 1-6 fraction digits, taken as UTC.
   *
   * @return the instant, or empty when the text does not parse
   */
  public static Optional<Instant> parseSessionExpiry(String text) {
    Matcher m = SESSION_EXPIRY.matcher(text.replace("Z", ""));
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      String fraction = (m.group(7) + "00000").substring(0, 6);
      LocalDateTime time =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)),
              Integer.parseInt(fraction) * 1000);
      return Optional.of(time.toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
