package org.authnz.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryCounterStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void increment_sameKey_countsAndKeepsFirstSeen() {
    MemoryCounterStore store = new MemoryCounterStore(Duration.ofHours(1));
    store.increment("k", T0);
    CounterStore.Count second = store.increment("k", T0.plusSeconds(30));

    assertThat(second).isEqualTo(new CounterStore.Count(2, T0));
    assertThat(second.perMinute(T0.plusSeconds(30))).isEqualTo(2.0);
  }

  @Test
  void perMinute_firstRequest_isZero() {
    assertThat(new CounterStore.Count(1, T0).perMinute(T0)).isZero();
  }

  @Test
  void addFailure_manyMoreEmailsThanTheReferenceTable_keepsCountingAndClears() {
    MemoryCounterStore store = new MemoryCounterStore(Duration.ofHours(1));
    for (int i = 0; i < 5000; i++) {
      store.addFailure("nobody" + i + "@example.org", T0);
    }
    assertThat(store.addFailure("a@example.org", T0)).isEqualTo(1);
    assertThat(store.addFailure("a@example.org", T0)).isEqualTo(2);
    store.clearFailures("a@example.org");
    assertThat(store.addFailure("a@example.org", T0)).isEqualTo(1);
  }
}
