package org.authnz.transport.http.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The wire encoding of {@code spec/wire-protocol.md} section 3: a JSON document (UTF-8), encrypted
 * with Fernet, whose token text is base64-encoded again with the standard alphabet.
 *
 * <p>Parsing keeps what the reference keeps: integers of any size stay exact integers, and decimal
 * numbers stay exact decimals with their written scale ({@code 1.0} is echoed as {@code 1.0}, not
 * {@code 1}), so a {@code reqid} is echoed with its JSON type. {@code NaN} and {@code Infinity} are
 * accepted on input, as the reference's parser does, but never written.
 *
 * <p>Immutable and thread-safe.
 */
public final class WireCodec {

  /** The deepest nesting of arrays and objects accepted in a request. */
  public static final int MAX_NESTING_DEPTH = 64;

  private static final String INVALID_BODY = "invalid request body";

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .build())
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final Fernet fernet;

  private WireCodec(Fernet fernet) {
    this.fernet = fernet;
  }

  /** A codec for the given Fernet key. */
  public static WireCodec of(Fernet fernet) {
    return new WireCodec(requireNonNull(fernet, "fernet"));
  }

  /**
   * Returns a new JSON mapper with the wire's parsing rules (exact numbers, {@code NaN} accepted),
   * for building and reading envelopes. Each call gives an independent copy.
   */
  public static ObjectMapper json() {
    return JSON.copy();
  }

  /**
   * Encodes an envelope (or any JSON value) as the HTTP body text.
   *
   * @throws IllegalArgumentException when the value holds a {@code NaN} or infinite number, which
   *     JSON cannot carry
   */
  public String encode(JsonNode envelope) {
    requireNonNull(envelope, "envelope");
    if (hasNonFiniteNumber(envelope)) {
      throw new IllegalArgumentException("a non-finite number cannot be sent as JSON");
    }

    byte[] json;
    try {
      json = JSON.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the value cannot be written as JSON", e);
    }
    String token = fernet.encrypt(json);
    return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Decodes an HTTP body into its JSON value. The outer base64 layer is decoded leniently, like the
   * reference: characters outside the standard alphabet (line breaks, spaces) are skipped.
   *
   * @throws InvalidTokenException when the body is not base64, not a valid token under this key, or
   *     does not decrypt to a single JSON value
   */
  public JsonNode decode(String body) {
    requireNonNull(body, "body");

    byte[] tokenBytes;
    try {
      tokenBytes = Base64.getMimeDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException(INVALID_BODY);
    }
    byte[] json = fernet.decrypt(new String(tokenBytes, StandardCharsets.ISO_8859_1));

    try {
      JsonNode value = JSON.readTree(json);
      if (value == null || value.isMissingNode()) {
        throw new InvalidTokenException(INVALID_BODY); // an empty document
      }
      return value;
    } catch (IOException e) {
      throw new InvalidTokenException(INVALID_BODY);
    }
  }

  private static boolean hasNonFiniteNumber(JsonNode node) {
    if (node.isDouble() || node.isFloat()) {
      return !Double.isFinite(node.doubleValue());
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (hasNonFiniteNumber(child)) {
          return true;
        }
      }
    }
    return false;
  }
}
