package org.authnz.transport.http.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP answer as the runner saw it.
 *
 * @param status the HTTP status
 * @param headers the response headers (first value each), names compared case-insensitively
 * @param text the body text
 * @param envelope the decrypted envelope, when the body decrypted under the shared key
 * @param decryptProblem why the body did not decrypt, when it did not (for messages)
 * @param sentReqid the {@code reqid} of the request envelope, when the request had one
 */
record Observed(
    int status,
    Map<String, String> headers,
    String text,
    @Nullable JsonNode envelope,
    @Nullable String decryptProblem,
    @Nullable JsonNode sentReqid) {

  Observed {
    TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    caseless.putAll(headers);
    headers = caseless;
  }

  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The document that paths point into: the envelope, or the body as plain JSON. */
  Optional<JsonNode> document() {
    if (envelope != null) {
      return Optional.of(envelope);
    }
    try {
      return Optional.of(JsonValues.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
