package org.authnz.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Socket;

/**
 * The servers of the machine that tests may use. A test that needs one is skipped when it does not
 * answer, or fails when {@code AUTHNZ_REQUIRE_SERVICES=true}, which is how CI runs after starting
 * them.
 */
public final class MachineServices {
  private MachineServices() {}

  /** Whether a missing server fails the test instead of skipping it. */
  public static boolean required() {
    return "true".equals(System.getenv("AUTHNZ_REQUIRE_SERVICES"));
  }

  /** Skips, or fails, the calling test unless Redis answers on 127.0.0.1:6379. */
  public static void requireRedis() {
    boolean up;
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      up = true;
    } catch (IOException e) {
      up = false;
    }
    if (!up && required()) {
      throw new AssertionError("no Redis server on 127.0.0.1:6379");
    }
    assumeTrue(up, "no Redis server on 127.0.0.1:6379");
  }
}
