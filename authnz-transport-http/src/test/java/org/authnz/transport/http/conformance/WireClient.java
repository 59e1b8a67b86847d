package org.authnz.transport.http.conformance;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.InvalidTokenException;
import org.authnz.transport.http.protocol.WireCodec;
import org.jspecify.annotations.Nullable;

/**
 * Speaks the wire protocol to one sidecar: builds request bodies in the scenario format's
 * encryption modes, sends them with the JDK {@link HttpClient}, and decrypts answers.
 *
 * <p>Thread-safe.
 */
final class WireClient implements ScenarioRunner.Transport {

  static {
    // The JDK client refuses to set Host unless told otherwise; this is read once, when the JDK's
    // HTTP client classes initialise, so it must run before the first HttpClient is built.
    String allowed = System.getProperty("jdk.httpclient.allowRestrictedHeaders", "");
    if (!allowed.toLowerCase(java.util.Locale.ROOT).contains("host")) {
      System.setProperty(
          "jdk.httpclient.allowRestrictedHeaders", allowed.isEmpty() ? "host" : allowed + ",host");
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** How a step's plaintext becomes the HTTP body (FORMAT.md section 4.1, {@code encrypt}). */
  enum Encryption {
    DEFAULT,
    WRONG_KEY,
    SINGLE_B64;

    static Encryption of(String mode) {
      return switch (mode) {
        case "default" -> DEFAULT;
        case "wrong-key" -> WRONG_KEY;
        case "single-b64" -> SINGLE_B64;
        default -> throw new IllegalArgumentException("unknown encrypt mode: " + mode);
      };
    }
  }

  /**
   * One request as sent, kept for {@code replay}.
   *
   * @param body the HTTP body, or null for no body
   * @param reqid the request envelope's {@code reqid}, when the body carried an envelope with one
   */
  record Request(
      String method,
      String path,
      Map<String, String> headers,
      @Nullable String body,
      @Nullable JsonNode reqid) {
    Request {
      headers = Map.copyOf(headers);
    }
  }

  private final URI base;
  private final Fernet fernet;
  private final WireCodec codec;
  private final TimedTokens timedTokens;
  private final HttpClient http;

  WireClient(URI base, String key) {
    this.base = base;
    this.fernet = Fernet.of(key);
    this.codec = WireCodec.of(fernet);
    this.timedTokens = new TimedTokens(key);
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /**
   * The HTTP body for {@code plaintext}: a Fernet token under the shared key (or a fresh key),
   * base64-encoded again unless {@code SINGLE_B64}.
   *
   * @param fernetTime the token's timestamp in Unix seconds, or null for now
   */
  @Override
  public String body(byte[] plaintext, Encryption encryption, @Nullable Long fernetTime) {
    String token;
    if (fernetTime != null) {
      token = timedTokens.encrypt(plaintext, fernetTime, encryption == Encryption.WRONG_KEY);
    } else if (encryption == Encryption.WRONG_KEY) {
      token = Fernet.of(freshKey()).encrypt(plaintext);
    } else {
      token = fernet.encrypt(plaintext);
    }
    return encryption == Encryption.SINGLE_B64 ? token : outerLayer(token);
  }

  /** The default wire body of a JSON envelope. */
  @Override
  public String body(JsonNode envelope) {
    return codec.encode(envelope);
  }

  static String outerLayer(String token) {
    return Base64.getEncoder().encodeToString(token.getBytes(US_ASCII));
  }

  /** A new random Fernet key. */
  static String freshKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().encodeToString(key);
  }

  /** Sends {@code request} and decrypts a 200 answer when it decrypts. */
  @Override
  public Observed send(Request request) throws IOException, InterruptedException {
    HttpRequest.BodyPublisher publisher =
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(request.body(), UTF_8);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(request.path()))
            .timeout(TIMEOUT)
            .method(request.method(), publisher);
    request.headers().forEach(builder::setHeader);
    HttpResponse<String> response =
        http.send(builder.build(), HttpResponse.BodyHandlers.ofString(UTF_8));

    Map<String, String> headers = new LinkedHashMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
    JsonNode envelope = null;
    String problem = null;
    if (response.statusCode() == 200 && !request.path().startsWith("/health")) {
      try {
        envelope = codec.decode(response.body());
      } catch (InvalidTokenException | IllegalArgumentException e) {
        problem = "the 200 body did not decrypt: " + e.getClass().getSimpleName();
      }
    }
    return new Observed(
        response.statusCode(), headers, response.body(), envelope, problem, request.reqid());
  }

  /** Decrypts a wire body (for tests that hold a body in hand). */
  JsonNode decode(String body) {
    return codec.decode(body);
  }
}
