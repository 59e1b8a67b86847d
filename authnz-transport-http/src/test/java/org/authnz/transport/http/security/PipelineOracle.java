package org.authnz.transport.http.security;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.authnz.AuthnzService;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.internal.ErrorBodies;
import org.authnz.transport.http.internal.PostPipeline;
import org.authnz.transport.http.internal.Reply;
import org.authnz.transport.http.internal.RequestLimiter;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;
import org.jspecify.annotations.Nullable;

/**
 * The fuzzing oracle: the sidecar's {@code POST /} pipeline over a real service on an SQLite file,
 * fed plaintexts that it encrypts itself. A request fails the oracle when it takes longer than
 * {@link #HANG}, when its status is not one the spec gives for bad input, when a non-200 body is
 * not the fixed error text, when a 200 answer does not decrypt to an envelope with {@code success}
 * and the request's {@code reqid}, when an exception escapes the dispatcher, or when an action
 * fails with an exception that marks a programming error.
 */
final class PipelineOracle implements AutoCloseable {

  static final Duration HANG = Duration.ofSeconds(10);

  /**
   * Exceptions that an action never throws on purpose; seeing one is a bug, even as a 400. An
   * {@code ArithmeticException} is not among them: it is how an out-of-range date or number ends,
   * where the reference's {@code OverflowError} also ends in its catch-all 400.
   */
  private static final Set<String> BUGS =
      Set.of(
          "NullPointerException",
          "ClassCastException",
          "ArrayIndexOutOfBoundsException",
          "StringIndexOutOfBoundsException",
          "IndexOutOfBoundsException",
          "IllegalStateException",
          "StackOverflowError",
          "UnsupportedOperationException");

  private final AuthnzService service;
  private final Fernet fernet;
  private final WireCodec codec;
  private final PostPipeline pipeline;
  private final AtomicReference<@Nullable Throwable> escaped = new AtomicReference<>();
  private final AtomicReference<@Nullable String> bug = new AtomicReference<>();
  private final ExecutorService runner = Executors.newSingleThreadExecutor();

  PipelineOracle(Path dir) {
    service =
        AuthnzService.builder()
            .store(JdbcStore.sqlite(dir.resolve("fuzz.sqlite")))
            .argon2(1024, 1, 1)
            .build();
    service.initialize(TestSidecar.ADMIN_EMAIL, TestSidecar.ADMIN_PASSWORD);
    fernet = Fernet.of(Fernet.generateKey());
    codec = WireCodec.of(fernet);
    ActionDispatcher real = ActionDispatcher.of(service);
    ActionDispatcher recording =
        new ActionDispatcher() {
          @Override
          public boolean isKnownAction(String action) {
            return real.isKnownAction(action);
          }

          @Override
          public DispatchResult dispatch(String action, ObjectNode body, JsonNode reqid) {
            try {
              DispatchResult result = real.dispatch(action, body, reqid);
              if (result instanceof DispatchResult.BadRequest bad
                  && BUGS.stream().anyMatch(name -> bad.reason().endsWith(": " + name))) {
                bug.compareAndSet(null, bad.reason());
              }
              return result;
            } catch (RuntimeException | Error e) {
              escaped.compareAndSet(null, e);
              throw e;
            }
          }
        };
    pipeline = new PostPipeline(codec, recording, RequestLimiter.unlimited(), false);
  }

  /** The wire body that carries {@code plaintext}. */
  String wireBody(byte[] plaintext) {
    return Base64.getEncoder().encodeToString(fernet.encrypt(plaintext).getBytes(US_ASCII));
  }

  /** Runs one plaintext through the pipeline and checks the answer. */
  void check(byte[] plaintext) throws Exception {
    byte[] body = wireBody(plaintext).getBytes(US_ASCII);
    Future<Reply> pending = runner.submit(() -> pipeline.process(body));
    Reply reply;
    try {
      reply = pending.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new AssertionError("the request hung: " + new String(plaintext, US_ASCII), e);
    }
    checkReply(reply.status(), reply.body(), plaintext);
  }

  /** Checks one answer of {@code POST /} to a request with this plaintext. */
  void checkReply(int status, String body, byte[] plaintext) {
    String request = new String(plaintext, US_ASCII);
    assertThat(escaped.get()).as("exception escaping the dispatcher for %s", request).isNull();
    assertThat(bug.get()).as("programming error inside an action for %s", request).isNull();
    assertThat(status).as("status for %s", request).isIn(200, 400, 401);
    if (status != 200) {
      assertThat(body).isEqualTo(ErrorBodies.text(status));
      return;
    }
    JsonNode envelope = codec.decode(body);
    assertThat(envelope.path("success").isBoolean()).as("envelope %s", envelope).isTrue();
    assertThat(envelope.has("reqid")).isTrue();
  }

  WireCodec codec() {
    return codec;
  }

  @Override
  public void close() {
    runner.shutdownNow();
    service.close();
  }
}
