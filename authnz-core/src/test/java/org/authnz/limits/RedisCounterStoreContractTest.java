package org.authnz.limits;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.authnz.testing.MachineServices;

/**
 * The counter store contract on the machine's Redis at 127.0.0.1:6379 (skipped when absent, failing
 * when {@code AUTHNZ_REQUIRE_SERVICES=true}), under a key prefix of its own that is deleted after
 * each test.
 */
class RedisCounterStoreContractTest extends CounterStoreContract {
  private static final String URI = "redis://127.0.0.1:6379";

  private String prefix;

  @Override
  protected CounterStore openStore() {
    MachineServices.requireRedis();
    prefix = "authnz-test:" + UUID.randomUUID() + ":";
    return new RedisCounterStore(URI, prefix, Duration.ofMinutes(5));
  }

  @Override
  protected void closeStore(CounterStore opened) {
    opened.close();
    deleteKeys(prefix);
  }

  /** Deletes every key under {@code prefix}, so the run leaves nothing in the shared Redis. */
  static void deleteKeys(String prefix) {
    RedisClient client = RedisClient.create(URI);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = connection.sync().keys(prefix + "*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown();
    }
  }
}
