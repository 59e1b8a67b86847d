package org.authnz;

import static java.util.Objects.requireNonNull;

import org.authnz.spi.SessionToken;

/**
 * A login attempt ({@code user-login}) made from a live session, which the login consumes.
 *
 * @param session the caller's current session (usually anonymous); deleted by the attempt
 * @param email compared exactly with the stored address
 * @param password the candidate password
 */
public record LoginRequest(SessionToken session, String email, Password password) {
  public LoginRequest {
    requireNonNull(session, "session");
    requireNonNull(email, "email");
    requireNonNull(password, "password");
  }
}
