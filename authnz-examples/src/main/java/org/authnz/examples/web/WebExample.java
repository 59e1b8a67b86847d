package org.authnz.examples.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.authnz.AuthnzService;
import org.authnz.examples.walk.ScratchDirectory;
import org.authnz.store.jdbc.JdbcStore;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The web frontend example: authnz in-process on an SQLite file behind server-rendered pages on
 * Jetty. Run it with
 *
 * <pre>
 * ./mvnw -q -pl authnz-examples -am test-compile exec:java \
 *     -Dexec.mainClass=org.authnz.examples.web.WebExample
 * </pre>
 *
 * <p>and open {@code http://127.0.0.1:8080/signup}; verification links are printed to the console.
 * With {@code --self-test} it starts on a free port with a fresh database, walks sign-up,
 * verification, login, the private page and logout over HTTP, and exits 0 when every step behaved.
 */
@Command(
    name = "web-example",
    mixinStandardHelpOptions = true,
    description = "The authnz web frontend example.")
public final class WebExample implements Callable<Integer> {

  @Option(names = "--port", description = "Port to listen on (0: any free one). Default: 8080.")
  int port = 8080;

  @Option(
      names = "--database",
      description = "SQLite file of the users and sessions. Default: authnz-web-example.sqlite.")
  Path database = Path.of("authnz-web-example.sqlite");

  @Option(
      names = "--self-test",
      description = "Start on a free port with a fresh database, walk the journey, and exit.")
  boolean selfTest;

  /** Runs the example; exits with 0, or non-zero when the self-test failed. */
  public static void main(String[] args) {
    // Jetty's start-up lines would bury the verification links printed to the console.
    if (System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }
    System.exit(new CommandLine(new WebExample()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (selfTest) {
      return SelfTest.run() ? 0 : 1;
    }
    try (Running app = start(database, port, true)) {
      System.out.println("authnz web example on " + app.baseUrl() + "/ (Ctrl-C stops it)");
      app.join();
    }
    return 0;
  }

  /**
   * Starts the example on {@code 127.0.0.1:port} over the SQLite file {@code database} (created
   * when missing).
   *
   * @param printLinks whether verification links are also printed to the console
   */
  public static Running start(Path database, int port, boolean printLinks) throws Exception {
    AuthnzService authnz =
        AuthnzService.builder().store(JdbcStore.sqlite(database)).clock(Clock.systemUTC()).build();
    authnz.initialize("admin@example.com", null);
    Outbox outbox = new Outbox(Clock.systemUTC(), printLinks);

    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    jetty.addConnector(connector);
    Running running = new Running(jetty, connector, authnz, outbox);
    jetty.setHandler(new WebApp(authnz, outbox, Clock.systemUTC(), running::baseUrl));
    try {
      jetty.start();
    } catch (Exception e) {
      running.close();
      throw e;
    }
    return running;
  }

  /**
   * Starts the example on a free port over a new database in a new temporary directory, which
   * closing the example deletes.
   */
  public static Running startFresh(boolean printLinks) throws Exception {
    ScratchDirectory directory = ScratchDirectory.create("authnz-web-example-");
    try {
      Running running = start(directory.path().resolve("authnz.sqlite"), 0, printLinks);
      running.scratch = directory;
      return running;
    } catch (Exception e) {
      directory.close();
      throw e;
    }
  }

  /** A running example. Closing it stops the server and closes the service. */
  public static final class Running implements AutoCloseable {
    private final Server jetty;
    private final ServerConnector connector;
    private final AuthnzService authnz;
    private final Outbox outbox;
    private @Nullable ScratchDirectory scratch;

    Running(Server jetty, ServerConnector connector, AuthnzService authnz, Outbox outbox) {
      this.jetty = requireNonNull(jetty, "jetty");
      this.connector = requireNonNull(connector, "connector");
      this.authnz = requireNonNull(authnz, "authnz");
      this.outbox = requireNonNull(outbox, "outbox");
    }

    /** The address of the example, such as {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
      return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** The captured verification e-mails. */
    public Outbox outbox() {
      return outbox;
    }

    void join() throws InterruptedException {
      jetty.join();
    }

    @Override
    public void close() throws IOException {
      try {
        jetty.stop();
      } catch (Exception e) {
        throw new IOException("the server did not stop", e);
      } finally {
        authnz.close();
        if (scratch != null) {
          scratch.close();
        }
      }
    }
  }
}
