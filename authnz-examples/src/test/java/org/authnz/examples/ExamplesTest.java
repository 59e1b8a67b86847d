package org.authnz.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.authnz.examples.inprocess.InProcessExample;
import org.authnz.examples.journal.JournaledStoreExample;
import org.authnz.examples.sidecar.SidecarExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example's {@code main} logic runs to the end and reports success. */
class ExamplesTest {

  @TempDir Path dir;

  @Test
  void inProcess_walksTheLifecycleAndSucceeds() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int status = InProcessExample.run(dir, new PrintStream(printed, true, UTF_8));
    String output = printed.toString(UTF_8);
    assertThat(status).as(output).isZero();
    assertThat(output)
        .contains("login before verification is denied: INVALID_CREDENTIALS")
        .contains("may view another user's public object: true")
        .contains("may edit another user's public object: false")
        .contains("logged out; the session is gone")
        .contains("done: every step answered as expected");
  }

  @Test
  void sidecar_walksTheSameLifecycleThroughTheClientAndSucceeds() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int status = SidecarExample.run(dir, new PrintStream(printed, true, UTF_8));
    String output = printed.toString(UTF_8);
    assertThat(status).as(output).isZero();
    assertThat(output)
        .contains("authnz sidecar listening on http://127.0.0.1:")
        .contains("login before verification is denied: INVALID_CREDENTIALS")
        .contains("logged out; the session is gone")
        .contains("done: every step answered as expected");
  }

  @Test
  void customStore_walksTheLifecycleOnTheJournalAndTheUserSurvivesAReopen() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int status = JournaledStoreExample.run(dir, new PrintStream(printed, true, UTF_8));
    String output = printed.toString(UTF_8);
    assertThat(status).as(output).isZero();
    assertThat(output)
        .contains("logged out; the session is gone")
        .contains("reopened from the journal: grace@example.org is still there")
        .contains("done: every step answered as expected");
  }
}
