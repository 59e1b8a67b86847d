package org.authnz.transport.http.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import org.authnz.WireTime;

/**
 * The e-mail verification tokens that authnzerver frontends put into sign-up and forgot-password
 * e-mails ({@code actions-passwords-email.md} section 16): a Fernet token, under the frontend's own
 * key, of the time, the client's IP address and user agent, the e-mail address, the session token
 * and a random id, base64-encoded once more. Tokens interoperate with the Python helpers.
 *
 * <h2>Security</h2>
 *
 * <p>The key and the tokens are secrets: never log them. Verification fails closed: any malformed,
 * tampered, foreign, expired or mismatching token is simply not valid. Thread-safe (stateless).
 */
public final class EmailVerificationTokens {

  /** A value bound into a token that {@link #verify} can require to match. */
  public enum Item {
    /** The client's IP address ({@code ipa}). */
    IP_ADDRESS("ipa"),
    /** The client's user agent ({@code usa}). */
    USER_AGENT("usa"),
    /** The e-mail address ({@code ema}). */
    EMAIL("ema"),
    /** The session token ({@code stk}). */
    SESSION_TOKEN("stk");

    private final String key;

    Item(String key) {
      this.key = key;
    }
  }

  /** The items checked by default: IP address and e-mail address. */
  public static final Set<Item> DEFAULT_ITEMS = EnumSet.of(Item.IP_ADDRESS, Item.EMAIL);

  /** The default lifetime of a token: 15 minutes. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(900);

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private EmailVerificationTokens() {}

  /**
   * Makes a token stamped with the clock's time.
   *
   * @param key the frontend's Fernet key (32 bytes, URL-safe base64)
   * @throws IllegalArgumentException when the key is not a Fernet key
   */
  public static String generate(
      String ipAddress,
      String userAgent,
      String email,
      String sessionToken,
      String key,
      Clock clock) {
    requireNonNull(clock, "clock");
    ObjectNode claims = MAPPER.createObjectNode();
    claims.put("iat", WireTime.format(clock.instant()));
    claims.put("ipa", requireNonNull(ipAddress, "ipAddress"));
    claims.put("usa", requireNonNull(userAgent, "userAgent"));
    claims.put("ema", requireNonNull(email, "email"));
    claims.put("stk", requireNonNull(sessionToken, "sessionToken"));
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    claims.put("tid", Base64.getUrlEncoder().withoutPadding().encodeToString(id));
    byte[] plaintext;
    try {
      plaintext = MAPPER.writeValueAsBytes(claims);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the token claims", e);
    }
    String fernet = Fernet.of(requireNonNull(key, "key")).encrypt(plaintext, clock.instant());
    return Base64.getEncoder().encodeToString(fernet.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Checks a token: it must decrypt under {@code key}, be at most {@code ttl} old (and not dated in
   * the future beyond the clock skew), and each of {@code items} must equal the given value.
   *
   * @return whether the token is valid; never throws for a bad token or key
   */
  public static boolean verify(
      String token,
      String ipAddress,
      String userAgent,
      String sessionToken,
      String email,
      String key,
      Set<Item> items,
      Duration ttl,
      Clock clock) {
    JsonNode claims;
    try {
      String fernet =
          new String(
              Base64.getDecoder().decode(requireNonNull(token, "token").strip()),
              StandardCharsets.US_ASCII);
      byte[] plaintext = Fernet.of(key).withMaxTokenAge(ttl, clock).decrypt(fernet);
      claims = MAPPER.readTree(plaintext);
    } catch (RuntimeException | java.io.IOException e) {
      return false;
    }
    if (claims == null || !claims.isObject()) {
      return false;
    }
    for (Item item : items) {
      String expected =
          switch (item) {
            case IP_ADDRESS -> ipAddress;
            case USER_AGENT -> userAgent;
            case EMAIL -> email;
            case SESSION_TOKEN -> sessionToken;
          };
      JsonNode stored = claims.get(item.key);
      if (stored == null || !stored.isTextual() || !stored.textValue().equals(expected)) {
        return false;
      }
    }
    return true;
  }
}
