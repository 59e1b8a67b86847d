package org.authnz.transport.http.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty core handler of the sidecar: Host allow-list, exact path and method routing ({@code
 * spec/wire-protocol.md} section 2), then {@code POST /} through {@link PostPipeline} and {@code
 * GET /health} through {@link HealthCheck}.
 *
 * <p>Bodies are read asynchronously up to a size limit; the work then runs on the worker pool with
 * a time limit, so no Jetty thread waits on an action and no request waits forever.
 *
 * <p>Thread-safe.
 */
public final class SidecarHandler extends Handler.Abstract {

  /**
   * The largest refused body (413) that is still read to its end, and dropped, before the
   * connection closes, so that a client that sends it whole reads the 413; larger ones, and bodies
   * a client announces with {@code Expect: 100-continue}, are answered without reading them.
   */
  public static final int MAX_DISCARDED_BYTES = 8 * 1024 * 1024;

  private static final Logger logger = LoggerFactory.getLogger(SidecarHandler.class);

  private final HostAllowList hosts;
  private final PostPipeline pipeline;
  private final HealthCheck health;
  private final RequestLimiter limiter;
  private final boolean rateLimitingEnabled;
  private final Executor workers;
  private final int maxBodyBytes;
  private final Duration timeLimit;
  private final @Nullable ScheduledExecutorService delays;
  private final Map<CompletableFuture<Reply>, Reply> held = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  /** Creates the handler. */
  public SidecarHandler(
      HostAllowList hosts,
      PostPipeline pipeline,
      HealthCheck health,
      RequestLimiter limiter,
      boolean rateLimitingEnabled,
      Executor workers,
      int maxBodyBytes,
      Duration timeLimit) {
    this.hosts = requireNonNull(hosts, "hosts");
    this.pipeline = requireNonNull(pipeline, "pipeline");
    this.health = requireNonNull(health, "health");
    this.limiter = requireNonNull(limiter, "limiter");
    this.rateLimitingEnabled = rateLimitingEnabled;
    this.workers = requireNonNull(workers, "workers");
    this.maxBodyBytes = maxBodyBytes;
    this.timeLimit = requireNonNull(timeLimit, "timeLimit");
    this.delays = null;
  }

  /**
   * Creates the handler; answers the pipeline holds back (failed logins) are sent later from {@code
   * delays}, so no thread waits for them.
   */
  public SidecarHandler(
      HostAllowList hosts,
      PostPipeline pipeline,
      HealthCheck health,
      RequestLimiter limiter,
      boolean rateLimitingEnabled,
      Executor workers,
      int maxBodyBytes,
      Duration timeLimit,
      ScheduledExecutorService delays) {
    this.hosts = requireNonNull(hosts, "hosts");
    this.pipeline = requireNonNull(pipeline, "pipeline");
    this.health = requireNonNull(health, "health");
    this.limiter = requireNonNull(limiter, "limiter");
    this.rateLimitingEnabled = rateLimitingEnabled;
    this.workers = requireNonNull(workers, "workers");
    this.maxBodyBytes = maxBodyBytes;
    this.timeLimit = requireNonNull(timeLimit, "timeLimit");
    this.delays = requireNonNull(delays, "delays");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Answer answer = new Answer(request, response, callback);
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();

    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null) {
      answer.send(Reply.error(400)); // HTTP/1.0 without Host: refuse, as current Tornado does
      return true;
    }
    if (!hosts.allows(host)) {
      answer.send(Reply.notFound());
      return true;
    }

