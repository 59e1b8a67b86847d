package org.authnz.store.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of session and API-key tokens from schema version 3 on: the SHA-256 digest of the
 * token's UTF-8 bytes in lower-case hex (64 characters), the same text PostgreSQL's {@code
 * encode(sha256(...), 'hex')} and MariaDB's {@code SHA2(..., 256)} give, so migrations can convert
 * rows in SQL. Tokens carry 256 random bits, so an unsalted fast digest is enough: a leaked table
 * no longer holds usable tokens and cannot be reversed. Thread-safe.
 */
public final class TokenDigest {
  private static final HexFormat HEX = HexFormat.of();

  private TokenDigest() {}

  /** Returns the stored form of a token. */
  public static String of(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HEX.formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
