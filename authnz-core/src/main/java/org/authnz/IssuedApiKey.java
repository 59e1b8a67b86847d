package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.authnz.spi.ApiKeyToken;
import org.jspecify.annotations.Nullable;

/**
 * A newly issued API key: its dictionary serialised as the reference does (the wire's {@code
 * apikey} string), its times, and for a no-session key the plaintext refresh token and its expiry.
 *
 * <h2>Security</h2>
 *
 * <p>The serialised key contains the token: {@link #toString()} is redacted and {@link #reveal()}
 * is the one accessor for it. The caller must sign or encrypt the key before handing it to a
 * client. Immutable and thread-safe.
 */
public final class IssuedApiKey {
  private final String json;
  private final ApiKeyToken token;
  private final Instant issued;
  private final Instant expires;
  private final Instant notValidBefore;
  private final @Nullable ApiKeyToken refreshToken;
  private final @Nullable Instant refreshExpires;

  IssuedApiKey(
      String json,
      ApiKeyToken token,
      Instant issued,
      Instant expires,
      Instant notValidBefore,
      @Nullable ApiKeyToken refreshToken,
      @Nullable Instant refreshExpires) {
    this.json = requireNonNull(json, "json");
    this.token = requireNonNull(token, "token");
    this.issued = requireNonNull(issued, "issued");
    this.expires = requireNonNull(expires, "expires");
    this.notValidBefore = requireNonNull(notValidBefore, "notValidBefore");
    this.refreshToken = refreshToken;
    this.refreshExpires = refreshExpires;
  }

  /**
   * A key as a sidecar sent it: the {@code apikey} JSON string of an {@code apikey-new} or {@code
   * apikey-new-nosession} result, and for a no-session key its refresh token and expiry. For
   * transports (the client reads a key another process issued); the claims {@code tkn}, {@code
   * iat}, {@code nbf} and {@code exp} are read from the JSON.
   *
   * @throws IllegalArgumentException when the JSON lacks those claims or is no JSON object
   */
  public static IssuedApiKey received(
      String json, @Nullable ApiKeyToken refreshToken, @Nullable Instant refreshExpires) {
    requireNonNull(json, "json");
    JsonNode claims;
    try {
      claims = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the API key is no JSON object");
    }
    if (claims == null || !claims.isObject()) {
      throw new IllegalArgumentException("the API key is no JSON object");
    }
    for (String claim : new String[] {"tkn", "iat", "nbf", "exp"}) {
      if (!claims.path(claim).isTextual()) {
        throw new IllegalArgumentException("the API key lacks the claim " + claim);
      }
    }
    try {
      return new IssuedApiKey(
          json,
          ApiKeyToken.of(claims.get("tkn").textValue()),
          WireTime.parse(claims.get("iat").textValue()),
          WireTime.parse(claims.get("exp").textValue()),
          WireTime.parse(claims.get("nbf").textValue()),
          refreshToken,
          refreshExpires);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("the API key has an unreadable time claim");
    }
  }

  /** The key dictionary as a JSON string, exactly as the wire's {@code apikey} field carries it. */
  public String reveal() {
    return json;
  }

  /** The key's token ({@code tkn}). */
  public ApiKeyToken token() {
    return token;
  }

  /** When the key was issued ({@code iat}). */
  public Instant issued() {
    return issued;
  }

  /** When the key expires ({@code exp}). */
  public Instant expires() {
    return expires;
  }

  /** When the key becomes valid ({@code nbf}). */
  public Instant notValidBefore() {
    return notValidBefore;
  }

  /** The plaintext refresh token of a no-session key; empty for a session-tied key. */
  public Optional<ApiKeyToken> refreshToken() {
    return Optional.ofNullable(refreshToken);
  }

  /** When the refresh token expires; empty for a session-tied key. */
  public Optional<Instant> refreshExpires() {
    return Optional.ofNullable(refreshExpires);
  }

  @Override
  public String toString() {
    return "IssuedApiKey[redacted, expires=" + WireTime.format(expires) + "]";
  }
}
