package org.authnz;

import static java.util.Objects.requireNonNull;

import org.authnz.spi.SessionToken;

/** A logout ({@code user-logout}): ends {@code session} when it belongs to {@code userId}. */
public record LogoutRequest(SessionToken session, long userId) {
  public LogoutRequest {
    requireNonNull(session, "session");
  }
}
