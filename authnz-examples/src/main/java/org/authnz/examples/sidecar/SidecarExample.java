package org.authnz.examples.sidecar;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.authnz.AuthnzException;
import org.authnz.AuthnzService;
import org.authnz.examples.walk.AccountWalk;
import org.authnz.examples.walk.ScratchDirectory;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.AuthnzHttpServer;
import org.authnz.transport.http.client.AuthnzClient;

/**
 * authnz as a sidecar: starts a sidecar on a free port of 127.0.0.1 (in this JVM, standing in for
 * {@code ./authnzrv}) and walks one user through sign-up, verification, login, an access check and
 * logout with {@link AuthnzClient}, the same code the in-process example runs. Run it with
 *
 * <pre>
 * ./mvnw -q -pl authnz-examples -am test-compile exec:java \
 *     -Dexec.mainClass=org.authnz.examples.sidecar.SidecarExample
 * </pre>
 *
 * <p>It exits 0 when every step answered as expected, 1 otherwise.
 */
public final class SidecarExample {
  private SidecarExample() {}

  /**
   * Runs the sidecar and the walk on a new SQLite file in a temporary directory, deleted at the
   * end.
   */
  public static void main(String[] args) throws IOException {
    int status;
    try (ScratchDirectory dir = ScratchDirectory.create("authnz-sidecar-")) {
      status = run(dir.path(), System.out);
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the sidecar with its database in {@code dir}, and the walk against it.
   *
   * @return 0 when every step answered as expected, 1 otherwise
   */
  public static int run(Path dir, PrintStream out) {
    String secret = newFernetKey();
    try (AuthnzService backend =
            AuthnzService.builder().store(JdbcStore.sqlite(dir.resolve("users.sqlite"))).build();
        AuthnzHttpServer sidecar =
            AuthnzHttpServer.builder().service(backend).secret(secret).port(0).build()) {
      backend.initialize("admin@example.org", null);
      sidecar.start();
      String url = "http://127.0.0.1:" + sidecar.port() + "/";
      out.println("authnz sidecar listening on " + url);

      // [client]
      AuthnzService authnz = AuthnzClient.builder().url(url).secret(secret).build();
      // [end]

      new AccountWalk(authnz, out).run("ada@example.org");
      out.println("done: every step answered as expected");
      return 0;
    } catch (AccountWalk.UnexpectedResultException | AuthnzException e) {
      out.println("FAILED: " + e.getMessage());
      return 1;
    }
  }

  /** A new Fernet key: 32 random bytes, URL-safe base64, as {@code authnzrv --autosetup} makes. */
  private static String newFernetKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().encodeToString(key);
  }
}
