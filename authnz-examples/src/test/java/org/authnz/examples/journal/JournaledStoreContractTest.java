package org.authnz.examples.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.AuthnzStoreContract;

/**
 * The whole storage contract suite on the journaled store: this is all a team writes to prove its
 * own store (plus tests of what is particular to it, as in {@link JournaledStoreTest}).
 */
class JournaledStoreContractTest extends AuthnzStoreContract {
  private Path file;

  @Override
  protected AuthnzStore openStore() throws Exception {
    file = Files.createTempFile("authnz-journal", ".jsonl");
    Files.delete(file); // the store creates it, owner-only
    return JournaledStore.open(file);
  }

  @Override
  protected void closeStore(AuthnzStore store) throws Exception {
    store.close();
    Files.deleteIfExists(file);
  }

  @Override
  protected boolean recordsLockExpiry() {
    return false; // kept out of the example; locks then end through the running server's timer
  }
}
