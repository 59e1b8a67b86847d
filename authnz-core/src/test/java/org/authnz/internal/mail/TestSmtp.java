package org.authnz.internal.mail;

import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * GreenMail server setups for tests: a free loopback port, and a start-up timeout generous enough
 * for a loaded build machine (GreenMail's default of 2 s is not).
 */
public final class TestSmtp {
  private static final long STARTUP_TIMEOUT_MILLIS = 60_000;

  private TestSmtp() {}

  /** Plain SMTP (no STARTTLS; put a {@link StartTlsFront} before it for that). */
  public static ServerSetup plain() {
    return patient(ServerSetupTest.SMTP.dynamicPort());
  }

  /** SMTP over TLS from the first byte, with GreenMail's self-signed certificate. */
  public static ServerSetup implicitTls() {
    return patient(ServerSetupTest.SMTPS.dynamicPort());
  }

  private static ServerSetup patient(ServerSetup setup) {
    setup.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
    return setup;
  }
}
