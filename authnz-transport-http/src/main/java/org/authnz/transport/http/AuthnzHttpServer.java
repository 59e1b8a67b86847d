package org.authnz.transport.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.authnz.AuthnzService;
import org.authnz.InvalidConfigurationException;
import org.authnz.limits.CounterStore;
import org.authnz.limits.FailedLoginThrottle;
import org.authnz.limits.MemoryCounterStore;
import org.authnz.limits.RequestRateLimiter;
import org.authnz.transport.http.internal.CountingLimiter;
import org.authnz.transport.http.internal.HealthCheck;
import org.authnz.transport.http.internal.HostAllowList;
import org.authnz.transport.http.internal.MetricsHandler;
import org.authnz.transport.http.internal.PlainErrorHandler;
import org.authnz.transport.http.internal.PostPipeline;
import org.authnz.transport.http.internal.RequestLimiter;
import org.authnz.transport.http.internal.SidecarHandler;
import org.authnz.transport.http.internal.SidecarMetrics;
import org.authnz.transport.http.internal.WorkerPool;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.authnz.wire.ActionDispatcher;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authnzerver-compatible sidecar: {@code POST /} and {@code GET /health} on Jetty, speaking
 * {@code spec/wire-protocol.md}, and Prometheus metrics at {@code GET /metrics} (see {@link
 * Builder#metrics(boolean)}).
 *
 * <p>Usage:
 *
 * <pre>{@code
 * try (AuthnzHttpServer server =
 *     AuthnzHttpServer.builder().service(service).secret(fernetKey).port(13431).build()) {
 *   server.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Actions run on a pool of {@code workers} threads, never on Jetty's threads; each request has a
 * time limit. Request bodies are limited to {@link Builder#maxRequestBytes(int)} and headers to
 * {@link #MAX_HEADER_BYTES}; larger requests get 413 or 431, never 500 (see {@link
 * #MAX_DISCARDED_BYTES} for when a client that sends a too large body in full reads the 413).
 *
 * <p>Thread-safe.
 */
public final class AuthnzHttpServer implements AutoCloseable {

  /** The largest request header block accepted; larger ones get 431. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  /**
   * The largest body over the limit that the server still reads (and drops) after answering 413, so
   * that a client that writes the whole body before reading gets the 413; 8 MiB. A larger body, or
   * one announced with {@code Expect: 100-continue}, is answered before it arrives and the
   * connection closed, and a client still writing may see the connection reset instead.
   */
  public static final int MAX_DISCARDED_BYTES = SidecarHandler.MAX_DISCARDED_BYTES;

  private static final Logger logger = LoggerFactory.getLogger(AuthnzHttpServer.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  /** Connections the kernel may hold for the acceptor, as nginx's default backlog. */
  private static final int ACCEPT_QUEUE = 511;

  private final Server jetty;
  private final ServerConnector connector;
  private final ThreadPoolExecutor workers;
  private final String listen;
  private final Duration stopGrace;
  private final ScheduledThreadPoolExecutor delays;
  private final SidecarHandler handler;
  private final @Nullable SidecarMetrics metrics;
  private boolean started;

  private AuthnzHttpServer(
      Server jetty,
      ServerConnector connector,
      ThreadPoolExecutor workers,
      String listen,
      Duration stopGrace,
      ScheduledThreadPoolExecutor delays,
      SidecarHandler handler,
      @Nullable SidecarMetrics metrics) {
    this.delays = delays;
    this.handler = handler;
    this.metrics = metrics;
    this.jetty = jetty;
    this.connector = connector;
    this.workers = workers;
    this.listen = listen;
    this.stopGrace = stopGrace;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening.
   *
   * @throws IllegalStateException when already started or closed
   * @throws UncheckedIOException when the address cannot be bound (for example, in use)
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    try {
      jetty.start();
    } catch (IOException e) {
      stopQuietly();
      throw new UncheckedIOException("cannot listen on " + listen + ":" + connector.getPort(), e);
    } catch (Exception e) {
      stopQuietly();
      throw new IllegalStateException("the HTTP server did not start", e);
    }
    logger
        .atInfo()
        .addKeyValue("address", listen)
        .addKeyValue("port", port())
        .addKeyValue("workers", workers.getCorePoolSize())
        .log("authnz sidecar listening");
  }

  /**
   * The bound port (useful with port 0).
   *
   * @throws IllegalStateException when the server is not started
   */
  public int port() {
    int port = connector.getLocalPort();
    if (port <= 0) {
      throw new IllegalStateException("not started");
    }
    return port;
  }

  /**
   * The bound port of the separate metrics listener ({@link Builder#metricsListener}), when there
   * is one and the server is started.
   */
  public OptionalInt metricsPort() {
    for (Connector candidate : jetty.getConnectors()) {
      if (candidate instanceof ServerConnector metrics
          && "metrics".equals(metrics.getName())
          && metrics.getLocalPort() > 0) {
        return OptionalInt.of(metrics.getLocalPort());
      }
    }
    return OptionalInt.empty();
  }

  /**
   * Stops the server; does not close the service. Answers held back by the failed-login slow-down
   * are sent at once, and requests in flight get up to {@link Builder#stopGrace} to finish.
   */
  @Override
  public synchronized void close() {
    started = true; // a closed server cannot be started again
    boolean wasRunning = jetty.isStarted();
    handler.sendHeldAnswersNow();
    stopQuietly();
    WorkerPool.shutdown(workers, stopGrace);
    delays.shutdownNow();
    if (metrics != null) {
      metrics.close();
    }
    if (wasRunning) {
      logger.info("authnz sidecar stopped");
    }
  }

  private void stopQuietly() {
    try {
      jetty.stop();
    } catch (Exception e) {
      logger.atWarn().addKeyValue("error", e.getClass().getName()).log("HTTP server stop failed");
    }
  }

  /** Builds an {@link AuthnzHttpServer}. Not thread-safe. */
  public static final class Builder {
    @Nullable AuthnzService service;
    @Nullable String secret;
    String listen = "127.0.0.1";
    int port = 13431;
    List<String> allowedHosts = List.of("localhost", "127.0.0.1");
    @Nullable ActionDispatcher dispatcher;
    @Nullable BooleanSupplier healthCheck;
    boolean rateLimitingEnabled = true;
    boolean debug;
    int workers = 4;
    int maxRequestBytes = 512 * 1024;
    int maxQueuedRequests = 1024;
    Duration requestTimeLimit = Duration.ofSeconds(30);
    @Nullable Duration idleTimeout;
    @Nullable Duration maxTokenAge;
    Duration stopGrace = STOP_GRACE;
    Clock clock = Clock.systemUTC();
    @Nullable RequestLimiter limiter;
    Map<String, Integer> rateLimits = RequestRateLimiter.GROUP_DEFAULTS;
    @Nullable CounterStore counters;
    @Nullable FailedLoginThrottle loginThrottle;
    boolean metricsEnabled = true;
    @Nullable String metricsListen;
    int metricsPort = -1;

    Builder() {}

    /**
     * Whether {@code GET /metrics} serves Prometheus metrics; true by default, on the sidecar's own
     * address and port, behind the same Host allow-list. The metrics carry no personal data: their
     * labels are action names, outcomes and status codes.
     */
    public Builder metrics(boolean enabled) {
      this.metricsEnabled = enabled;
      return this;
    }

    /**
     * Serves {@code GET /metrics} on its own address and port (0: a free one) instead of the
     * sidecar's, and turns metrics on. The sidecar's port then answers {@code /metrics} with 404.
     */
    public Builder metricsListener(String address, int port) {
      this.metricsListen = requireNonNull(address, "address");
      this.metricsPort = port;
      this.metricsEnabled = true;
      return this;
    }

    /** The service whose actions the server runs and whose store {@code /health} checks. */
    public Builder service(AuthnzService service) {
      this.service = requireNonNull(service, "service");
      return this;
    }

    /** The Fernet key shared with the frontends (authnzerver's {@code secret}). */
    public Builder secret(String secret) {
      this.secret = requireNonNull(secret, "secret");
      return this;
    }

    /** The address to listen on; {@code 127.0.0.1} by default. */
    public Builder listen(String address) {
      this.listen = requireNonNull(address, "address");
      return this;
    }

    /** The port; 0 picks a free one. 13431 by default. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Host names (without port) accepted in the {@code Host} header; {@code localhost} and {@code
     * 127.0.0.1} by default. Others get 404.
     */
    public Builder allowedHosts(List<String> hosts) {
      this.allowedHosts = List.copyOf(hosts);
      return this;
    }

    /**
     * The dispatcher that maps wire actions to calls; {@code ActionDispatcher.of(service)} by
     * default.
     */
    public Builder dispatcher(ActionDispatcher dispatcher) {
      this.dispatcher = requireNonNull(dispatcher, "dispatcher");
      return this;
    }

    /**
     * What {@code GET /health} checks; {@link AuthnzService#isHealthy()} of the service by default.
     */
    public Builder healthCheck(BooleanSupplier healthCheck) {
      this.healthCheck = requireNonNull(healthCheck, "healthCheck");
      return this;
    }

    /**
     * Whether request rate limiting is on (authnzerver's {@code ratelimits} other than {@code
     * none}); true by default. While it is on, every {@code POST /} needs a truthy top-level {@code
     * client_ipaddr}.
     */
    public Builder rateLimitingEnabled(boolean enabled) {
      this.rateLimitingEnabled = enabled;
      return this;
    }

    /** Debug mode ({@code --debugmode=1}); off by default. Has no effect yet. */
    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /** How many threads run actions (authnzerver's {@code workers}); 4 by default. */
    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    /** The largest request body accepted, in bytes; 512 KiB by default. Larger ones get 413. */
    public Builder maxRequestBytes(int bytes) {
      this.maxRequestBytes = bytes;
      return this;
    }

    /**
     * How long one request may run on the worker pool before it is answered with 503; 30 seconds by
     * default.
     */
    public Builder requestTimeLimit(Duration limit) {
      this.requestTimeLimit = requireNonNull(limit, "limit");
      return this;
    }

    /**
     * How long a connection may send nothing, in the middle of a request (a slow or half-open
     * client) or between requests, before the server closes it; {@code requestTimeLimit} plus 30
     * seconds by default. Waiting for such a connection holds no thread. Keep it longer than {@code
     * requestTimeLimit} plus the longest failed-login delay (40 seconds).
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Opts in to rejecting request tokens older than {@code maxAge} (or dated more than {@link
     * Fernet#MAX_CLOCK_SKEW} ahead) with 401. The reference checks no timestamps, so this is off by
     * default.
     */
    public Builder maxTokenAge(Duration maxAge) {
      this.maxTokenAge = requireNonNull(maxAge, "maxAge");
      return this;
    }

    /**
     * How long {@link AuthnzHttpServer#close()} lets requests in flight finish; 2 seconds by
     * default, as the reference. Zero stops at once.
     */
    public Builder stopGrace(Duration grace) {
      this.stopGrace = requireNonNull(grace, "grace");
      return this;
    }

    /**
     * The clock for token timestamps and the maximum token age; the UTC system clock by default.
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The request rate limits ({@code spec/rate-limits.md}): group keys {@code ipaddr}, {@code
     * user}, {@code session}, {@code apikey}, {@code burst} (missing ones take their defaults) and
     * per-action limits, which override the built-in aggressive ones. The defaults by default.
     */
    public Builder rateLimits(Map<String, Integer> limits) {
      this.rateLimits = Map.copyOf(limits);
      return this;
    }

    /**
     * Where request counts are kept: a {@link MemoryCounterStore} of this server by default; a
     * shared store (Redis) makes the limits hold across sidecars. The caller closes it.
     */
    public Builder counterStore(CounterStore counters) {
      this.counters = requireNonNull(counters, "counters");
      return this;
    }

    /**
     * The failed-login slow-down and automatic lock for {@code user-login} and {@code
     * user-passcheck-nosession} ({@code spec/rate-limits.md} section 8); off by default. It works
     * whether rate limiting is on or not.
     */
    public Builder loginThrottle(FailedLoginThrottle throttle) {
      this.loginThrottle = requireNonNull(throttle, "throttle");
      return this;
    }

    /** The rate-limit seam; replaces the limiter built from the rate limits and counter store. */
    Builder rateLimiter(RequestLimiter limiter) {
      this.limiter = requireNonNull(limiter, "limiter");
      return this;
    }

    /**
     * Validates the settings and builds the server (not yet listening).
     *
     * @throws InvalidConfigurationException when a setting is missing or invalid, including a
     *     secret that is not a Fernet key
     */
    public AuthnzHttpServer build() {
      Fernet fernet = fernet();
      ActionDispatcher actions = dispatcher();
      BooleanSupplier storeCheck = storeCheck();
      checkLimits();
      RequestLimiter requests = requestLimiter();
      @Nullable SidecarMetrics metrics = metricsEnabled ? new SidecarMetrics() : null;
      if (metrics != null) {
        requests = metrics.limiter(requests, actions);
        actions = metrics.dispatcher(actions);
        storeCheck = metrics.storeCheck(storeCheck);
      }

      ThreadPoolExecutor pool = WorkerPool.create(workers, maxQueuedRequests);
      ScheduledThreadPoolExecutor delays = delayScheduler();
      Runnable onLockAnswer = metrics == null ? () -> {} : metrics::lockAnswered;
      PostPipeline pipeline =
          new PostPipeline(
              WireCodec.of(fernet),
              actions,
              requests,
              rateLimitingEnabled,
              loginThrottle,
              onLockAnswer);
      HostAllowList hosts = new HostAllowList(allowedHosts);
      SidecarHandler handler =
          new SidecarHandler(
              hosts,
              pipeline,
              new HealthCheck(storeCheck, pool, workers),
              requests,
              rateLimitingEnabled,
              pool,
              maxRequestBytes,
              requestTimeLimit,
              delays);

      QueuedThreadPool jettyThreads = new QueuedThreadPool(32, 2);
      jettyThreads.setName("authnz-http");
      Server jetty = new Server(jettyThreads);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      http.setRequestHeaderSize(MAX_HEADER_BYTES);
      // Paths such as "//" reach routing and get the reference's 404 instead of Jetty's 400.
      http.setUriCompliance(
          UriCompliance.DEFAULT.with("authnz", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
      ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
      // The JDK's default backlog of 50 overflows when many frontends connect at once (a burst
      // of 200 connections saw resets); the kernel caps this at net.core.somaxconn.
      connector.setAcceptQueueSize(ACCEPT_QUEUE);
      connector.setHost(listen);
      connector.setPort(port);
      connector.setIdleTimeout(
          (idleTimeout != null ? idleTimeout : requestTimeLimit.plusSeconds(30)).toMillis());
      jetty.addConnector(connector);
      jetty.setErrorHandler(new PlainErrorHandler());
      jetty.setHandler(metrics == null ? handler : metered(jetty, http, handler, metrics, hosts));
      jetty.setStopTimeout(stopGrace.toMillis());
      return new AuthnzHttpServer(
          jetty, connector, pool, listen, stopGrace, delays, handler, metrics);
    }

    /** The metrics in front of the sidecar's handler, on their own connector when asked. */
    private Handler metered(
        Server jetty,
        HttpConfiguration http,
        Handler sidecar,
        SidecarMetrics metrics,
        HostAllowList hosts) {
      @Nullable ServerConnector metricsConnector = null;
      if (metricsListen != null) {
        metricsConnector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
        metricsConnector.setName("metrics");
        metricsConnector.setAcceptQueueSize(ACCEPT_QUEUE);
        metricsConnector.setHost(metricsListen);
        metricsConnector.setPort(metricsPort);
        jetty.addConnector(metricsConnector);
      }
      return new MetricsHandler(sidecar, metrics, hosts, metricsConnector);
    }

    private RequestLimiter requestLimiter() {
      if (limiter != null) {
        return limiter;
      }
      if (!rateLimitingEnabled) {
        return RequestLimiter.unlimited();
      }
      CounterStore store = counters != null ? counters : new MemoryCounterStore(Duration.ofDays(1));
      return new CountingLimiter(new RequestRateLimiter(store, clock, rateLimits));
    }

    /** One thread that sends held-back answers and ends automatic locks when due. */
    private ScheduledThreadPoolExecutor delayScheduler() {
      ScheduledThreadPoolExecutor delays =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, "authnz-delays");
                thread.setDaemon(true);
                return thread;
              });
      delays.setRemoveOnCancelPolicy(true);
      FailedLoginThrottle throttle = loginThrottle;
      if (throttle != null) {
        delays.scheduleWithFixedDelay(
            () -> {
              try {
                throttle.unlockDue();
              } catch (RuntimeException e) {
                logger
                    .atWarn()
                    .addKeyValue("error", e.getClass().getName())
                    .log("ending automatic locks failed; will retry");
              }
            },
            0,
            1,
            TimeUnit.SECONDS);
      }
      return delays;
    }

    private Fernet fernet() {
      if (secret == null) {
        throw new InvalidConfigurationException("a secret (Fernet key) is required");
      }
      Fernet fernet;
      try {
        fernet = Fernet.of(secret);
      } catch (IllegalArgumentException e) {
        // Refuse to start, unlike the reference (DESIGN.md section 7); the message names no key.
        throw new InvalidConfigurationException(
            "the secret is not a valid Fernet key (32 bytes in URL-safe base64)");
      }
      return maxTokenAge == null ? fernet : fernet.withMaxTokenAge(maxTokenAge, clock);
    }

    private ActionDispatcher dispatcher() {
      if (dispatcher != null) {
        return dispatcher;
      }
      if (service != null) {
        return ActionDispatcher.of(service);
      }
      throw new InvalidConfigurationException("a service or a dispatcher is required");
    }

    private BooleanSupplier storeCheck() {
      if (healthCheck != null) {
        return healthCheck;
      }
      if (service != null) {
        AuthnzService checked = service;
        return checked::isHealthy;
      }
      throw new InvalidConfigurationException("a service or a health check is required");
    }

    private void checkLimits() {
      if (listen.isBlank()) {
        throw new InvalidConfigurationException("the listen address must not be blank");
      }
      if (port < 0 || port > 65535) {
        throw new InvalidConfigurationException("the port must be in 0..65535");
      }
      if (workers < 1) {
        throw new InvalidConfigurationException("workers must be at least 1");
      }
      if (maxRequestBytes < 1024) {
        throw new InvalidConfigurationException("maxRequestBytes must be at least 1024");
      }
      if (requestTimeLimit.isNegative() || requestTimeLimit.isZero()) {
        throw new InvalidConfigurationException("requestTimeLimit must be positive");
      }
      if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
        throw new InvalidConfigurationException("idleTimeout must be positive");
      }
      if (stopGrace.isNegative()) {
        throw new InvalidConfigurationException("stopGrace must not be negative");
      }
      if (metricsListen != null
          && (metricsListen.isBlank() || metricsPort < 0 || metricsPort > 65535)) {
        throw new InvalidConfigurationException("the metrics address or port is invalid");
      }
      if (maxTokenAge != null && maxTokenAge.isNegative()) {
        throw new InvalidConfigurationException("maxTokenAge must not be negative");
      }
    }
  }
}
