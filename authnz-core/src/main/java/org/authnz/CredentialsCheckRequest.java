package org.authnz;

import static java.util.Objects.requireNonNull;

/** Verifies an e-mail and password without a session ({@code user-passcheck-nosession}). */
public record CredentialsCheckRequest(String email, Password password) {
  public CredentialsCheckRequest {
    requireNonNull(email, "email");
    requireNonNull(password, "password");
  }
}
