package org.authnz.examples.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.authnz.AuthnzException;
import org.authnz.AuthnzService;
import org.authnz.examples.walk.AccountWalk;
import org.authnz.examples.walk.ScratchDirectory;

/**
 * authnz on storage of your own: the same walk as the in-process example, with the users kept by
 * {@link JournaledStore} (memory plus a journal file) instead of SQLite, then the store reopened
 * from its journal to show that the user survived. Run it with
 *
 * <pre>
 * ./mvnw -q -pl authnz-examples -am test-compile exec:java \
 *     -Dexec.mainClass=org.authnz.examples.journal.JournaledStoreExample
 * </pre>
 *
 * <p>It exits 0 when every step answered as expected, 1 otherwise.
 */
public final class JournaledStoreExample {
  private JournaledStoreExample() {}

  /** Runs the walk on a new journal in a temporary directory, deleted at the end. */
  public static void main(String[] args) throws IOException {
    int status;
    try (ScratchDirectory dir = ScratchDirectory.create("authnz-journal-")) {
      status = run(dir.path(), System.out);
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the walk with its journal in {@code dir}.
   *
   * @return 0 when every step answered as expected, 1 otherwise
   */
  public static int run(Path dir, PrintStream out) {
    Path journal = dir.resolve("users.journal");
    out.println("authnz on a custom store, journal " + journal);
    String email = "grace@example.org";
    try {
      // [build]
      try (AuthnzService authnz =
          AuthnzService.builder().store(JournaledStore.open(journal)).build()) {
        authnz.initialize("admin@example.org", null);
        // [end]
        new AccountWalk(authnz, out).run(email);
      }
      try (JournaledStore reopened = JournaledStore.open(journal)) {
        if (reopened.findUserByEmail(email).isEmpty()) {
          out.println("FAILED: the user is missing after replaying the journal");
          return 1;
        }
        out.println("reopened from the journal: " + email + " is still there");
      }
      out.println("done: every step answered as expected");
      return 0;
    } catch (AccountWalk.UnexpectedResultException | AuthnzException e) {
      out.println("FAILED: " + e.getMessage());
      return 1;
    }
  }
}
