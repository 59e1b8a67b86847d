package org.authnz.transport.http.protocol;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Fernet (spec version {@code 0x80}: AES-128-CBC with PKCS#7 padding, authenticated with
 * HMAC-SHA256) assembled from JCA primitives.
 *
 * <p>A token is {@code 0x80 || timestamp (8 bytes, big-endian seconds) || IV (16) || ciphertext ||
 * HMAC-SHA256(signing key, everything before)}, written in URL-safe base64 with padding.
 *
 * <p>By default the timestamp is written but never checked, as in the authnzerver reference ({@code
 * spec/wire-protocol.md} 3.2). {@link #withMaxTokenAge(Duration, Clock)} opts in to rejecting old
 * tokens and tokens from more than {@link #MAX_CLOCK_SKEW} in the future.
 *
 * <h2>Security</h2>
 *
 * <p>The key never appears in {@link #toString()} or in an exception message. MACs are compared in
 * constant time, and a token is decrypted only after its MAC matched. Every token gets a fresh IV
 * from {@link SecureRandom}. Fernet gives no replay protection of its own.
 *
 * <p>Immutable and thread-safe.
 */
public final class Fernet {

  /** How far in the future a token may be dated when a maximum token age is set. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

  private static final byte VERSION = (byte) 0x80;
  private static final int KEY_BYTES = 32;
  private static final int HALF_KEY_BYTES = 16;
  private static final int IV_BYTES = 16;
  private static final int BLOCK_BYTES = 16;
  private static final int HMAC_BYTES = 32;
  private static final int HEADER_BYTES = 1 + 8 + IV_BYTES;
  private static final int MIN_TOKEN_BYTES = HEADER_BYTES + BLOCK_BYTES + HMAC_BYTES;
  private static final String INVALID_TOKEN = "invalid token";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] signingKey;
  private final byte[] encryptionKey;
  private final Clock clock;
  private final @Nullable Duration maxTokenAge;

  private Fernet(
      byte[] signingKey, byte[] encryptionKey, Clock clock, @Nullable Duration maxTokenAge) {
    this.signingKey = signingKey;
    this.encryptionKey = encryptionKey;
    this.clock = clock;
    this.maxTokenAge = maxTokenAge;
  }

  /**
   * Parses a Fernet key: 32 bytes in URL-safe base64 with padding (44 characters). Surrounding
   * whitespace is ignored and the standard base64 alphabet ({@code +}, {@code /}) is accepted as
   * well, as the reference does.
   *
   * @throws IllegalArgumentException when the key is not a valid Fernet key; the message never
   *     contains the key
   */
  public static Fernet of(String key) {
    requireNonNull(key, "key");

    String text = key.strip().replace('+', '-').replace('/', '_');
    byte[] bytes;
    try {
      bytes = text.length() == 44 ? Base64.getUrlDecoder().decode(text) : new byte[0];
    } catch (IllegalArgumentException e) {
      bytes = new byte[0];
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "not a valid Fernet key: expected 32 bytes in URL-safe base64 with padding");
    }

    return new Fernet(
        Arrays.copyOfRange(bytes, 0, HALF_KEY_BYTES),
        Arrays.copyOfRange(bytes, HALF_KEY_BYTES, KEY_BYTES),
        Clock.systemUTC(),
        null);
  }

  /** Generates a new random key in the form {@link #of(String)} accepts. */
  public static String generateKey() {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().encodeToString(bytes);
  }

  /**
   * Returns a Fernet with the same key that also rejects tokens older than {@code maxTokenAge}, or
   * dated more than {@link #MAX_CLOCK_SKEW} after now, with {@code clock} telling the time (and
   * stamping new tokens).
   *
   * @throws IllegalArgumentException when {@code maxTokenAge} is negative
   */
  public Fernet withMaxTokenAge(Duration maxTokenAge, Clock clock) {
    requireNonNull(maxTokenAge, "maxTokenAge");
    requireNonNull(clock, "clock");
    if (maxTokenAge.isNegative()) {
      throw new IllegalArgumentException("maxTokenAge must not be negative");
    }
    return new Fernet(signingKey, encryptionKey, clock, maxTokenAge);
  }

  /** The maximum token age {@link #decrypt(String)} enforces, if one was set. */
  public @Nullable Duration maxTokenAge() {
    return maxTokenAge;
  }

  /** Encrypts {@code plaintext} into a Fernet token (URL-safe base64 text) stamped with now. */
  public String encrypt(byte[] plaintext) {
    return encrypt(plaintext, clock.instant());
  }

  /**
   * Encrypts {@code plaintext} into a token stamped with {@code time} instead of now, with a fresh
   * random IV. For clients and tests that need a particular timestamp.
   */
  public String encrypt(byte[] plaintext, Instant time) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    return encrypt(plaintext, time, iv);
  }

  /** Encrypts with a given IV: only for reproducing published test vectors. */
  String encrypt(byte[] plaintext, Instant time, byte[] iv) {
    requireNonNull(plaintext, "plaintext");
    requireNonNull(time, "time");
    if (iv.length != IV_BYTES) {
      throw new IllegalArgumentException("the IV must be 16 bytes");
    }

    byte[] ciphertext;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding"); // PKCS#7 on 16-byte blocks
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(encryptionKey, "AES"), new IvParameterSpec(iv));
      ciphertext = cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-128-CBC is not available", e);
    }

    ByteBuffer token = ByteBuffer.allocate(HEADER_BYTES + ciphertext.length + HMAC_BYTES);
    token.put(VERSION).putLong(time.getEpochSecond()).put(iv).put(ciphertext);
    token.put(hmac(token.array(), token.position()));
    return Base64.getUrlEncoder().encodeToString(token.array());
  }

  /**
   * Verifies and decrypts a token. The timestamp is checked only when a maximum token age was set.
   *
   * @throws InvalidTokenException when the token is malformed, its MAC does not match (tampered or
   *     another key), its padding is wrong, or it is too old or too far in the future
   */
  public byte[] decrypt(String token) {
    requireNonNull(token, "token");

    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(token.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException(INVALID_TOKEN);
    }
    int macOffset = bytes.length - HMAC_BYTES;
    if (bytes.length < MIN_TOKEN_BYTES
        || bytes[0] != VERSION
        || (macOffset - HEADER_BYTES) % BLOCK_BYTES != 0) {
      throw new InvalidTokenException(INVALID_TOKEN);
    }

    byte[] expectedMac = hmac(bytes, macOffset);
    byte[] actualMac = Arrays.copyOfRange(bytes, macOffset, bytes.length);
    if (!MessageDigest.isEqual(expectedMac, actualMac)) {
      throw new InvalidTokenException(INVALID_TOKEN);
    }

    checkAge(ByteBuffer.wrap(bytes, 1, 8).getLong());

    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(encryptionKey, "AES"),
          new IvParameterSpec(bytes, 9, IV_BYTES));
      return cipher.doFinal(bytes, HEADER_BYTES, macOffset - HEADER_BYTES);
    } catch (GeneralSecurityException e) {
      throw new InvalidTokenException(INVALID_TOKEN); // bad padding under a valid MAC
    }
  }

  private void checkAge(long timestamp) {
    if (maxTokenAge == null) {
      return; // the reference never checks timestamps (spec/wire-protocol.md 3.2)
    }
    long now = clock.instant().getEpochSecond();
    // Unsigned on the wire; a timestamp past Long.MAX_VALUE reads negative and is far too old.
    boolean tooOld = timestamp < 0 || now - timestamp > maxTokenAge.getSeconds();
    boolean tooNew = timestamp - now > MAX_CLOCK_SKEW.getSeconds();
    if (tooOld || tooNew) {
      throw new InvalidTokenException("token expired or dated in the future");
    }
  }

  private byte[] hmac(byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      mac.update(data, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "Fernet[redacted]";
  }
}
