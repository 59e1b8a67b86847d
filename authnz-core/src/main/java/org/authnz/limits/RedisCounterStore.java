package org.authnz.limits;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CounterStore} in Redis, shared by every sidecar that points at the same server, so that
 * rate limits and failed-login counts hold across a cluster. Each operation is one Lua script, so
 * it is atomic in Redis; keys expire when idle ({@code idle} for rate counters, {@code
 * failureMemory} after the last failure).
 *
 * <p>Connects lazily and reconnects by itself; while Redis does not answer, operations fail fast
 * with an unchecked exception (wrap the store in a {@link FallbackCounterStore}). Thread-safe.
 */
public final class RedisCounterStore implements CounterStore {

  private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration RATE_IDLE = Duration.ofDays(1);

  private static final String INCREMENT =
      "local c = redis.call('HINCRBY', KEYS[1], 'c', 1)\n"
          + "if c == 1 then redis.call('HSET', KEYS[1], 'f', ARGV[1]) end\n"
          + "redis.call('EXPIRE', KEYS[1], ARGV[2])\n"
          + "return {c, redis.call('HGET', KEYS[1], 'f')}";

  private static final String ADD_FAILURE =
      "local n = redis.call('INCR', KEYS[1])\n"
          + "redis.call('EXPIRE', KEYS[1], ARGV[1])\n"
          + "return n";

  private final RedisClient client;
  private final String prefix;
  private final Duration failureMemory;
  private @Nullable StatefulRedisConnection<String, String> connection;

  /**
   * Creates the store (not yet connected).
   *
   * @param uri a Redis URI such as {@code redis://127.0.0.1:6379}
   * @param prefix prepended to every key, to share one Redis between deployments
   */
  public RedisCounterStore(String uri, String prefix, Duration failureMemory) {
    RedisURI parsed = RedisURI.create(requireNonNull(uri, "uri"));
    parsed.setTimeout(CONNECT_TIMEOUT); // the handshake; commands have their own limit below
    this.client = RedisClient.create(parsed);
    client.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .build());
    this.prefix = requireNonNull(prefix, "prefix");
    this.failureMemory = requireNonNull(failureMemory, "failureMemory");
  }

  @Override
  public Count increment(String key, Instant now) {
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    List<Object> result =
        commands()
            .eval(
                INCREMENT,
                ScriptOutputType.MULTI,
                new String[] {prefix + "rate:" + key},
                Long.toString(micros),
                Long.toString(RATE_IDLE.toSeconds()));
    long count = (Long) result.get(0);
    long first = Long.parseLong(String.valueOf(result.get(1)));
    return new Count(count, Instant.EPOCH.plusNanos(first * 1000));
  }

  @Override
  public long addFailure(String email, Instant now) {
    Long n =
        commands()
            .eval(
                ADD_FAILURE,
                ScriptOutputType.INTEGER,
                new String[] {prefix + "fail:" + email},
                Long.toString(Math.max(1, failureMemory.toSeconds())));
    return n;
  }

  @Override
  public void clearFailures(String email) {
    commands().del(prefix + "fail:" + email);
  }

  private synchronized RedisCommands<String, String> commands() {
    if (connection == null) {
      connection = client.connect();
    }
    return connection.sync();
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }
}
