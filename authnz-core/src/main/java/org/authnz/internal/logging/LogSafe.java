package org.authnz.internal.logging;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Renders personal data (e-mail, user id, IP address, user agent) for log lines as a keyed hash: a
 * prefix plus 12 bytes, in hex, of HMAC-SHA256 over the value with the deployment's PII salt
 * (STYLE.md 2.5). Values correlate within one deployment and cannot be reversed with a dictionary.
 *
 * <p>Thread-safe.
 */
public final class LogSafe {
  private final SecretKeySpec key;

  private LogSafe(byte[] keyBytes) {
    this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
  }

  /**
   * A renderer keyed with {@code piiSalt}; an empty salt gets a random per-process key, so that
   * nothing is ever logged unkeyed.
   */
  public static LogSafe create(String piiSalt) {
    requireNonNull(piiSalt, "piiSalt");
    byte[] bytes = piiSalt.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
    }
    return new LogSafe(bytes);
  }

  /** An e-mail address: {@code em:} plus the keyed hash. */
  public String email(String email) {
    return "em:" + digest(email);
  }

  /** A user id: {@code uid:} plus the keyed hash. */
  public String userId(long userId) {
    return "uid:" + digest(Long.toString(userId));
  }

  /** An IP address: {@code ip:} plus the keyed hash. */
  public String ip(String address) {
    return "ip:" + digest(address);
  }

  private String digest(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] full = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(full, 0, 12);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