    if ("/".equals(path)) {
      if ("POST".equals(method)) {
        post(request, answer);
      } else {
        answer.send(Reply.error(405));
      }
    } else if ("/health".equals(path)) {
      if ("GET".equals(method)) {
        health(request, answer);
      } else {
        answer.send(Reply.error(405));
      }
    } else {
      answer.send(Reply.notFound());
    }
    return true;
  }

  private static boolean isTimeout(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Whether Jetty found the body itself malformed (a bad chunk), which is no size problem. */
  private static boolean isMalformed(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof HttpException http) {
        return http.getCode() == 400;
      }
    }
    return false;
  }

  private void post(Request request, Answer answer) {
    long declared = request.getLength();
    if (declared > maxBodyBytes) {
      boolean drain = declared <= MAX_DISCARDED_BYTES && !expectsContinue(request);
      answer.refuseBody(drain ? declared : 0);
      return;
    }

    // The continuation only hands the body to the worker pool, so it may run on any thread.
    Content.Source.asByteArrayAsync(
        request,
        maxBodyBytes,
        Promise.Invocable.from(
            InvocationType.NON_BLOCKING,
            (byte[] body, Throwable failure) -> {
              if (failure != null) {
                // Over the limit while streaming (chunked), a broken chunk, or the client went
                // away.
                logger
                    .atDebug()
                    .addKeyValue("error", failure.getClass().getName())
                    .log("request body not read");
                if (isTimeout(failure)) {
                  answer.send(Reply.error(408));
                } else if (isMalformed(failure)) {
                  answer.sendAndClose(Reply.error(400)); // broken chunked encoding
                } else {
                  answer.refuseBody(Math.max(0, MAX_DISCARDED_BYTES - maxBodyBytes));
                }
                return;
              }
              answer.complete(later(runDeferredOnWorkers(() -> pipeline.processDeferred(body))));
            }));
  }

  /** Whether the client waits for {@code 100 Continue} before it sends the body. */
  private static boolean expectsContinue(Request request) {
    return request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString());
  }

  /**
   * Reads and drops what is left of a refused body, in chunks as they arrive, until its end, a
   * failure, or {@code budget} bytes; then runs {@code done}.
   */
  private static void discard(Content.Source body, long budget, Runnable done) {
    long left = budget;
    while (true) {
      Content.Chunk chunk = body.read();
      if (chunk == null) {
        long remaining = left;
        body.demand(() -> discard(body, remaining, done));
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        done.run(); // the client went away, or fell silent: Jetty closes the connection
        return;
      }
      left -= chunk.remaining();
      boolean last = chunk.isLast();
      chunk.release();
      if (last || left < 0) {
        done.run();
        return;
      }
    }
  }

  private void health(Request request, Answer answer) {
    if (rateLimitingEnabled) {
      String peer = Request.getRemoteAddr(request);
      if (!limiter.tryAcquire(RequestLimiter.HEALTH_ACTION, peer, MissingNode.getInstance())) {
        answer.send(Reply.error(429));
        return;
      }
    }
    try {
      answer.complete(health.run());
    } catch (RejectedExecutionException e) {
      answer.send(Reply.error(503));
    }
  }

  /**
   * Sends every held-back answer now, and from now on sends answers without their delay: on stop,
   * the answer matters more than slowing down whoever guesses passwords.
   */
  public void sendHeldAnswersNow() {
    stopping = true;
    held.forEach(CompletableFuture::complete);
  }

  /** Completes with the reply once its delay has passed, on the delay scheduler. */
  private CompletableFuture<Reply> later(CompletableFuture<PostPipeline.Deferred> deferred) {
    ScheduledExecutorService scheduler = delays;
    return deferred.thenCompose(
        answer -> {
          Reply reply = answer.reply();
          if (answer.delay().isZero() || scheduler == null || stopping) {
            return CompletableFuture.completedFuture(reply);
          }
          CompletableFuture<Reply> sent = new CompletableFuture<>();
          held.put(sent, reply);
          sent.whenComplete((value, failure) -> held.remove(sent));
          try {
            scheduler.schedule(
                () -> sent.complete(reply), answer.delay().toNanos(), TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException e) {
            sent.complete(reply); // shutting down: answer at once
          }
          if (stopping) {
            sent.complete(reply); // stop came while this answer was being put on hold
          }
          return sent;
        });
  }

  private CompletableFuture<PostPipeline.Deferred> runDeferredOnWorkers(
      Supplier<PostPipeline.Deferred> work) {
    try {
      return CompletableFuture.supplyAsync(work, workers)
          .orTimeout(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      logger.warn("worker queue full; request refused");
      return CompletableFuture.completedFuture(
          new PostPipeline.Deferred(Reply.error(503), Duration.ZERO));
    }
  }

  /** Sends exactly one reply for a request, whichever of the paths gets there first. */
  private final class Answer {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean sent = new AtomicBoolean();

    Answer(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    void complete(CompletableFuture<Reply> reply) {
      reply.whenComplete(
          (value, failure) -> {
            if (failure == null) {
              send(value);
              return;
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof TimeoutException) {
              logger.warn("request timed out on the worker pool");
              send(Reply.error(503));
            } else {
              logger
                  .atWarn()
                  .addKeyValue("error", cause.getClass().getName())
                  .log("request failed");
              send(Reply.error(400));
            }
          });
    }

    void send(Reply reply) {
      if (sent.compareAndSet(false, true)) {
        write(reply, callback);
      }
    }

    /** Sends {@code reply} and closes the connection, whose request could not be read. */
    void sendAndClose(Reply reply) {
      if (sent.compareAndSet(false, true)) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        write(reply, callback);
      }
    }

    /**
     * Sends 413 for a body over the limit, then reads and drops up to {@code discarded} more bytes
     * of it before the connection closes. A client that writes its whole body before it reads, as
     * Python's urllib does, would otherwise find the connection reset under it instead of reading
     * the 413. Nothing is kept in memory.
     */
    void refuseBody(long discarded) {
      if (!sent.compareAndSet(false, true)) {
        return;
      }
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
      if (discarded <= 0) {
        write(Reply.error(413), callback);
        return;
      }
      write(
          Reply.error(413),
          Callback.from(() -> discard(request, discarded, callback::succeeded), callback::failed));
    }

    private void write(Reply reply, Callback written) {
      logger
          .atDebug()
          .addKeyValue("method", request.getMethod())
          .addKeyValue("path", request.getHttpURI().getPath())
          .addKeyValue("status", reply.status())
          .log("request answered");
      response.setStatus(reply.status());
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
      if (reply.status() == 429) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "180");
      }
      response.write(true, ByteBuffer.wrap(reply.bodyBytes()), written);
    }
  }
}
