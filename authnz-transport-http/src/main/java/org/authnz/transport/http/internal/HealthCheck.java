package org.authnz.transport.http.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.authnz.transport.http.protocol.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} ({@code spec/wire-protocol.md} section 12, {@code spec/actions-admin.md}
 * 11.2), made truthful: {@code Health-Ok} is true only when the store check answered "healthy"
 * within {@link #TIME_LIMIT}; otherwise the status is 500.
 *
 * <p>Every worker uses the one shared store, so one store check answers for all of them: {@code
 * Workers} lists each configured worker ({@code authnz-worker-1} ...) with that check's result,
 * {@code "ok"}, {@code "database broken"} or {@code "no answer"} (not within the time limit), and
 * {@code Expected-Workers} is the configured count.
 *
 * <p>Thread-safe. The check runs on the worker pool; no thread waits for it.
 */
public final class HealthCheck {

  /** How long the store check may take before it counts as failed. */
  public static final Duration TIME_LIMIT = Duration.ofSeconds(5);

  private static final Logger logger = LoggerFactory.getLogger(HealthCheck.class);
  private static final ObjectMapper JSON = WireCodec.json();

  private final BooleanSupplier storeCheck;
  private final Executor workers;
  private final int workerCount;

  /** Creates the endpoint logic. */
  public HealthCheck(BooleanSupplier storeCheck, Executor workers, int workerCount) {
    this.storeCheck = requireNonNull(storeCheck, "storeCheck");
    this.workers = requireNonNull(workers, "workers");
    this.workerCount = workerCount;
  }

  /** Runs the check and completes with the answer (200 or 500, JSON). */
  public CompletableFuture<Reply> run() {
    long started = System.nanoTime();
    return CompletableFuture.supplyAsync(storeCheck::getAsBoolean, workers)
        .orTimeout(TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
        .handle(
            (healthy, failure) -> {
              String status = "ok";
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                logger
                    .atWarn()
                    .addKeyValue("error", cause.getClass().getName())
                    .log("health check failed");
                status = cause instanceof TimeoutException ? "no answer" : "database broken";
              } else if (!Boolean.TRUE.equals(healthy)) {
                status = "database broken";
              }
              return reply(status, (System.nanoTime() - started) / 1e9);
            });
  }

  private Reply reply(String status, double seconds) {
    boolean ok = status.equals("ok");
    ObjectNode json = JSON.createObjectNode();
    json.put("Expected-Workers", workerCount);
    ObjectNode names = json.putObject("Workers");
    for (int i = 1; i <= workerCount; i++) {
      names.put(WorkerPool.threadName(i), status);
    }
    json.put("Check-Time", seconds);
    json.put("Health-Ok", ok);
    try {
      String body = JSON.writeValueAsString(json);
      return new Reply(ok ? 200 : 500, "application/json; charset=UTF-8", body);
    } catch (JsonProcessingException e) {
      return Reply.error(500);
    }
  }
}
