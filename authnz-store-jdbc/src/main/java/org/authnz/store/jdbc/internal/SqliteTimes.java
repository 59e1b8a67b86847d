package org.authnz.store.jdbc.internal;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * The datetime text of the reference schema on SQLite: naive UTC, {@code YYYY-MM-DD
 * HH:MM:SS.ffffff}, always six fractional digits (spec/storage-schema.md section 6.1).
 *
 * <p>SQLite compares these values as strings, so writing any other form breaks expiry checks and
 * ordering. Reading is lenient (a {@code T} separator, zero to nine fractional digits).
 * Thread-safe.
 */
public final class SqliteTimes {
  private static final DateTimeFormatter WRITE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter READ =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  private SqliteTimes() {}

  /** Renders an instant, truncated to microseconds, in the reference text form. */
  public static String format(Instant instant) {
    requireNonNull(instant, "instant");
    return WRITE.format(
        LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
  }

  /**
   * Parses a stored datetime text as UTC.
   *
   * @throws IllegalArgumentException when the text is not a datetime
   */
  public static Instant parse(String text) {
    requireNonNull(text, "text");
    String normalized =
        text.length() > 10 && text.charAt(10) == 'T'
            ? text.substring(0, 10) + ' ' + text.substring(11)
            : text;
    try {
      return LocalDateTime.parse(normalized, READ).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("stored datetime is not in the expected form", e);
    }
  }
}
