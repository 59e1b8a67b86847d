package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.U4_EMAIL;
import static org.authnz.Fixture.U4_PASSWORD;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.authnz.wire.DispatchResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs a first trial against the sidecar found mishandled. */
class HostileInputTest {
  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
  }

  @Test
  void userNew_passwordWithUnpairedSurrogate_isBadRequestAndWritesNothing() {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("full_name", "Surrogate Person");
    body.put("email", "surrogate@test.org");
    body.put("password", "\ud800aROwQin9L8nNtPTEMLXd");

    DispatchResult result = fx.dispatcher.dispatch("user-new", body, TextNode.valueOf("r-1"));

    assertThat(result).isInstanceOf(DispatchResult.BadRequest.class);
    assertThat(fx.store.findUserByEmail("surrogate@test.org")).isEmpty();
  }

  @Test
  void userNew_properSurrogatePair_isAccepted() {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("full_name", "Emoji \ud83d\ude00 Person");
    body.put("email", "emoji@test.org");
    body.put("password", "\ud83d\ude00aROwQin9L8nNtPTEMLXd");

    DispatchResult result = fx.dispatcher.dispatch("user-new", body, TextNode.valueOf("r-1"));

    assertThat(result).isInstanceOf(DispatchResult.Answer.class);
    assertThat(((DispatchResult.Answer) result).result().get("success").booleanValue()).isTrue();
  }

  @Test
  void userLogout_userIdBeyondLong_failsAndEchoesTheIdAsGiven() {
    BigInteger huge = new BigInteger("9223372036854775808");
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("session_token", fx.session(null));
    body.put("user_id", huge);

    ObjectNode result = fx.call("user-logout", body);

    assertThat(result.get("success").booleanValue()).isFalse();
    assertThat(result.get("user_id").bigIntegerValue()).isEqualTo(huge);
  }

  @Test
  void sessionDeleteUserid_userIdBeyondLong_deletesNothing() {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("session_token", "");
    body.put("user_id", new BigInteger("-99999999999999999999"));
    body.put("keep_current_session", false);

    ObjectNode result = fx.call("session-delete-userid", body);

    assertThat(result.get("success").booleanValue()).isFalse();
  }

  @Test
  void userLogin_concurrentOnOneSession_atMostOneSucceeds() throws Exception {
    fx.activeUser4();
    String anon = fx.session(null);
    List<Callable<Boolean>> logins = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      logins.add(
          () -> {
            ObjectNode body = Fixture.MAPPER.createObjectNode();
            body.put("session_token", anon);
            body.put("email", U4_EMAIL);
            body.put("password", U4_PASSWORD);
            return fx.call("user-login", body).get("success").booleanValue();
          });
    }

    ExecutorService pool = Executors.newFixedThreadPool(8);
    int successes = 0;
    try {
      for (Future<Boolean> done : pool.invokeAll(logins)) {
        successes += done.get() ? 1 : 0;
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(successes).isEqualTo(1);
  }
}
