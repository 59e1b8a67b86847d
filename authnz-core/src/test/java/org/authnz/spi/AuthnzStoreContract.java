package org.authnz.spi;

import org.junit.jupiter.api.Nested;

/**
 * Every storage contract (users, sessions, API keys) against one kind of {@link AuthnzStore}. A
 * store's test extends this class and says how to open a fresh, empty store:
 *
 * <pre>{@code
 * class MyStoreContractTest extends AuthnzStoreContract {
 *   @Override
 *   protected AuthnzStore openStore() {
 *     return MyStore.open(...);
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a store of its own from {@link #openStore()} and hands it back to {@link
 * #closeStore(AuthnzStore)}, which closes it and may delete its files, schema or database.
 */
public abstract class AuthnzStoreContract {

  /** Returns a new, empty, open store. */
  protected abstract AuthnzStore openStore() throws Exception;

  /** Closes {@code store} and removes what {@link #openStore()} made; by default closes it. */
  protected void closeStore(AuthnzStore store) throws Exception {
    store.close();
  }

  /** The users contract. */
  @Nested
  class Users extends UserStoreContract {
    @Override
    protected AuthnzStore openStore() throws Exception {
      return AuthnzStoreContract.this.openStore();
    }

    @Override
    protected void closeStore(AuthnzStore opened) throws Exception {
      AuthnzStoreContract.this.closeStore(opened);
    }

    @Override
    protected boolean recordsLockExpiry() {
      return AuthnzStoreContract.this.recordsLockExpiry();
    }
  }

  /** The sessions contract. */
  @Nested
  class Sessions extends SessionStoreContract {
    @Override
    protected AuthnzStore openStore() throws Exception {
      return AuthnzStoreContract.this.openStore();
    }

    @Override
    protected void closeStore(AuthnzStore opened) throws Exception {
      AuthnzStoreContract.this.closeStore(opened);
    }
  }

  /** The API keys contract. */
  @Nested
  class ApiKeys extends ApiKeyStoreContract {
    @Override
    protected AuthnzStore openStore() throws Exception {
      return AuthnzStoreContract.this.openStore();
    }

    @Override
    protected void closeStore(AuthnzStore opened) throws Exception {
      AuthnzStoreContract.this.closeStore(opened);
    }
  }

  /**
   * Whether the store records lock expiries ({@link UserStore#setLockExpiry}); override to return
   * false for a store that keeps the SPI's default of not recording them.
   */
  protected boolean recordsLockExpiry() {
    return true;
  }
}
