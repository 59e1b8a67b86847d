package org.authnz.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients against a real sidecar: half-sent requests that then go silent hold no thread and
 * are closed after the idle timeout, and deep or long JSON gets a 4xx or a normal answer, never a
 * 500.
 */
class TransportHardeningTest {

  private static final String KEY = Fernet.generateKey();
  private static final WireCodec CODEC = WireCodec.of(Fernet.of(KEY));
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AuthnzHttpServer server;

  @BeforeEach
  void start() {
    server =
        AuthnzHttpServer.builder()
            .secret(KEY)
            .port(0)
            .workers(2)
            .stopGrace(Duration.ZERO)
            .idleTimeout(Duration.ofSeconds(2))
            .dispatcher(new TestDispatcher())
            .healthCheck(() -> true)
            .build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void halfSentRequests_holdNoThreadAndAreClosedWhenIdle() throws Exception {
    // More silent connections than the server has threads (32): if each held one, the normal
    // request below could not be answered.
    List<Socket> silent = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        silent.add(halfSent("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le"));
        silent.add(
            halfSent(
                "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n"
                    + "A".repeat(10)));
      }

      HttpResponse<String> answered = post(CODEC.encode(envelope("session-exists", "nope")));
      assertThat(answered.statusCode()).isEqualTo(200);

      for (Socket socket : silent) {
        assertThat(closedByServer(socket)).as("the server closed a silent connection").isTrue();
      }
    } finally {
      for (Socket socket : silent) {
        socket.close();
      }
    }
  }

  @Test
  void post_jsonNestedDeeperThanTheLimit_is401NotA500() throws Exception {
    String deep =
        "[".repeat(WireCodec.MAX_NESTING_DEPTH + 10) + "]".repeat(WireCodec.MAX_NESTING_DEPTH + 10);
    String body =
        Base64.getEncoder()
            .encodeToString(
                Fernet.of(KEY)
                    .encrypt(deep.getBytes(StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.US_ASCII));

    assertThat(post(body).statusCode()).isEqualTo(401);
  }

  @Test
  void post_veryLongStringWithinTheBodyLimit_isAnsweredNotA500() throws Exception {
    // 200 KiB of text is about 360 KiB on the wire (Fernet and two base64 layers)
    HttpResponse<String> response =
        post(CODEC.encode(envelope("session-exists", "t".repeat(200 * 1024))));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(CODEC.decode(response.body()).get("success").booleanValue()).isFalse();
  }

  @Test
  void post_stringBeyondTheBodyLimit_is413NotA500() throws Exception {
    HttpResponse<String> response =
        post(CODEC.encode(envelope("session-exists", "t".repeat(600 * 1024))));

    assertThat(response.statusCode()).isEqualTo(413);
  }

  private Socket halfSent(String start) throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    OutputStream out = socket.getOutputStream();
    out.write(start.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  /** Reads until the server closes; false if it is still open after 30 seconds. */
  private static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(30_000);
    InputStream in = socket.getInputStream();
    try {
      while (in.read() != -1) {
        // a 408 or 400 answer may come before the close
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset by the server
    }
  }

  private static ObjectNode envelope(String action, String sessionToken) {
    ObjectNode envelope = WireCodec.json().createObjectNode();
    envelope.put("request", action);
    envelope.putObject("body").put("session_token", sessionToken);
    envelope.put("reqid", 1);
    envelope.put("client_ipaddr", "203.0.113.9");
    return envelope;
  }

  private HttpResponse<String> post(String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
            .timeout(Duration.ofSeconds(20))
            .POST(BodyPublishers.ofString(body))
            .build();
    return HTTP.send(request, BodyHandlers.ofString());
  }
}
