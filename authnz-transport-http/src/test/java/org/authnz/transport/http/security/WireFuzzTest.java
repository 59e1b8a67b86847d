package org.authnz.transport.http.security;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import org.authnz.transport.http.protocol.InvalidTokenException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage-guided fuzzing (Jazzer) of the wire decoder and of the {@code POST /} pipeline with the
 * real dispatcher behind it, with the oracle of {@link PipelineOracle}.
 *
 * <p>A plain {@code mvn verify} runs each target on its regression inputs (the files under {@code
 * src/test/resources/.../WireFuzzTestInputs/}); {@code JAZZER_FUZZ=1} fuzzes one target for its
 * {@code maxDuration} (see {@code docs/security.md}). The seeded property run of the same oracle is
 * {@link WireMutationPropertyTest}.
 */
final class WireFuzzTest {

  @TempDir static Path dir;
  private static PipelineOracle oracle;

  @BeforeAll
  static void start() {
    oracle = new PipelineOracle(dir);
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  @FuzzTest(maxDuration = "60s")
  void decode_anyBody_givesJsonOrInvalidToken(byte[] body) {
    Throwable thrown = catchThrowable(() -> oracle.codec().decode(new String(body, ISO_8859_1)));

    assertThat(thrown)
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(),
            t -> assertThat(t).isInstanceOf(InvalidTokenException.class));
  }

  @FuzzTest(maxDuration = "60s")
  void decode_anyPlaintextUnderTheKey_givesJsonOrInvalidToken(byte[] plaintext) {
    Throwable thrown = catchThrowable(() -> oracle.codec().decode(oracle.wireBody(plaintext)));

    assertThat(thrown)
        .satisfiesAnyOf(
            t -> assertThat(t).isNull(),
            t -> assertThat(t).isInstanceOf(InvalidTokenException.class));
  }

  @FuzzTest(maxDuration = "120s")
  void post_anyRequest_answersWithoutServerErrorOrHang(FuzzedDataProvider data) throws Exception {
    oracle.check(RequestGenerator.plaintext(Entropy.of(data)));
  }
}
