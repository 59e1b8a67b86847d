package org.authnz.transport.http.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every recorded scenario file against a real sidecar (FORMAT.md section 2 profile) and prints
 * a per-file report, also written to {@code target/conformance-report.txt}.
 *
 * <p>Gate: every step of every file is PASS or DEVIATION-PASS (a deviation of the project's copy of
 * {@code deviations.json}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceTest {

  private final List<ScenarioReport> reports = new ArrayList<>();

  @TempDir static Path dir;
  private Sidecar sidecar;
  private ScenarioRunner runner;

  /** Starts the sidecar under test; this class runs it on an SQLite file in {@code dir}. */
  protected Sidecar startSidecar(Path dir) throws Exception {
    return Sidecar.start(dir);
  }

  /** Stops the sidecar and removes what {@link #startSidecar} made. */
  protected void stopSidecar(Sidecar started) throws Exception {
    started.close();
  }

  /** The report's file name under {@code target/}. */
  protected String reportFile() {
    return "conformance-report.txt";
  }

  /**
   * Starts the sidecar, or, when the system property {@code authnz.conformance.url} is set, runs
   * against that server instead, with the key from {@code authnz.conformance.key} and the superuser
   * from {@code authnz.conformance.admin-email} / {@code authnz.conformance.admin-password}
   * (defaults: the FORMAT.md ones). The server must have the profile of FORMAT.md section 2.
   */
  @BeforeAll
  void start() throws Exception {
    String url = System.getProperty("authnz.conformance.url");
    WireClient client;
    if (url == null) {
      sidecar = startSidecar(dir);
      client = sidecar.client();
    } else {
      client =
          new WireClient(
              java.net.URI.create(url),
              Objects.requireNonNull(
                  System.getProperty("authnz.conformance.key"), "authnz.conformance.key"));
    }
    runner =
        new ScenarioRunner(
            client,
            Deviations.of(resource("deviations.json")),
            (file, step, action) -> Optional.empty(),
            Clock.systemUTC(),
            ScenarioVariables.secureRandom(),
            duration -> Thread.sleep(duration.toMillis()),
            System.getProperty("authnz.conformance.admin-email", Sidecar.ADMIN_EMAIL),
            System.getProperty("authnz.conformance.admin-password", Sidecar.ADMIN_PASSWORD));
  }

  @AfterAll
  void stopAndReport() throws Exception {
    if (sidecar != null) {
      stopSidecar(sidecar);
    }
    if (reports.isEmpty()) {
      return;
    }
    StringBuilder all = new StringBuilder("CONFORMANCE SUMMARY\n");
    reports.forEach(report -> all.append(report.summary()).append('\n'));
    all.append('\n');
    reports.forEach(report -> all.append(report.render()).append('\n'));
    System.out.println(all);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) {
      Files.writeString(target.resolve(reportFile()), all, StandardCharsets.UTF_8);
    }
  }

  @TestFactory
  Stream<DynamicTest> scenarioFiles() throws IOException, URISyntaxException {
    URL folder = ConformanceTest.class.getResource("/conformance");
    assertThat(folder).as("conformance scenarios on the test class path").isNotNull();
    List<String> files;
    try (Stream<Path> listing = Files.list(Path.of(folder.toURI()))) {
      files =
          listing
              .map(path -> path.getFileName().toString())
              .filter(name -> name.matches("\\d\\d-.*\\.json"))
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(9);
    return files.stream().map(file -> DynamicTest.dynamicTest(file, () -> runFile(file)));
  }

  private void runFile(String file) throws InterruptedException {
    ScenarioReport report = runner.run(file, resource(file));
    reports.add(report);
    System.out.println(report.render());

    List<String> bad =
        report.results().stream()
            .filter(r -> !r.isGood())
            .map(r -> r.status() + " " + r.step() + " " + r.details())
            .collect(Collectors.toList());
    assertThat(bad).as("steps of %s that do not pass", file).isEmpty();
  }

  private static JsonNode resource(String name) {
    try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource conformance/" + name);
      }
      return JsonValues.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
