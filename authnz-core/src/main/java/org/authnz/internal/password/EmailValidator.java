package org.authnz.internal.password;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.authnz.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * The e-mail address checks of {@code spec/actions-passwords-email.md} section 4.
 *
 * <p>An address is valid iff it matches the HTML5 ("WHATWG valid e-mail address") syntax with the
 * reference's deviation (U+2019 allowed in the local part, the ASCII apostrophe not), its local
 * part is not a reserved name (case-sensitive: {@code Admin} passes) and its domain, case-folded,
 * is not a listed disposable domain (exactly: sub-domains are not matched).
 *
 * <p>Two deliberate differences from the reference: a single trailing {@code \n}, which the
 * reference's regular expression tolerates (and would store), is rejected, as the spec allows; and
 * the homoglyph rule (rule 4) is not implemented, because rule 1 admits only ASCII and U+2019,
 * scripts Latin and Common, which can never be mixed-script, so rule 4 cannot reject an address
 * that passed rule 1.
 *
 * <p>Thread-safe.
 */
public final class EmailValidator {

  private static final String LOCAL_PART_SYMBOLS = ".!#$%&*+/=?^_`{|}~\u2019-";
  private static final int MAX_LABEL_LENGTH = 255;

  private static final Set<String> RESERVED_LOCAL_PARTS =
      Set.of(
          "autoconfig",
          "autodiscover",
          "broadcasthost",
          "isatap",
          "localdomain",
          "localhost",
          "wpad",
          "ftp",
          "imap",
          "mail",
          "news",
          "pop",
          "pop3",
          "smtp",
          "usenet",
          "uucp",
          "webmail",
          "www",
          "admin",
          "administrator",
          "hostmaster",
          "info",
          "is",
          "it",
          "mis",
          "postmaster",
          "root",
          "ssladmin",
          "ssladministrator",
          "sslwebmaster",
          "sysadmin",
          "webmaster",
          "abuse",
          "marketing",
          "noc",
          "sales",
          "security",
          "support",
          "mailer-daemon",
          "nobody",
          "noreply",
          "no-reply",
          "clientaccesspolicy.xml",
          "crossdomain.xml",
          "favicon.ico",
          "humans.txt",
          "keybase.txt",
          "robots.txt",
          ".htaccess",
          ".htpasswd",
          "account",
          "accounts",
          "auth",
          "authorize",
          "blog",
          "buy",
          "cart",
          "clients",
          "contact",
          "contactus",
          "contact-us",
          "copyright",
          "dashboard",
          "doc",
          "docs",
          "download",
          "downloads",
          "enquiry",
          "faq",
          "help",
          "inquiry",
          "license",
          "login",
          "logout",
          "me",
          "myaccount",
          "oauth",
          "pay",
          "payment",
          "payments",
          "plans",
          "portfolio",
          "preferences",
          "pricing",
          "privacy",
          "profile",
          "register",
          "secure",
          "settings",
          "signin",
          "signup",
          "ssl",
          "status",
          "store",
          "subscribe",
          "terms",
          "tos",
          "user",
          "users",
          "weblog",
          "work");

  private final Set<String> disposableDomains;

  private EmailValidator(Set<String> disposableDomains) {
    this.disposableDomains = disposableDomains;
  }

  /**
   * A validator with the disposable domains read from a file (one a line), or none.
   *
   * <p>The file is UTF-8; text from a {@code #} to the end of its line is a comment; surrounding
   * whitespace and blank lines are ignored; entries are case-folded (the reference's list is lower
   * case already, so this changes nothing for it).
   *
   * @throws InvalidConfigurationException if the file cannot be read
   */
  public static EmailValidator create(@Nullable Path disposableDomainsFile) {
    if (disposableDomainsFile == null) {
      return new EmailValidator(Set.of());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(disposableDomainsFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          "cannot read the disposable e-mail domains file " + disposableDomainsFile, e);
    }

    Set<String> domains = new HashSet<>();
    for (String line : lines) {
      int hash = line.indexOf('#');
      String entry = PythonText.strip(hash < 0 ? line : line.substring(0, hash));
      if (!entry.isEmpty()) {
        domains.add(PythonText.casefold(entry));
      }
    }
    return new EmailValidator(Set.copyOf(domains));
  }

  /** The number of disposable domains loaded. */
  public int disposableDomainCount() {
    return disposableDomains.size();
  }

  /** Whether the raw address passes syntax, reserved-name, homoglyph and disposable checks. */
  public boolean isValid(String rawEmail) {
    requireNonNull(rawEmail, "rawEmail");
    if (!hasValidSyntax(rawEmail)) {
      return false;
    }

    int at = rawEmail.indexOf('@');
    String localPart = rawEmail.substring(0, at);
    String domain = rawEmail.substring(at + 1);
    return !RESERVED_LOCAL_PARTS.contains(localPart)
        && !disposableDomains.contains(PythonText.casefold(domain));
  }

  /**
   * Whether the address passes the syntax rule alone (rule 1 of section 4), as SMTP sending checks.
   */
  public static boolean hasValidSyntax(String address) {
    requireNonNull(address, "address");
    // A scan, not a regular expression: java.util.regex matches a repeated group by recursion, so
    // a domain of many labels overflowed the stack (a 1.5 KB address was enough).
    int at = address.indexOf('@');
    if (at <= 0) {
      return false;
    }
    for (int i = 0; i < at; i++) {
      if (!isLocalPartChar(address.charAt(i))) {
        return false;
      }
    }
    int labelStart = at + 1;
    for (int i = labelStart; i <= address.length(); i++) {
      if (i == address.length() || address.charAt(i) == '.') {
        if (!isLabel(address, labelStart, i)) {
          return false;
        }
        labelStart = i + 1;
      }
    }
    return true;
  }

  private static boolean isLocalPartChar(char c) {
    return isAsciiLetterOrDigit(c) || LOCAL_PART_SYMBOLS.indexOf(c) >= 0;
  }

  /** Whether {@code text[start, end)} is 1-255 letters, digits and inner hyphens. */
  private static boolean isLabel(String text, int start, int end) {
    int length = end - start;
    if (length < 1
        || length > MAX_LABEL_LENGTH
        || !isAsciiLetterOrDigit(text.charAt(start))
        || !isAsciiLetterOrDigit(text.charAt(end - 1))) {
      return false;
    }
    for (int i = start + 1; i < end - 1; i++) {
      char c = text.charAt(i);
      if (!isAsciiLetterOrDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /** The normalised form (NFKC and case folding of each part) that {@code user-new} stores. */
  public static String normalize(String email) {
    requireNonNull(email, "email");
    String[] parts = email.split("@", -1);
    StringBuilder out = new StringBuilder(email.length());
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append('@');
      }
      out.append(PythonText.casefold(Normalizer.normalize(parts[i], Normalizer.Form.NFKC)));
    }
    return out.toString();
  }
}
