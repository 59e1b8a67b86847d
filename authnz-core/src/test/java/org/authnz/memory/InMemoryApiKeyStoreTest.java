package org.authnz.memory;

import org.authnz.spi.ApiKeyStoreContract;
import org.authnz.spi.AuthnzStore;

/** The API key store contract on the in-memory store. */
class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {
  @Override
  protected AuthnzStore openStore() {
    return InMemoryStore.create();
  }
}
