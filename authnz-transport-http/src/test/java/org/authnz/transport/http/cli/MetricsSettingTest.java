package org.authnz.transport.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetricsSettingTest {

  @TempDir Path dir;

  @Test
  void parse_onOffPortAndAddress_giveTheirListeners() {
    assertThat(MetricsSetting.parse("on", "127.0.0.1")).isEqualTo(MetricsSetting.ON);
    assertThat(MetricsSetting.parse(" OFF ", "127.0.0.1").enabled()).isFalse();
    assertThat(MetricsSetting.parse("9464", "127.0.0.1"))
        .isEqualTo(new MetricsSetting(true, "127.0.0.1", 9464));
    assertThat(MetricsSetting.parse("0.0.0.0:9464", "127.0.0.1"))
        .isEqualTo(new MetricsSetting(true, "0.0.0.0", 9464));
  }

  @Test
  void parse_invalidValues_refuseToStart() {
    for (String bad : new String[] {"yes", "70000", ":9464", "host:", "-1"}) {
      assertThatThrownBy(() -> MetricsSetting.parse(bad, "127.0.0.1"))
          .as(bad)
          .isInstanceOf(StartupException.class)
          .hasMessageContaining("metrics must be on, off, PORT or ADDRESS:PORT");
    }
  }

  @Test
  void serve_metricsOnByDefault_offByTheVariable() throws Exception {
    assertThat(metricsStatus(Map.of())).isEqualTo(200);
    assertThat(metricsStatus(Map.of("AUTHNZERVER_METRICS", "off"))).isEqualTo(404);
  }

  private int metricsStatus(Map<String, String> extraEnv) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("AUTHNZERVER_FQDN", "localhost");
    env.put("AUTHNZERVER_PORT", "0");
    String database = "sqlite:///" + dir.resolve("auth-" + extraEnv.size() + ".sqlite");
    AuthnzrvCommand server = AuthnzrvCommand.create(env, dir, null);
    CommandLine commandLine = AuthnzrvCommand.commandLine(server);
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> status =
          runner.submit(
              () ->
                  commandLine.execute(
                      "--authdb=" + database,
                      "--secret=" + AdminAccount.newFernetKey(),
                      "--piisalt=metrics"));
      int port = server.awaitPort();
      assertThat(port).as(err.toString()).isPositive();
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      server.stop();
      assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
      return metrics.statusCode();
    } finally {
      server.stop();
      runner.shutdownNow();
    }
  }
}
