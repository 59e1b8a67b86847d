package org.authnz.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The counter store contract on the in-memory store, plus what is particular to it. */
class MemoryCounterStoreTest extends CounterStoreContract {

  @Override
  protected CounterStore openStore() {
    return new MemoryCounterStore(Duration.ofHours(1));
  }

  @Test
  void perMinute_secondRequestAfter30Seconds_isTwo() {
    store.increment("k", T0);
    CounterStore.Count second = store.increment("k", T0.plusSeconds(30));

    assertThat(second.perMinute(T0.plusSeconds(30))).isEqualTo(2.0);
  }

  @Test
  void perMinute_firstRequest_isZero() {
    assertThat(new CounterStore.Count(1, T0).perMinute(T0)).isZero();
  }

  @Test
  void addFailure_manyMoreEmailsThanTheReferenceTable_keepsCountingAndClears() {
    for (int i = 0; i < 5000; i++) {
      store.addFailure("nobody" + i + "@example.org", T0);
    }
    assertThat(store.addFailure("a@example.org", T0)).isEqualTo(1);
    assertThat(store.addFailure("a@example.org", T0)).isEqualTo(2);
    store.clearFailures("a@example.org");
    assertThat(store.addFailure("a@example.org", T0)).isEqualTo(1);
  }
}
