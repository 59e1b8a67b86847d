package org.authnz.transport.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long text and U+0000 through a real sidecar on an SQLite file, which would store any of it: each
 * gets the action's ordinary denial, as on PostgreSQL and MariaDB, and no row is written.
 */
final class LongTextSidecarTest {

  @TempDir static Path dir;
  private static TestSidecar sidecar;

  @BeforeAll
  static void start() {
    sidecar = TestSidecar.start(dir);
  }

  @AfterAll
  static void stop() {
    sidecar.close();
  }

  private static JsonNode call(String action, ObjectNode body) throws Exception {
    ObjectNode envelope = WireCodec.json().createObjectNode();
    envelope.put("request", action);
    envelope.put("reqid", "long-" + action);
    envelope.set("body", body);
    TestSidecar.Answer answer = sidecar.send(envelope);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.envelope().get("response");
  }

  private static ObjectNode signup(String fullName, String email) {
    ObjectNode body = WireCodec.json().createObjectNode();
    body.put("full_name", fullName);
    body.put("email", email);
    body.put("password", "Xq7mPv2rLw9zTbKd-long");
    return body;
  }

  @Test
  void userNew_emailOfFiveHundredLabels_isInvalidEmailNotABadRequest() throws Exception {
    // Regression: the sidecar answered 400 after a StackOverflowError in the e-mail check.
    String email = "s@" + String.join(".", Collections.nCopies(500, "ab"));
    Map<String, Long> before = sidecar.rowCounts();

    JsonNode response = call("user-new", signup("Ann Bee", email));

    assertThat(response.get("failure_reason").asText()).isEqualTo("invalid email");
    assertThat(sidecar.rowCounts()).isEqualTo(before);
  }

  @Test
  void userNew_quarterMillionCharacterEmailOrName_isDeniedAndNotStored() throws Exception {
    Map<String, Long> before = sidecar.rowCounts();

    JsonNode longEmail = call("user-new", signup("Ann Bee", "a".repeat(250_000) + "@x.org"));
    JsonNode longName = call("user-new", signup("N".repeat(250_000), "ann@example.org"));

    assertThat(longEmail.get("failure_reason").asText()).isEqualTo("invalid email");
    assertThat(longName.get("failure_reason").asText()).isEqualTo("invalid full name");
    assertThat(sidecar.rowCounts()).isEqualTo(before);
  }

  @Test
  void sessionNew_longOrNulUserAgent_isTheDbErrorAndNotStored() throws Exception {
    Map<String, Long> before = sidecar.rowCounts();

    for (String agent : new String[] {"u".repeat(281), "agent\u0000"}) {
      ObjectNode body = WireCodec.json().createObjectNode();
      body.put("ip_address", "10.0.0.1");
      body.put("user_agent", agent);
      body.putNull("user_id");
      body.put("expires", "2099-01-01T00:00:00.5");
      body.putNull("extra_info_json");

      JsonNode response = call("session-new", body);

      assertThat(response.get("failure_reason").asText())
          .isEqualTo("DB error when making new session");
    }
    assertThat(sidecar.rowCounts()).isEqualTo(before);
  }
}
