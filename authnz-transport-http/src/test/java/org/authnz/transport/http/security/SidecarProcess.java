package org.authnz.transport.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.authnz.transport.http.cli.AuthnzrvCommand;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;

/**
 * A sidecar run as its own JVM by the {@code authnzrv} command, on a base directory made by {@code
 * --autosetup} (SQLite, the default Argon2id cost) with rate limiting off and a free port; it can
 * be started, killed and started again on the same files.
 */
final class SidecarProcess {

  /** The {@code authnzrv} launcher's default JVM options. */
  static final List<String> LAUNCHER_JAVA_OPTIONS =
      List.of("-Xmx112m", "-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=48m");

  private static final Duration START_LIMIT = Duration.ofSeconds(60);

  private final Path base;
  private final URI uri;
  private final WireCodec codec;
  private final String adminEmail;
  private final String adminPassword;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SidecarProcess(Path base, URI uri, WireCodec codec, String[] admin) {
    this.base = base;
    this.uri = uri;
    this.codec = codec;
    this.adminEmail = admin[0].strip();
    this.adminPassword = admin[1].strip();
  }

  /** Runs {@code --autosetup} in {@code base} and sets a free port and no rate limits. */
  static SidecarProcess autosetup(Path base) throws Exception {
    Process setup =
        command(List.of(), "--autosetup", "--basedir=" + base)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(base.resolve("autosetup.log").toFile())
            .redirectErrorStream(true)
            .start();
    assertThat(setup.waitFor()).as(Files.readString(base.resolve("autosetup.log"))).isZero();

    int port = freePort();
    Path env = base.resolve(".env");
    String settings =
        Files.readString(env)
            .replaceAll("(?m)^(AUTHNZERVER_)?PORT=.*$", "$1PORT=" + port)
            .replaceAll("(?m)^AUTHNZERVER_RATELIMITS=.*$", "AUTHNZERVER_RATELIMITS=none");
    Files.writeString(env, settings);
    WireCodec codec =
        WireCodec.of(Fernet.of(Files.readString(base.resolve(".authnzerver-secret-key")).strip()));
    String[] admin = Files.readString(base.resolve(".authnzerver-admin-credentials")).split(" ");
    return new SidecarProcess(base, URI.create("http://127.0.0.1:" + port + "/"), codec, admin);
  }

  /** Starts the sidecar with these JVM options, its output going to {@code log} in the base. */
  Process start(String log, List<String> javaOptions) throws IOException {
    return command(javaOptions, "--basedir=" + base, "--envfile=" + base.resolve(".env"))
        .redirectOutput(base.resolve(log).toFile())
        .redirectErrorStream(true)
        .start();
  }

  /** Waits until {@code GET /health} answers 200, failing when the process exits first. */
  void awaitHealthy(Process sidecar) throws Exception {
    Instant deadline = Instant.now().plus(START_LIMIT);
    while (Instant.now().isBefore(deadline)) {
      assertThat(sidecar.isAlive()).as("the sidecar exited at start").isTrue();
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(uri.resolve("/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50); // polling a child process's port; there is no clock to inject here
    }
    throw new AssertionError("the sidecar did not become healthy within " + START_LIMIT);
  }

  /** The base directory. */
  Path base() {
    return base;
  }

  /** The SQLite database file. */
  Path database() {
    return base.resolve(".authdb.sqlite");
  }

  /** {@code http://127.0.0.1:PORT/}. */
  URI uri() {
    return uri;
  }

  /** The codec of the base directory's Fernet key. */
  WireCodec codec() {
    return codec;
  }

  /** The superuser's e-mail address, from the autosetup's credentials file. */
  String adminEmail() {
    return adminEmail;
  }

  /** The superuser's password (test code only). */
  String adminPassword() {
    return adminPassword;
  }

  private static ProcessBuilder command(List<String> javaOptions, String... arguments) {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOptions);
    // The test class path carries the tests' logging settings (TRACE, into target/authnz-test.log,
    // which the child would truncate under the test JVM); log as the shipped settings do instead,
    // into the output that start() redirects.
    command.add("-Dorg.slf4j.simpleLogger.logFile=System.err");
    command.add("-Dorg.slf4j.simpleLogger.log.org.authnz=info");
    command.addAll(List.of("-cp", classPath));
    command.add(AuthnzrvCommand.class.getName());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("AUTHNZERVER_"));
    builder.environment().remove("PORT");
    return builder;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
