package org.authnz;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.authnz.spi.ApiKeyToken;
import org.jspecify.annotations.Nullable;

/**
 * The members of a key dictionary that a client hands back ({@code apikey_dict}): owner {@code
 * uid}, role {@code rol} and token {@code tkn}, which the server checks, and {@code iss}, {@code
 * ver}, {@code aud}, {@code sub}, which a refresh copies into the new key (null when absent).
 */
public record ApiKeyClaims(
    long userId,
    String userRole,
    ApiKeyToken token,
    @Nullable JsonNode issuer,
    @Nullable JsonNode apiVersion,
    @Nullable JsonNode audience,
    @Nullable JsonNode subject) {

  public ApiKeyClaims {
    requireNonNull(userRole, "userRole");
    requireNonNull(token, "token");
  }

  /** Claims with only the members the server checks. */
  public static ApiKeyClaims of(long userId, String userRole, ApiKeyToken token) {
    return new ApiKeyClaims(userId, userRole, token, null, null, null, null);
  }
}
