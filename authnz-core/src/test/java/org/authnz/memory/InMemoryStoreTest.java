package org.authnz.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What is particular to the in-memory store; the SPI contracts run in {@link
 * InMemoryStoreContractTest}.
 */
class InMemoryStoreTest {

  @Test
  void close_makesStoreUnhealthy() {
    InMemoryStore store = InMemoryStore.create();

    assertThat(store.isHealthy()).isTrue();
    store.close();
    assertThat(store.isHealthy()).isFalse();
  }
}
