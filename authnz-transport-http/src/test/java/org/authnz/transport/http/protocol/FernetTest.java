package org.authnz.transport.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FernetTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VECTORS = "vectors/fernet";
  private static final String MISSING = "vectors missing";

  @ParameterizedTest(name = "{0}")
  @MethodSource("generateVectors")
  void encrypt_generateVector_producesTheVectorToken(
      String name, String secret, Instant now, byte[] iv, String src, String token) {
    skipIfMissing(name);
    Fernet fernet = Fernet.of(secret);

    String produced = fernet.encrypt(src.getBytes(StandardCharsets.UTF_8), now, iv);

    assertThat(produced).isEqualTo(token);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verifyVectors")
  void decrypt_verifyVectorWithinTtl_returnsTheSource(
      String name, String secret, Instant now, Duration ttl, String src, String token) {
    skipIfMissing(name);
    Fernet fernet = Fernet.of(secret).withMaxTokenAge(ttl, Clock.fixed(now, ZoneOffset.UTC));

    byte[] plaintext = fernet.decrypt(token);

    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(src);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVectors")
  void decrypt_invalidVectorWithTtl_isRejected(
      String desc, String secret, Instant now, Duration ttl, String token) {
    skipIfMissing(desc);
    Fernet fernet = Fernet.of(secret).withMaxTokenAge(ttl, Clock.fixed(now, ZoneOffset.UTC));

    assertThatThrownBy(() -> fernet.decrypt(token)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void decrypt_withoutMaxAge_acceptsExpiredAndFarFutureTokens() throws IOException {
    Path file = SharedFiles.require("vectors/fernet/invalid.json");
    for (JsonNode vector : JSON.readTree(file.toFile())) {
      String desc = vector.get("desc").asText();
      if (desc.equals("expired TTL") || desc.startsWith("far-future TS")) {
        Fernet fernet = Fernet.of(vector.get("secret").asText());

        assertThatCode(() -> fernet.decrypt(vector.get("token").asText()))
            .as(desc)
            .doesNotThrowAnyException();
      }
    }
  }

  @Test
  void encrypt_workedExampleRequest_matchesSpecToken() {
    Fernet fernet = Fernet.of(WorkedExample.KEY);
    byte[] plaintext = WorkedExample.REQUEST_JSON.getBytes(StandardCharsets.UTF_8);

    String token = fernet.encrypt(plaintext, Instant.ofEpochSecond(1_700_000_000L), iv(0xa0));

    assertThat(plaintext).hasSize(122);
    assertThat(token).isEqualTo(WorkedExample.REQUEST_TOKEN).hasSize(248);
    assertThat(Base64.getUrlDecoder().decode(token)).hasSize(185);
  }

  @Test
  void encrypt_workedExampleResponse_matchesSpecToken() {
    Fernet fernet = Fernet.of(WorkedExample.KEY);
    byte[] plaintext = WorkedExample.RESPONSE_JSON.getBytes(StandardCharsets.UTF_8);

    String token = fernet.encrypt(plaintext, Instant.ofEpochSecond(1_700_000_001L), iv(0xc0));

    assertThat(plaintext).hasSize(373);
    assertThat(token).isEqualTo(WorkedExample.RESPONSE_TOKEN).hasSize(588);
  }

  @Test
  void decrypt_workedExampleToken_returnsRequestJson() {
    byte[] plaintext = Fernet.of(WorkedExample.KEY).decrypt(WorkedExample.REQUEST_TOKEN);

    assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(WorkedExample.REQUEST_JSON);
  }

  @Test
  void decrypt_tokenUnderAnotherKey_isRejected() {
    String token = Fernet.of(Fernet.generateKey()).encrypt(new byte[] {1, 2, 3});

    assertThatThrownBy(() -> Fernet.of(WorkedExample.KEY).decrypt(token))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void decrypt_ownToken_roundTrips() {
    Fernet fernet = Fernet.of(Fernet.generateKey());
    byte[] plaintext = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);

    assertThat(fernet.decrypt(fernet.encrypt(plaintext))).isEqualTo(plaintext);
  }

  @Test
  void encrypt_twice_usesFreshIvs() {
    Fernet fernet = Fernet.of(WorkedExample.KEY);
    byte[] plaintext = {42};

    assertThat(fernet.encrypt(plaintext)).isNotEqualTo(fernet.encrypt(plaintext));
  }

  @Test
  void decrypt_tokenOlderThanMaxAge_isRejected() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Fernet fernet =
        Fernet.of(WorkedExample.KEY)
            .withMaxTokenAge(Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    String fresh = fernet.encrypt(new byte[] {1}, now.minusSeconds(300));
    String stale = fernet.encrypt(new byte[] {1}, now.minusSeconds(301));

    assertThat(fernet.decrypt(fresh)).containsExactly(1);
    assertThatThrownBy(() -> fernet.decrypt(stale)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void decrypt_tokenBeyondClockSkewWithMaxAge_isRejected() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    Fernet fernet =
        Fernet.of(WorkedExample.KEY)
            .withMaxTokenAge(Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    String skewed = fernet.encrypt(new byte[] {1}, now.plusSeconds(60));
    String future = fernet.encrypt(new byte[] {1}, now.plusSeconds(61));

    assertThat(fernet.decrypt(skewed)).containsExactly(1);
    assertThatThrownBy(() -> fernet.decrypt(future)).isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void of_standardAlphabetAndWhitespace_isAccepted() {
    String standard = Base64.getEncoder().encodeToString(HexFormat.of().parseHex("fb".repeat(32)));
    String urlSafe = standard.replace('+', '-').replace('/', '_');
    String token = Fernet.of(urlSafe).encrypt(new byte[] {7});

    assertThat(Fernet.of(" " + standard + "\n").decrypt(token)).containsExactly(7);
  }

  @Test
  void of_invalidKeys_areRejectedWithoutEchoingTheKey() {
    String shortKey = Base64.getUrlEncoder().encodeToString(new byte[16]);
    String unpadded = WorkedExample.KEY.substring(0, 43);
    String notBase64 = "secret-value-%%%%-not-base64-secret-value-%=";

    for (String key : List.of(shortKey, unpadded, notBase64, "", "hunter2")) {
      assertThatThrownBy(() -> Fernet.of(key))
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.isEmpty() ? "\0" : key));
    }
  }

  @Test
  void toString_neverShowsTheKey() {
    assertThat(Fernet.of(WorkedExample.KEY).toString()).doesNotContain("AAEC").contains("redacted");
  }

  static Stream<Arguments> generateVectors() throws IOException {
    if (vectorsMissing()) {
      return Stream.of(Arguments.of(MISSING, null, null, null, null, null));
    }
    List<Arguments> cases = new ArrayList<>();
    int index = 0;
    for (JsonNode v : vectors("generate.json")) {
      byte[] iv = new byte[16];
      for (int i = 0; i < 16; i++) {
        iv[i] = (byte) v.get("iv").get(i).asInt();
      }
      cases.add(
          Arguments.of(
              "generate #" + index++,
              v.get("secret").asText(),
              now(v),
              iv,
              v.get("src").asText(),
              v.get("token").asText()));
    }
    return cases.stream();
  }

  static Stream<Arguments> verifyVectors() throws IOException {
    if (vectorsMissing()) {
      return Stream.of(Arguments.of(MISSING, null, null, null, null, null));
    }
    List<Arguments> cases = new ArrayList<>();
    int index = 0;
    for (JsonNode v : vectors("verify.json")) {
      cases.add(
          Arguments.of(
              "verify #" + index++,
              v.get("secret").asText(),
              now(v),
              Duration.ofSeconds(v.get("ttl_sec").asLong()),
              v.get("src").asText(),
              v.get("token").asText()));
    }
    return cases.stream();
  }

  static Stream<Arguments> invalidVectors() throws IOException {
    if (vectorsMissing()) {
      return Stream.of(Arguments.of(MISSING, null, null, null, null));
    }
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode v : vectors("invalid.json")) {
      cases.add(
          Arguments.of(
              v.get("desc").asText(),
              v.get("secret").asText(),
              now(v),
              Duration.ofSeconds(v.get("ttl_sec").asLong()),
              v.get("token").asText()));
    }
    return cases.stream();
  }

  /** When the shared vectors are absent, each vector test reports one skipped case. */
  private static boolean vectorsMissing() {
    return SharedFiles.find(VECTORS).isEmpty();
  }

  private static void skipIfMissing(String name) {
    assumeFalse(MISSING.equals(name), "shared folder with " + VECTORS + " not found; skipped");
  }

  private static JsonNode vectors(String file) throws IOException {
    Path path = SharedFiles.require(VECTORS + "/" + file);
    JsonNode vectors = JSON.readTree(path.toFile());
    assertThat(vectors.size()).as(file).isPositive();
    return vectors;
  }

  private static Instant now(JsonNode vector) {
    return OffsetDateTime.parse(vector.get("now").asText()).toInstant();
  }

  private static byte[] iv(int first) {
    byte[] iv = new byte[16];
    for (int i = 0; i < 16; i++) {
      iv[i] = (byte) (first + i);
    }
    return iv;
  }
}
