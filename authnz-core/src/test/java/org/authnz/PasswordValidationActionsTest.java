package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.M_FREQ;
import static org.authnz.Fixture.M_NUMERIC;
import static org.authnz.Fixture.M_SHORT12;
import static org.authnz.Fixture.M_SIMILAR;
import static org.authnz.Fixture.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden cases G60-G65 ({@code spec/golden-cases.md} section 6) through user-validatepass. */
class PasswordValidationActionsTest {
  @TempDir Path tempDir;

  private static ObjectNode validate(Fixture fx, String password) {
    ObjectNode body = json("{'email': 'testuser@test.org', 'full_name': 'Test User'}");
    body.put("password", password);
    return fx.call("user-validatepass", body);
  }

  private static ObjectNode insecure(List<String> messages) {
    ObjectNode expected =
        json("{'success': false, 'failure_reason': 'password is insecure or invalid'}");
    expected.set("messages", Fixture.MAPPER.valueToTree(messages));
    return expected;
  }

  static Stream<Arguments> p33Cases() {
    return Stream.of(
        Arguments.of("aaaaaaaaaaaaaaaaaaaaaaab", List.of(M_FREQ)), // G60
        Arguments.of("   short   pass   ", List.of(M_SHORT12, M_SIMILAR, M_FREQ)), // G61
        Arguments.of("\u00b2\u00b3".repeat(7), List.of(M_FREQ, M_NUMERIC)), // G63
        Arguments.of("ZZZZZabcdefghij", List.of(M_FREQ))); // G65
  }

  // G60, G61, G63, G65 (failing side)
  @ParameterizedTest
  @MethodSource("p33Cases")
  void userValidatepass_insecurePassword_failsWithPolicyMessages(
      String password, List<String> messages) {
    Fixture fx = new Fixture(tempDir);

    assertThat(validate(fx, password)).isEqualTo(insecure(messages));
  }

  // G61 under P50
  @Test
  void userValidatepass_whitespacePasswordUnderServerPolicy_isNotSimilar() {
    Fixture fx = new Fixture(tempDir, PasswordPolicy.SERVER_DEFAULT);

    assertThat(validate(fx, "   short   pass   ")).isEqualTo(insecure(List.of(M_SHORT12, M_FREQ)));
  }

  // G62, G65 (passing side)
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"Xq7mPv2rLw9zTbKd", "ZZZZabcdefghij", "zZzZabcdefghij"})
  void userValidatepass_goodPassword_succeedsWithNoMessages(String password) {
    Fixture fx = new Fixture(tempDir);

    assertThat(validate(fx, password)).isEqualTo(json("{'success': true, 'messages': []}"));
  }

  // G64, level action: a per-request policy applies
  @Test
  void validate_perRequestPolicy_isApplied() {
    Fixture fx = new Fixture(tempDir);
    PasswordPolicy min20 = new PasswordPolicy(20, 33, 0.3, 25);

    Outcome<List<String>> outcome =
        fx.service
            .passwords()
            .validate(
                new ValidatePasswordRequest(
                    Password.of("Abcdefghijk1"), "testuser@test.org", "Test User", min20));

    assertThat(outcome)
        .isEqualTo(
            Outcome.denied(
                new Denial(
                    DenialCode.WEAK_PASSWORD,
                    "password is insecure or invalid",
                    List.of("Your password is too short. It must have at least 20 characters."),
                    null)));
  }

  // G64, level server: the configured policy overrides the request's values (kept quirk)
  @Test
  void userValidatepass_perRequestPolicyOnTheWire_isOverriddenByConfiguredPolicy() {
    Fixture fx = new Fixture(tempDir, PasswordPolicy.SERVER_DEFAULT);
    ObjectNode body =
        json(
            "{'password': 'Abcdefghijk1', 'email': 'testuser@test.org',"
                + " 'full_name': 'Test User', 'min_pass_length': 20}");

    assertThat(fx.call("user-validatepass", body))
        .isEqualTo(json("{'success': true, 'messages': []}"));
  }
}
