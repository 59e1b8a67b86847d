package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

  @ParameterizedTest
  @CsvSource({
    "1.1.1.1, 1.1.1.1",
    "255.255.255.255, 255.255.255.255",
    "0.0.0.0, 0.0.0.0",
    "2001:DB8::0001, 2001:db8::1",
    "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "::1, ::1",
    "::, ::",
    "1::, 1::",
    "1:0:0:2:0:0:0:3, 1:0:0:2::3",
    "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
    "1:0:2:3:4:5:6:7, 1:0:2:3:4:5:6:7",
    "fe80::1:2:3:4, fe80::1:2:3:4"
  })
  void canonical_validAddress_isCanonicalText(String text, String expected) {
    assertThat(IpAddresses.canonical(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2.3",
        "01.2.3.4",
        "256.1.1.1",
        "1.2.3.4.5",
        "localhost",
        "example.org",
        "1:2:3:4:5:6:7:8:9",
        "::g",
        "",
        " 1.1.1.1"
      })
  void canonical_invalidAddress_isEmpty(String text) {
    assertThat(IpAddresses.canonical(text)).isEmpty();
  }
}
