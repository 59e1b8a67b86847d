package org.authnz.transport.http.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.authnz.StoreUnavailableException;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;

/**
 * The sidecar's Prometheus metrics (Micrometer): requests by action and outcome, action latency,
 * HTTP answers by status, rate-limit refusals, automatic-lock answers and store errors, plus the
 * JVM's memory, garbage collection and thread meters (Micrometer's {@code jvm_*} binders).
 *
 * <p>Labels hold only fixed vocabularies (wire action names, outcome words, status codes), never an
 * e-mail, address, token or anything else a client sent: an action name that is not one of the
 * wire's is counted as {@value #UNKNOWN_ACTION}.
 *
 * <p>The meters are fed by decorators around the dispatcher, the rate limiter and the store check
 * ({@link #dispatcher}, {@link #limiter}, {@link #storeCheck}), by {@link #lockAnswered()} from the
 * pipeline and by {@link #answered(int)} from the HTTP layer.
 *
 * <p>{@link #close()} detaches the garbage-collection listener; the server that owns the metrics
 * calls it when it closes.
 *
 * <p>Thread-safe.
 */
public final class SidecarMetrics implements AutoCloseable {

  /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** The action label of a request whose action name is not one of the wire's. */
  public static final String UNKNOWN_ACTION = "unknown";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter locks;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /** Creates the registry, its fixed meters and the JVM meters. */
  public SidecarMetrics() {
    locks =
        Counter.builder("authnz.login.locked")
            .description(
                "Login attempts answered with the automatic lock of the failed-login throttle")
            .register(registry);
    storeErrors("action");
    storeErrors("health");
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /** Detaches the garbage-collection listener of the JVM meters. */
  @Override
  public void close() {
    gc.close();
  }

  /** The registry, for binders an embedding application adds. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The current values in Prometheus text format ({@link #CONTENT_TYPE}). */
  public String scrape() {
    return registry.scrape();
  }

  /** Wraps {@code dispatcher} so that each dispatch is counted and timed. */
  public ActionDispatcher dispatcher(ActionDispatcher dispatcher) {
    requireNonNull(dispatcher, "dispatcher");
    return new ActionDispatcher() {
      @Override
      public boolean isKnownAction(String action) {
        return dispatcher.isKnownAction(action);
      }

      @Override
      public DispatchResult dispatch(String action, ObjectNode body, JsonNode reqid) {
        String label = dispatcher.isKnownAction(action) ? action : UNKNOWN_ACTION;
        long started = System.nanoTime();
        DispatchResult result = dispatcher.dispatch(action, body, reqid);
        timer(label).record(Duration.ofNanos(System.nanoTime() - started));
        requests(label, outcome(result)).increment();
        if (result instanceof DispatchResult.BadRequest bad && isStoreFailure(bad)) {
          storeErrors("action").increment();
        }
        return result;
      }
    };
  }

  /** Wraps {@code limiter} so that each refusal (a 429) is counted by action. */
  public RequestLimiter limiter(RequestLimiter limiter, ActionDispatcher actions) {
    requireNonNull(limiter, "limiter");
    requireNonNull(actions, "actions");
    return (action, client, body) -> {
      boolean allowed = limiter.tryAcquire(action, client, body);
      if (!allowed) {
        boolean known =
            actions.isKnownAction(action) || RequestLimiter.HEALTH_ACTION.equals(action);
        Counter.builder("authnz.rate.limited")
            .description("Requests refused with 429 by the request rate limits")
            .tag("action", known ? action : UNKNOWN_ACTION)
            .register(registry)
            .increment();
      }
      return allowed;
    };
  }

  /** Wraps the {@code /health} store check so that a failed or unhealthy check is counted. */
  public BooleanSupplier storeCheck(BooleanSupplier check) {
    requireNonNull(check, "check");
    return () -> {
      boolean healthy;
      try {
        healthy = check.getAsBoolean();
      } catch (RuntimeException e) {
        storeErrors("health").increment();
        throw e;
      }
      if (!healthy) {
        storeErrors("health").increment();
      }
      return healthy;
    };
  }

  /** Counts a login attempt answered with the automatic-lock envelope. */
  public void lockAnswered() {
    locks.increment();
  }

  /** Counts an HTTP answer by its status. */
  public void answered(int status) {
    Counter.builder("authnz.http.responses")
        .description("HTTP answers by status code")
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  private Counter requests(String action, String outcome) {
    return Counter.builder("authnz.requests")
        .description(
            "Dispatched requests by action and outcome: success, failure (a denial) or error"
                + " (answered 400)")
        .tag("action", action)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Timer timer(String action) {
    return Timer.builder("authnz.request.duration")
        .description("Time to run an action, without any failed-login delay")
        .tag("action", action)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  private Counter storeErrors(String source) {
    return Counter.builder("authnz.store.errors")
        .description("Store failures: actions that failed on the store, and failed health checks")
        .tag("source", source)
        .register(registry);
  }

  private static String outcome(DispatchResult result) {
    if (result instanceof DispatchResult.Answer answer) {
      return Truthiness.isTruthy(answer.result().get("success")) ? "success" : "failure";
    }
    return "error";
  }

  /** The dispatcher names the exception's class in the reason of a failed action. */
  private static boolean isStoreFailure(DispatchResult.BadRequest bad) {
    return bad.reason().endsWith(": " + StoreUnavailableException.class.getSimpleName());
  }
}
