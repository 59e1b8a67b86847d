package org.authnz;

import static java.util.Objects.requireNonNull;

/**
 * What a verification e-mail says besides the user's details: the server, the form the user enters
 * the code into, the code and how long it lasts.
 *
 * @param serverName the server's name, in the subject and the text ({@code server_name})
 * @param serverBaseUrl the server's base URL ({@code server_baseurl})
 * @param formPath the path of the form, appended to the base URL ({@code account_verify_url} or
 *     {@code password_forgot_url})
 * @param token the verification code
 * @param expirySeconds how long the code lasts from now, in seconds ({@code verification_expiry})
 */
public record VerificationEmail(
    String serverName,
    String serverBaseUrl,
    String formPath,
    VerificationToken token,
    long expirySeconds) {
  public VerificationEmail {
    requireNonNull(serverName, "serverName");
    requireNonNull(serverBaseUrl, "serverBaseUrl");
    requireNonNull(formPath, "formPath");
    requireNonNull(token, "token");
  }
}
