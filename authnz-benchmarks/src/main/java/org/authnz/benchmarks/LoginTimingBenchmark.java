package org.authnz.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import org.authnz.AuthnzService;
import org.authnz.memory.InMemoryStore;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One failed {@code user-login} at the default Argon2id cost, for an e-mail that has no account and
 * for an existing account with a wrong password: the two must take the same time (issue #9, within
 * 5 % of each other's median), so that a login does not tell whether an account exists. The session
 * each login consumes is made outside the measured time.
 *
 * <p>Run: {@code java -jar authnz-benchmarks/target/benchmarks.jar LoginTiming}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LoginTimingBenchmark {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String EMAIL = "bench.user@example.org";
  private static final String PASSWORD = "Benchmark-Pass-5521-xQw";

  @Param({"unknown-user", "wrong-password"})
  public String outcome;

  private AuthnzService service;
  private ActionDispatcher dispatcher;
  private ObjectNode login;

  @Setup(Level.Trial)
  public void start() {
    service = AuthnzService.builder().store(InMemoryStore.create()).build();
    service.initialize("admin@example.org", "Benchmark-Admin-8812-pLm");
    dispatcher = ActionDispatcher.of(service);
    call("user-new", body("full_name", "Bench User", "email", EMAIL, "password", PASSWORD));
    call("user-set-emailverified", body("email", EMAIL));
  }

  @Setup(Level.Invocation)
  public void newSession() {
    ObjectNode session =
        body("ip_address", "10.0.0.1", "user_agent", "bench", "expires", "2099-01-01T00:00:00.0");
    session.putNull("user_id");
    session.putNull("extra_info_json");
    String token = call("session-new", session).path("session_token").asText();
    String email = outcome.equals("unknown-user") ? "nobody@example.org" : EMAIL;
    login = body("session_token", token, "email", email, "password", "Wrong-Pass-7730-zZz");
  }

  @TearDown(Level.Trial)
  public void stop() {
    service.close();
  }

  @Benchmark
  public JsonNode failedLogin() {
    return call("user-login", login);
  }

  private JsonNode call(String action, ObjectNode body) {
    DispatchResult result = dispatcher.dispatch(action, body, NODES.numberNode(1));
    if (!(result instanceof DispatchResult.Answer answer)) {
      throw new IllegalStateException(action + " was not answered");
    }
    return answer.result();
  }

  private static ObjectNode body(String... pairs) {
    ObjectNode body = NODES.objectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      body.put(pairs[i], pairs[i + 1]);
    }
    return body;
  }
}
