package org.authnz;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.authnz.spi.SessionToken;

/** A session just opened: its token and stored expiry. */
public record NewSession(SessionToken token, Instant expires) {
  public NewSession {
    requireNonNull(token, "token");
    requireNonNull(expires, "expires");
  }
}
