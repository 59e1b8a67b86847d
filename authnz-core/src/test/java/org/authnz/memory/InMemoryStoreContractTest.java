package org.authnz.memory;

import org.authnz.spi.AuthnzStore;
import org.authnz.spi.AuthnzStoreContract;

/** Every storage contract on the in-memory store. */
class InMemoryStoreContractTest extends AuthnzStoreContract {
  @Override
  protected AuthnzStore openStore() {
    return InMemoryStore.create();
  }

  @Override
  protected boolean recordsLockExpiry() {
    return false; // a restart loses every user anyway
  }
}
