package org.authnz.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CountDownLatch;
import org.authnz.transport.http.AuthnzHttpServer;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;

/**
 * The load test's baseline: the sidecar's own HTTP server ({@link AuthnzHttpServer}: Jetty, the
 * worker pool, the request pipeline, rate limiting off as with {@code --ratelimits=none}) whose
 * every action answers a fixed {@code {"success": true}} without touching a store. A request then
 * costs what any sidecar request costs before and after its action: HTTP, base64, Fernet decryption
 * and JSON parsing of the request, JSON writing and Fernet encryption of the answer. It exists only
 * in this benchmark module; no sidecar can be started in this mode.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.authnz.benchmarks.FernetEchoServer PORT FERNET_KEY}.
 */
public final class FernetEchoServer {

  private FernetEchoServer() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 2) {
      System.err.println("usage: FernetEchoServer PORT FERNET_KEY");
      System.exit(2);
    }
    AuthnzHttpServer server =
        AuthnzHttpServer.builder()
            .secret(args[1])
            .port(Integer.parseInt(args[0]))
            .dispatcher(new Echo())
            .healthCheck(() -> true)
            .rateLimitingEnabled(false)
            .build();
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    new CountDownLatch(1).await();
  }

  /** Knows every action name and answers each with success. */
  private static final class Echo implements ActionDispatcher {
    @Override
    public boolean isKnownAction(String action) {
      return true;
    }

    @Override
    public DispatchResult dispatch(String action, ObjectNode body, JsonNode reqid) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      result.put("success", true);
      result.putArray("messages").add("echo");
      return new DispatchResult.Answer(result);
    }
  }
}
