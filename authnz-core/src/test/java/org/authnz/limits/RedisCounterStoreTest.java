package org.authnz.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.authnz.MutableClock;
import org.authnz.testing.MachineServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the machine's Redis at 127.0.0.1:6379 (skipped when absent, failing when {@code
 * AUTHNZ_REQUIRE_SERVICES=true}), and a second Redis this test starts and stops itself.
 */
class RedisCounterStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private Process ownRedis;
  private final String prefix = "authnz-test:" + UUID.randomUUID() + ":";
  private boolean usedMachineRedis;

  @AfterEach
  void stopOwnRedisAndDeleteKeys() {
    if (ownRedis != null) {
      ownRedis.destroyForcibly();
    }
    if (usedMachineRedis) {
      RedisCounterStoreContractTest.deleteKeys(prefix);
    }
  }

  private RedisCounterStore machineStore() {
    usedMachineRedis = true;
    return new RedisCounterStore("redis://127.0.0.1:6379", prefix, Duration.ofMinutes(5));
  }

  @Test
  void increment_twoStoresOnOneRedis_shareTheCounterAndFirstSeen() {
    MachineServices.requireRedis();
    usedMachineRedis = true;
    try (RedisCounterStore a =
            new RedisCounterStore("redis://127.0.0.1:6379", prefix, Duration.ofMinutes(5));
        RedisCounterStore b =
            new RedisCounterStore("redis://127.0.0.1:6379", prefix, Duration.ofMinutes(5))) {
      a.increment("user-list-1.1.1.1", T0);
      CounterStore.Count second = b.increment("user-list-1.1.1.1", T0.plusMillis(1500));

      assertThat(second).isEqualTo(new CounterStore.Count(2, T0));
    }
  }

  @Test
  void limiter_onRedis_acceptsExactlyThePinnedCounts() {
    MachineServices.requireRedis();
    MutableClock clock = new MutableClock(T0);
    try (RedisCounterStore store = machineStore()) {
      RequestRateLimiter limiter =
          new RequestRateLimiter(store, clock, RequestRateLimiter.GROUP_DEFAULTS);
      int accepted = 0;
      for (int i = 0; i < 30; i++) {
        accepted += limiter.tryAcquire("user-new", "1.1.1.1", null) ? 1 : 0;
        clock.advance(Duration.ofMillis(20));
      }
      assertThat(accepted).isEqualTo(5);
    }
  }

  @Test
  void fallback_redisStoppedMidRun_keepsAnsweringWithOneWarning() throws Exception {
    MachineServices.requireRedis(); // redis-server is installed where the machine's Redis runs
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    ownRedis =
        new ProcessBuilder(
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    awaitPort(port);

    MutableClock clock = new MutableClock(T0);
    try (FallbackCounterStore store =
        new FallbackCounterStore(
            new RedisCounterStore("redis://127.0.0.1:" + port, "t:", Duration.ofMinutes(5)),
            new MemoryCounterStore(Duration.ofMinutes(5)),
            clock)) {
      assertThat(store.increment("k", T0).count()).isEqualTo(1);
      assertThat(store.increment("k", T0).count()).isEqualTo(2);
      assertThat(store.isFallingBack()).isFalse();

      ownRedis.destroyForcibly().waitFor();
      for (int i = 1; i <= 50; i++) {
        assertThat(store.increment("other", T0).count()).isEqualTo(i);
        assertThat(store.addFailure("a@example.org", T0)).isEqualTo(i);
      }
      clock.advance(FallbackCounterStore.RETRY.plusSeconds(1));
      store.increment("other", T0); // retries Redis, still down

      assertThat(store.isFallingBack()).isTrue();
      assertThat(store.warnings()).isEqualTo(1);
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50); // waiting for a process to listen, not for time to pass in the test
      }
    }
    throw new AssertionError("the test's own redis-server did not start on port " + port);
  }
}
