package org.authnz.internal.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import org.authnz.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Section 4 of the password spec and the e-mail cases of {@code golden-cases.md} section 5. */
class EmailValidatorTest {

  private static final EmailValidator NO_LIST = EmailValidator.create(null);
  private static final EmailValidator WITH_LIST = EmailValidator.create(listFile());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "testuser@test.org",
        "Test.User@Example.ORG",
        "o\u2019brien@example.com",
        "testuser@localhost",
        ".a..b.@x.org",
        "a!#$%&*+/=?^_`{|}~-@x.org",
        "Admin@example.com",
        "ADMIN@example.com",
        "a@b-c.d-e.f",
        "a@1.2.3.4",
        "x@sub.mailinator.com"
      })
  void isValid_acceptedAddress_isTrue(String email) {
    assertThat(WITH_LIST.isValid(email)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // G55: the ASCII apostrophe is not allowed (U+2019 is).
        "o'brien@example.com",
        "",
        "plain",
        "@x.org",
        "a@",
        "a@@x.org",
        "a@b@x.org",
        "a b@x.org",
        "a\"b@x.org",
        "(a)@x.org",
        "a,b@x.org",
        "a@x.org.",
        "a@.x.org",
        "a@x..org",
        "a@-x.org",
        "a@x-.org",
        "a@x_y.org",
        "a@x.org ",
        " a@x.org",
        "é@x.org",
        "a@bücher.de",
        "a@x.org\n",
        "a@x.org\r\n",
        "a\u2018b@x.org"
      })
  void isValid_badSyntax_isFalse(String email) {
    assertThat(NO_LIST.isValid(email)).isFalse();
  }

  @Test
  void isValid_domainLabels_allowUpTo255Characters() {
    assertThat(NO_LIST.isValid("a@" + "b".repeat(255) + ".org")).isTrue();
    assertThat(NO_LIST.isValid("a@" + "b".repeat(256) + ".org")).isFalse();
  }

  @Test
  void hasValidSyntax_domainOfThousandsOfLabels_answersWithoutOverflowingTheStack() {
    // Regression: a repeated group in the former regular expression recursed once per label.
    String manyLabels = "s@" + String.join(".", Collections.nCopies(500, "ab"));
    String longer = "x@" + "ab.".repeat(100_000) + "org";

    assertThat(EmailValidator.hasValidSyntax(manyLabels)).isTrue();
    assertThat(EmailValidator.hasValidSyntax(longer)).isTrue();
    assertThat(NO_LIST.isValid(longer + ".")).isFalse();
  }

  @Test
  void hasValidSyntax_everyShortString_agreesWithTheWhatwgExpression() {
    // The former implementation, the WHATWG rule as a regular expression, is the oracle: fine for
    // short text. Every string of up to 6 characters over an alphabet that exercises each rule.
    Pattern oracle =
        Pattern.compile(
            "[A-Za-z0-9.!#$%&*+/=?^_`{|}~\u2019-]+@"
                + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,253}[A-Za-z0-9])?"
                + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,253}[A-Za-z0-9])?)*");
    char[] alphabet = {'a', 'Z', '7', '-', '.', '@', '\u2019', '\'', '!', '\n', ' ', '\u00e9'};
    List<String> strings = new ArrayList<>(List.of(""));
    List<String> disagreements = new ArrayList<>();
    int checked = 0;
    for (int length = 1; length <= 6; length++) {
      List<String> longer = new ArrayList<>();
      for (String prefix : strings) {
        for (char c : alphabet) {
          String s = prefix + c;
          if (length < 6) {
            longer.add(s);
          }
          if (EmailValidator.hasValidSyntax(s) != oracle.matcher(s).matches()) {
            disagreements.add(s);
          }
          checked++;
        }
      }
      strings = longer;
    }
    assertThat(disagreements).isEmpty();
    assertThat(checked).isGreaterThan(3_000_000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // G54.
        "me@example.com",
        "admin@x.org",
        "postmaster@x.org",
        "no-reply@x.org",
        "mailer-daemon@x.org",
        ".htaccess@x.org",
        "robots.txt@x.org",
        "contact-us@x.org",
        "www@x.org",
        "work@x.org"
      })
  void isValid_reservedLocalPart_isFalse(String email) {
    assertThat(NO_LIST.isValid(email)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // G53: the domain is case-folded before the lookup.
        "someone@Mailinator.com",
        "someone@mailinator.com",
        "someone@MAILINATOR.COM",
        "x@yopmail.com",
        "x@10minutemail.com",
        "x@guerrillamail.com"
      })
  void isValid_disposableDomain_isFalse(String email) {
    assertThat(WITH_LIST.isValid(email)).isFalse();
    assertThat(NO_LIST.isValid(email)).isTrue();
  }

  @Test
  void create_listFile_ignoresCommentsAndBlankLines() {
    assertThat(WITH_LIST.disposableDomainCount()).isEqualTo(4);
    assertThat(NO_LIST.disposableDomainCount()).isZero();
  }

  @Test
  void create_listEntriesInCapitals_areFolded(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("list.conf"), "Trash-Mail.COM\r\n");

    assertThat(EmailValidator.create(file).isValid("x@trash-mail.com")).isFalse();
  }

  @Test
  void create_missingFile_failsWithAConfigurationError(@TempDir Path dir) {
    assertThatThrownBy(() -> EmailValidator.create(dir.resolve("absent.conf")))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // G56 and G54: lower-casing of ASCII addresses.
        "Test.User@Example.ORG | test.user@example.org",
        "Admin@example.com | admin@example.com",
        "o\u2019Brien@example.com | o\u2019brien@example.com",
        // NFKC and full case folding for anything else.
        "Stra\u00DFe@B\u00FCcher.DE | strasse@b\u00FCcher.de",
        "\uFF2A\uFF4F\uFF48\uFF4E@example.org | john@example.org",
        "\uFB01le@x.org | file@x.org",
        "a\uFF20b@x.org | a@b@x.org"
      })
  void normalize_address_isNfkcThenCaseFoldedPerPart(String email, String expected) {
    assertThat(EmailValidator.normalize(email)).isEqualTo(expected);
  }

  private static Path listFile() {
    try {
      return Path.of(
          EmailValidatorTest.class.getResource("/password/disposable-domains.conf").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
