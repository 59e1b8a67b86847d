package org.authnz.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The sidecar's codec ({@code spec/wire-protocol.md}): one typical request envelope (a {@code
 * session-exists} request, 160 bytes of JSON) written as JSON, Fernet-encrypted and base64-encoded,
 * then decoded back, as one operation. Operations per second of one thread.
 *
 * <p>Run: {@code java -jar authnz-benchmarks/target/benchmarks.jar FernetBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FernetBenchmark {

  private WireCodec codec;
  private ObjectNode envelope;

  @Setup
  public void setUp() {
    codec = WireCodec.of(Fernet.of(Fernet.generateKey()));
    envelope = LoadRequests.envelope("session-exists", "1234", sessionBody());
    if (!roundTrip().equals(envelope)) {
      throw new IllegalStateException("the round trip changed the envelope");
    }
  }

  private static ObjectNode sessionBody() {
    ObjectNode body = WireCodec.json().createObjectNode();
    body.put("session_token", "Xq3c4JmH2a1_s8Wk0eYtPzLb5NvRuD7gFoIiCjTkAwE");
    return body;
  }

  /** Encrypts and decrypts one envelope. */
  @Benchmark
  public JsonNode roundTrip() {
    return codec.decode(codec.encode(envelope));
  }
}
