package org.authnz.examples.inprocess;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.authnz.AuthnzException;
import org.authnz.AuthnzService;
import org.authnz.examples.walk.AccountWalk;
import org.authnz.examples.walk.ScratchDirectory;
import org.authnz.store.jdbc.JdbcStore;

/**
 * authnz in-process: builds an {@link AuthnzService} on an SQLite file and walks one user through
 * sign-up, verification, login, an access check and logout. Run it with
 *
 * <pre>
 * ./mvnw -q -pl authnz-examples -am test-compile exec:java \
 *     -Dexec.mainClass=org.authnz.examples.inprocess.InProcessExample
 * </pre>
 *
 * <p>It exits 0 when every step answered as expected, 1 otherwise.
 */
public final class InProcessExample {
  private InProcessExample() {}

  /** Runs the walk on a new SQLite file in a temporary directory, deleted at the end. */
  public static void main(String[] args) throws IOException {
    int status;
    try (ScratchDirectory dir = ScratchDirectory.create("authnz-inprocess-")) {
      status = run(dir.path(), System.out);
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the walk with its database in {@code dir}.
   *
   * @return 0 when every step answered as expected, 1 otherwise
   */
  public static int run(Path dir, PrintStream out) {
    Path database = dir.resolve("users.sqlite");
    out.println("authnz in-process, users in " + database);

    // [build]
    try (AuthnzService authnz = AuthnzService.builder().store(JdbcStore.sqlite(database)).build()) {
      // Roles and system users on a new database (the generated admin password is returned).
      authnz.initialize("admin@example.org", null);
      // [end]

      new AccountWalk(authnz, out).run("ada@example.org");
      out.println("done: every step answered as expected");
      return 0;
    } catch (AccountWalk.UnexpectedResultException | AuthnzException e) {
      out.println("FAILED: " + e.getMessage());
      return 1;
    }
  }
}
