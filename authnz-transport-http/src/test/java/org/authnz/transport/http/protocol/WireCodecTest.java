package org.authnz.transport.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireCodecTest {

  private final Fernet fernet = Fernet.of(WorkedExample.KEY);
  private final WireCodec codec = WireCodec.of(fernet);

  @Test
  void decode_workedExampleBody_givesRequestEnvelope() throws Exception {
    JsonNode envelope = codec.decode(WorkedExample.REQUEST_BODY);

    assertThat(envelope).isEqualTo(WireCodec.json().readTree(WorkedExample.REQUEST_JSON));
    assertThat(WorkedExample.REQUEST_BODY).hasSize(332);
  }

  @Test
  void decode_bodyWithLineBreaks_isAcceptedLikeTheReference() {
    String wrapped =
        WorkedExample.REQUEST_BODY.substring(0, 96)
            + "\r\n"
            + WorkedExample.REQUEST_BODY.substring(96)
            + "\n";

    assertThat(codec.decode(wrapped).get("reqid").asText()).isEqualTo("r-0001");
  }

  @Test
  void encode_envelope_isStandardBase64OfTheFernetTokenText() {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("success", true);

    String body = codec.encode(envelope);

    assertThat(body).startsWith("Z0FBQUFB").doesNotContain("\n", "-", "_");
    String token = new String(Base64.getDecoder().decode(body), StandardCharsets.US_ASCII);
    assertThat(new String(fernet.decrypt(token), StandardCharsets.UTF_8))
        .isEqualTo("{\"success\":true}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "101",
        "\"101\"",
        "123456789012345678901234567890",
        "-98765432109876543210",
        "1.0",
        "0.30000000000000004",
        "1e-05",
        "2.50",
        "{\"n\": [1, 1.5, \"x\", null, true]}"
      })
  void decodeThenEncode_reqid_keepsValueAndJsonType(String reqid) throws Exception {
    JsonNode decoded = codec.decode(bodyOf("{\"reqid\": " + reqid + "}"));

    JsonNode echoed = WireCodec.json().readTree(plaintextOf(codec.encode(decoded)));

    JsonNode expected = WireCodec.json().readTree(reqid);
    assertThat(echoed.get("reqid")).isEqualTo(expected);
    assertThat(echoed.get("reqid").getNodeType()).isEqualTo(expected.getNodeType());
    assertThat(echoed.get("reqid").isIntegralNumber()).isEqualTo(expected.isIntegralNumber());
  }

  @Test
  void encode_floatWithZeroFraction_staysAFloatOnTheWire() {
    JsonNode decoded = codec.decode(bodyOf("{\"reqid\": 1.0, \"big\": 123456789012345678901}"));

    String json = plaintextOf(codec.encode(decoded));

    assertThat(json).contains("\"reqid\":1.0").contains("\"big\":123456789012345678901");
  }

  @Test
  void decode_nonNumericNumbers_areAcceptedButNeverWritten() {
    JsonNode decoded = codec.decode(bodyOf("{\"a\": NaN, \"b\": -Infinity}"));

    assertThat(decoded.get("a").isNumber()).isTrue();
    assertThatThrownBy(() -> codec.encode(decoded)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decode_duplicateKeys_lastOneWins() {
    assertThat(codec.decode(bodyOf("{\"a\": 1, \"a\": 2}")).get("a").asInt()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"a\": 1} trailing", "", "{\"a\": "})
  void decode_plaintextNotOneJsonValue_isInvalidToken(String plaintext) {
    String body = bodyOf(plaintext);

    assertThatThrownBy(() -> codec.decode(body)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void decode_tooDeeplyNested_isInvalidToken() {
    String deep = "[".repeat(WireCodec.MAX_NESTING_DEPTH + 1) + "]".repeat(65);

    assertThatThrownBy(() -> codec.decode(bodyOf(deep))).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void decode_failures_areInvalidToken() {
    String wrongKey =
        WireCodec.of(Fernet.of(Fernet.generateKey())).encode(JsonNodeFactory.instance.objectNode());
    String bareToken = fernet.encrypt("{}".getBytes(StandardCharsets.UTF_8));

    for (String body : new String[] {"this is not base64 !!!", "Zm9v=", "", wrongKey, bareToken}) {
      assertThatThrownBy(() -> codec.decode(body))
          .as(body)
          .isInstanceOf(InvalidTokenException.class);
    }
  }

  private String bodyOf(String plaintext) {
    String token = fernet.encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.US_ASCII));
  }

  private String plaintextOf(String body) {
    String token = new String(Base64.getDecoder().decode(body), StandardCharsets.US_ASCII);
    return new String(fernet.decrypt(token), StandardCharsets.UTF_8);
  }
}
