package org.authnz.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SqliteTimesTest {

  @Test
  void format_anyInstant_givesSixFractionalDigitsWithSpaceSeparator() {
    assertThat(SqliteTimes.format(Instant.parse("2024-01-02T03:04:05Z")))
        .isEqualTo("2024-01-02 03:04:05.000000");
    assertThat(SqliteTimes.format(Instant.parse("2024-01-02T03:04:05.1Z")))
        .isEqualTo("2024-01-02 03:04:05.100000");
    assertThat(SqliteTimes.format(Instant.parse("2024-01-02T03:04:05.123456999Z")))
        .isEqualTo("2024-01-02 03:04:05.123456");
  }

  @Test
  void parse_referenceText_givesUtcInstant() {
    assertThat(SqliteTimes.parse("2024-01-02 03:04:05.000001"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05.000001Z"));
  }

  @Test
  void parse_otherCommonForms_areAccepted() {
    assertThat(SqliteTimes.parse("2024-01-02 03:04:05"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(SqliteTimes.parse("2024-01-02T03:04:05.5"))
        .isEqualTo(Instant.parse("2024-01-02T03:04:05.5Z"));
  }

  @Test
  void parse_notADatetime_throwsIllegalArgumentWithoutTheText() {
    assertThatThrownBy(() -> SqliteTimes.parse("secret-ish"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret-ish");
  }

  @Test
  void formatThenParse_roundTripsAtMicroseconds() {
    Instant instant = Instant.parse("1999-12-31T23:59:59.999999Z");

    assertThat(SqliteTimes.parse(SqliteTimes.format(instant))).isEqualTo(instant);
  }
}
