package org.authnz;

import static java.util.Objects.requireNonNull;

import org.authnz.spi.SessionToken;

/** Re-verifies the password of the user owning a live session ({@code user-passcheck}). */
public record PasswordCheckRequest(SessionToken session, Password password) {
  public PasswordCheckRequest {
    requireNonNull(session, "session");
    requireNonNull(password, "password");
  }
}
