package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireTimeTest {

  @ParameterizedTest
  @CsvSource({
    "2030-01-01T00:00:00Z, 2030-01-01T00:00:00",
    "2030-01-01T00:00:00.5Z, 2030-01-01T00:00:00.500000",
    "2031-05-06T07:08:09.123456Z, 2031-05-06T07:08:09.123456",
    "2031-05-06T07:08:09.123456789Z, 2031-05-06T07:08:09.123456",
    "2031-05-06T07:08:09.000000999Z, 2031-05-06T07:08:09",
    "0999-12-31T23:59:59.000001Z, 0999-12-31T23:59:59.000001"
  })
  void format_instant_isNaiveUtcWithFractionOnlyWhenNonZero(String instant, String expected) {
    assertThat(WireTime.format(Instant.parse(instant))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "2030-01-01T00:00:00.000000Z, 2030-01-01T00:00:00Z",
    "2030-01-01T00:00:00.5Z, 2030-01-01T00:00:00.5Z",
    "2030-01-01T00:00:00.5, 2030-01-01T00:00:00.5Z",
    "2030-1-1T0:0:0.5, 2030-01-01T00:00:00.5Z",
    "Z2030-01-01T00:00:00.123456ZZ, 2030-01-01T00:00:00.123456Z"
  })
  void parseSessionExpiry_validText_isUtc(String text, String expected) {
    assertThat(WireTime.parseSessionExpiry(text)).contains(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2030-01-01T00:00:00",
        "2030-01-01T00:00:00.000000+00:00",
        "2030-01-01T00:00:00.1234567",
        "2030-02-30T00:00:00.5",
        "2030-01-01 00:00:00.5",
        "tomorrow",
        ""
      })
  void parseSessionExpiry_invalidText_isEmpty(String text) {
    assertThat(WireTime.parseSessionExpiry(text)).isEmpty();
  }
}
