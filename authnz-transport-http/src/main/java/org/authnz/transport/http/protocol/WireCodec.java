package org.authnz.transport.http.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The wire encoding of {@code spec/wire-protocol.md} section 3: JSON, Fernet, then base64 again.
 *
 * <p>Thread-safe.
 */
public final class WireCodec {

  private WireCodec() {}

  /** A codec for the given Fernet key. */
  public static WireCodec of(Fernet fernet) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Encodes an envelope as the HTTP body text. */
  public String encode(JsonNode envelope) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Decodes an HTTP body into its JSON value.
   *
   * @throws InvalidTokenException when the body is not a valid token under this key, or not JSON
   */
  public JsonNode decode(String body) {
    throw new UnsupportedOperationException("not yet");
  }
}
