package org.authnz.spi;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * An API key token (the key's {@code tkn}) or a no-session refresh token: 32 random bytes in
 * URL-safe base64 without padding, 43 characters.
 *
 * <h2>Security</h2>
 *
 * <p>{@link #toString()} is redacted so a token never reaches a log line by accident; {@link
 * #reveal()} is the one accessor, used to write the token to the wire or to a store. Equality is
 * constant-time. Immutable and thread-safe.
 */
public final class ApiKeyToken {
  private final String value;

  private ApiKeyToken(String value) {
    this.value = value;
  }

  /** Wraps a token received from a client, generated, or read from a store. */
  public static ApiKeyToken of(String value) {
    return new ApiKeyToken(requireNonNull(value, "value"));
  }

  /** Returns the token text. Only for writing it to the wire, a hasher or a store. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKeyToken that
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), that.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKeyToken[redacted]";
  }
}
