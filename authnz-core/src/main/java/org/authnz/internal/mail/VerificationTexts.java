package org.authnz.internal.mail;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The subjects and texts of the sign-up and forgot-password e-mails ({@code
 * actions-passwords-email.md} section 10), in our own words with the reference's placeholders. The
 * code sits between the phrases {@code enter this code:} and {@code into the account verification}
 * (or {@code into the password reset}), so that the reference's extraction finds it.
 *
 * <p>Thread-safe (stateless).
 */
public final class VerificationTexts {
  private static final int CODE_LINE = 70;
  private static final String IP_LOOKUP = "https://www.whatismyip.com/";

  private static final String SIGNUP =
      """
      Hello,

      This is an automated message from {server_name} at {server_baseurl}.

      Someone asked to sign up a new account for {user_email} from the browser \
      "{browser_identifier}" at the IP address {ip_address}.

      If it was you, please enter this code:

      {verification_code}

      into the account verification form at:

      {server_baseurl}{account_verify_url}

      to confirm your e-mail address. The code works until {verification_expiry}.

      Once your account is verified, you will need this e-mail address and the password you \
      chose to log in.

      If you did not ask for an account, you can ignore this message and nothing will happen. \
      To see the IP address your own requests come from, visit %s.

      Thank you,
      The {server_name} admins
      {server_baseurl}
      """
          .formatted(IP_LOOKUP);

  private static final String FORGOT =
      """
      Hello,

      This is an automated message from {server_name} at {server_baseurl}.

      Someone asked to reset the password of the account {user_email} from the browser \
      "{browser_identifier}" at the IP address {ip_address}.

      If it was you, please enter this code:

      {verification_code}

      into the password reset form at:

      {server_baseurl}{password_forgot_url}

      to choose a new password. The code works until {verification_expiry}.

      If you did not ask for a new password, you can ignore this message and your password \
      stays as it is. To see the IP address your own requests come from, visit %s.

      Thank you,
      The {server_name} admins
      {server_baseurl}
      """
          .formatted(IP_LOOKUP);

  /** The values of one e-mail; the code is wrapped by {@link #wrapCode(String)}. */
  public record Values(
      String serverName,
      String serverBaseUrl,
      String userEmail,
      String browserIdentifier,
      String ipAddress,
      String code,
      String formPath,
      String expiry) {
    public Values {
      requireNonNull(serverName, "serverName");
      requireNonNull(serverBaseUrl, "serverBaseUrl");
      requireNonNull(userEmail, "userEmail");
      requireNonNull(browserIdentifier, "browserIdentifier");
      requireNonNull(ipAddress, "ipAddress");
      requireNonNull(code, "code");
      requireNonNull(formPath, "formPath");
      requireNonNull(expiry, "expiry");
    }

    @Override
    public String toString() {
      return "Values[redacted]";
    }
  }

  private VerificationTexts() {}

  /** {@code [<server_name>] Please verify your account sign up request}. */
  public static String signupSubject(String serverName) {
    return "[" + serverName + "] Please verify your account sign up request";
  }

  /** {@code [<server_name>] Please verify your password reset request}. */
  public static String forgotPasswordSubject(String serverName) {
    return "[" + serverName + "] Please verify your password reset request";
  }

  /** The sign-up e-mail's text. */
  public static String signupText(Values values) {
    return fill(SIGNUP, values, "{account_verify_url}");
  }

  /** The forgot-password e-mail's text. */
  public static String forgotPasswordText(Values values) {
    return fill(FORGOT, values, "{password_forgot_url}");
  }

  /** The code cut into lines of at most 70 code points, joined by newlines. */
  public static String wrapCode(String code) {
    List<String> lines = new ArrayList<>();
    int[] points = code.codePoints().toArray();
    for (int start = 0; start < points.length; start += CODE_LINE) {
      int end = Math.min(points.length, start + CODE_LINE);
      lines.add(new String(points, start, end - start));
    }
    return String.join("\n", lines);
  }

  private static String fill(String template, Values values, String formPlaceholder) {
    // One pass over the template, so that a value containing a placeholder is not expanded.
    StringBuilder out = new StringBuilder(template.length() + 512);
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf('{', at);
      int close = open < 0 ? -1 : template.indexOf('}', open);
      if (open < 0 || close < 0) {
        out.append(template, at, template.length());
        break;
      }
      out.append(template, at, open);
      String name = template.substring(open, close + 1);
      out.append(value(name, values, formPlaceholder));
      at = close + 1;
    }
    return out.toString();
  }

  private static String value(String placeholder, Values v, String formPlaceholder) {
    if (placeholder.equals(formPlaceholder)) {
      return v.formPath();
    }
    switch (placeholder) {
      case "{server_name}":
        return v.serverName();
      case "{server_baseurl}":
        return v.serverBaseUrl();
      case "{user_email}":
        return v.userEmail();
      case "{browser_identifier}":
        return v.browserIdentifier();
      case "{ip_address}":
        return v.ipAddress();
      case "{verification_code}":
        return wrapCode(v.code());
      case "{verification_expiry}":
        return v.expiry();
      default:
        throw new IllegalStateException("unknown placeholder in an e-mail template");
    }
  }
}
