package org.authnz.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WebExampleTest {

  @Test
  void selfTest_freshExample_walksTheJourneyAndExitsZero() {
    int exitCode = new CommandLine(new WebExample()).execute("--self-test");

    assertThat(exitCode).isZero();
  }
}
