package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonReprTest {

  @Test
  void list_plainKeys_areSingleQuotedAndCommaSeparated() {
    assertThat(PythonRepr.list(List.of("full_name", "password")))
        .isEqualTo("['full_name', 'password']");
    assertThat(PythonRepr.set(List.of("password"))).isEqualTo("{'password'}");
  }

  @Test
  void string_quotesAndControls_areEscapedAsPythonDoes() {
    assertThat(PythonRepr.string("it's")).isEqualTo("\"it's\"");
    assertThat(PythonRepr.string("it's \"x\"")).isEqualTo("'it\\'s \"x\"'");
    assertThat(PythonRepr.string("a\\b\n\u0001")).isEqualTo("'a\\\\b\\n\\x01'");
  }
}
