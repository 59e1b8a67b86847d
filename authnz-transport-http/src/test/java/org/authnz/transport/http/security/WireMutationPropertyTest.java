package org.authnz.transport.http.security;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded, seeded random-mutation run of the fuzzing oracle ({@link PipelineOracle}): generated
 * requests for every action, then byte-level mutations of them (flips, insertions, deletions,
 * truncations), through the pipeline in-process and, for a share of them, through a real sidecar on
 * loopback. The seed and the number of requests are system properties, {@code authnz.fuzz.seed} and
 * {@code authnz.fuzz.requests}, so a failure can be replayed and a longer run started ({@code
 * docs/security.md}).
 */
final class WireMutationPropertyTest {

  private static final long SEED = Long.getLong("authnz.fuzz.seed", 20261204L);
  private static final String JSON_BYTES = "{}[]\",:0-e.\\ntfu";
  private static final int REQUESTS = Integer.getInteger("authnz.fuzz.requests", 3000);

  @TempDir static Path dir;
  private static PipelineOracle oracle;
  private static TestSidecar sidecar;

  @BeforeAll
  static void start() {
    oracle = new PipelineOracle(dir);
    sidecar = TestSidecar.start(dir);
  }

  @AfterAll
  static void stop() {
    oracle.close();
    sidecar.close();
  }

  @Test
  void post_generatedAndMutatedRequests_answerWithoutServerErrorOrHang() throws Exception {
    Random random = new Random(SEED);
    Entropy entropy = Entropy.of(random);

    for (int i = 0; i < REQUESTS; i++) {
      byte[] plaintext = RequestGenerator.plaintext(entropy);
      if (random.nextBoolean()) {
        plaintext = mutate(plaintext, random);
      }
      oracle.check(plaintext);
      if (i % 10 == 0) {
        checkOverHttp(plaintext);
      }
    }
  }

  private static void checkOverHttp(byte[] plaintext) throws Exception {
    String body =
        java.util.Base64.getEncoder()
            .encodeToString(
                org.authnz.transport.http.protocol.Fernet.of(sidecar.key())
                    .encrypt(plaintext)
                    .getBytes(US_ASCII));
    HttpResponse<String> response = sidecar.post(body);
    String request = new String(plaintext, US_ASCII);
    org.assertj.core.api.Assertions.assertThat(response.statusCode())
        .as("status over HTTP for %s", request)
        .isIn(200, 400, 401);
    if (response.statusCode() == 200) {
      org.assertj.core.api.Assertions.assertThat(
              sidecar.codec().decode(response.body()).has("success"))
          .isTrue();
    }
  }

  /** A few random byte-level edits. */
  static byte[] mutate(byte[] input, Random random) {
    byte[] bytes = input.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && bytes.length > 0; e++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(4)) {
        case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> bytes[at] = (byte) JSON_BYTES.charAt(random.nextInt(JSON_BYTES.length()));
        case 2 -> {
          byte[] longer = new byte[bytes.length + 1];
          System.arraycopy(bytes, 0, longer, 0, at);
          longer[at] = (byte) random.nextInt(256);
          System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
          bytes = longer;
        }
        default -> bytes = java.util.Arrays.copyOf(bytes, at);
      }
    }
    return bytes;
  }
}
