package org.authnz.examples.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.authnz.spi.SessionToken;
import org.jspecify.annotations.Nullable;

/**
 * Per-session CSRF tokens: an HMAC-SHA256 of the session token under a random key of this process.
 * Every form carries the token of its session; a POST is accepted only when the token it brings
 * matches its session's, compared in constant time. A new session (after login, say) gets a new
 * token, and nothing has to be stored.
 *
 * <p>Thread-safe.
 */
final class CsrfTokens {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  CsrfTokens() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  /** The token that forms of {@code session} carry. */
  String tokenFor(SessionToken session) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] tag = mac.doFinal(session.reveal().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Whether {@code presented} is the token of {@code session}; constant time in its content. */
  boolean matches(SessionToken session, @Nullable String presented) {
    if (presented == null) {
      return false;
    }
    byte[] expected = tokenFor(session).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
  }
}
