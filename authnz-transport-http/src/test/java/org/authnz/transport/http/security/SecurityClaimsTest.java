package org.authnz.transport.http.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.authnz.AuthnzService;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.protocol.WireCodec;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security claims of issue #9 that a test can show: token length and generator, constant-time
 * comparison of secrets, the same Argon2id work for unknown users and wrong passwords, and no
 * marker secret in any log line or error body of the sidecar's main journeys. The timing of the two
 * kinds of failed login is measured in {@code authnz-benchmarks} instead ({@code
 * docs/security.md}).
 */
final class SecurityClaimsTest {

  private static final ObjectMapper JSON = WireCodec.json();
  private static final String PASSWORD = "Marker-Pass-7731-qZx-Secret";
  private static final String WRONG_PASSWORD = "Marker-Wrong-4410-kLp-Secret";
  private static final String NEW_PASSWORD = "Marker-Newpass-2291-vBn-Secret";
  private static final String EMAIL = "marker.person@example.org";

  @TempDir Path dir;

  @Test
  void sessionTokens_are32RandomBytesAndNeverRepeat() throws Exception {
    try (TestSidecar sidecar = TestSidecar.start(dir)) {
      Set<String> tokens = new HashSet<>();
      long ones = 0;
      for (int i = 0; i < 200; i++) {
        String token = sessionNew(sidecar, null);
        byte[] raw = Base64.getUrlDecoder().decode(token);
        assertThat(raw).hasSize(32);
        for (byte b : raw) {
          ones += Integer.bitCount(b & 0xff);
        }
        tokens.add(token);
      }

      assertThat(tokens).hasSize(200);
      // 51200 random bits: the share of ones is 0.5 +- 0.007 (3 sigma); a counter or a
      // low-entropy generator would be far off.
      assertThat(ones / 51200.0).isBetween(0.48, 0.52);
    }
  }

  @Test
  void sessionAndApiKeyTokens_comeFromSecureRandomWith256Bits() throws Exception {
    assertThat(fieldType("org.authnz.DefaultAuthnzService", "random"))
        .isEqualTo(SecureRandom.class);
    assertThat(fieldType("org.authnz.ApiKeyActions", "random")).isEqualTo(SecureRandom.class);
    Field bytes = Class.forName("org.authnz.ApiKeyActions").getDeclaredField("TOKEN_BYTES");
    assertThat(Modifier.isStatic(bytes.getModifiers())).isTrue();
    bytes.setAccessible(true);
    assertThat(bytes.getInt(null) * 8).isGreaterThanOrEqualTo(256);
  }

  @Test
  void secretComparisons_useMessageDigestIsEqual() throws Exception {
    // Constant time cannot be measured reliably in a unit test; this pins the implementation
    // (docs/security.md lists each comparison).
    Path root = Path.of("..").toAbsolutePath().normalize();
    for (String file :
        List.of(
            "authnz-core/src/main/java/org/authnz/spi/SessionToken.java",
            "authnz-core/src/main/java/org/authnz/spi/ApiKeyToken.java",
            "authnz-core/src/main/java/org/authnz/Password.java",
            "authnz-core/src/main/java/org/authnz/VerificationToken.java",
            "authnz-core/src/main/java/org/authnz/internal/password/Argon2idHasher.java",
            "authnz-transport-http/src/main/java/org/authnz/transport/http/protocol/Fernet.java")) {
      String source = Files.readString(root.resolve(file));
      assertThat(source).as(file).contains("MessageDigest.isEqual(");
    }
  }

  @Test
  void login_unknownUserDoesTheSameArgon2idWorkAsAWrongPassword() throws Exception {
    // Argon2id fills memoryKib of memory on every run; 64 MiB dwarfs everything else a login
    // allocates, so the bytes the calling thread allocates count the Argon2id runs.
    int memoryKib = 64 * 1024;
    try (AuthnzService service =
        AuthnzService.builder()
            .store(JdbcStore.sqlite(dir.resolve("argon.sqlite")))
            .argon2(memoryKib, 1, 1)
            .build()) {
      service.initialize(TestSidecar.ADMIN_EMAIL, TestSidecar.ADMIN_PASSWORD);
      ActionDispatcher dispatcher = ActionDispatcher.of(service);
      signUpVerified(dispatcher);
      long run = memoryKib * 1024L;

      long wrongPassword = allocatedByLogin(dispatcher, EMAIL, WRONG_PASSWORD);
      long unknownUser = allocatedByLogin(dispatcher, "nobody@example.org", WRONG_PASSWORD);
      long passcheckWrong = allocatedBy(dispatcher, "user-passcheck-nosession", passcheck(EMAIL));
      long passcheckUnknown =
          allocatedBy(dispatcher, "user-passcheck-nosession", passcheck("nobody@example.org"));

      assertThat(wrongPassword).isGreaterThanOrEqualTo(run);
      assertThat(Math.round((double) unknownUser / run))
          .isEqualTo(Math.round((double) wrongPassword / run));
      assertThat(passcheckWrong).isGreaterThanOrEqualTo(run);
      assertThat(Math.round((double) passcheckUnknown / run))
          .isEqualTo(Math.round((double) passcheckWrong / run));
    }
  }

  @Test
  void login_passwordOf100Characters_works() throws Exception {
    String longPassword =
        "Correct horse battery staple, 42 times over: ".repeat(3).substring(0, 100);
    try (AuthnzService service =
        AuthnzService.builder()
            .store(JdbcStore.sqlite(dir.resolve("long.sqlite")))
            .argon2(1024, 1, 1)
            .build()) {
      service.initialize(TestSidecar.ADMIN_EMAIL, TestSidecar.ADMIN_PASSWORD);
      ActionDispatcher dispatcher = ActionDispatcher.of(service);
      JsonNode created =
          dispatch(
              dispatcher,
              "user-new",
              body("full_name", "Marker Person", "email", EMAIL, "password", longPassword));
      assertThat(created.path("success").asBoolean()).as("user-new %s", created).isTrue();
      dispatch(dispatcher, "user-set-emailverified", body("email", EMAIL));

      JsonNode login =
          dispatch(
              dispatcher,
              "user-passcheck-nosession",
              body("email", EMAIL, "password", longPassword));

      assertThat(login.path("success").asBoolean()).as("passcheck %s", login).isTrue();
    }
  }

  @Test
  void mainJourneysOverTheSidecar_leaveNoSecretInLogsOrErrorBodies() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, NEW_PASSWORD));
    List<String> bodies = new ArrayList<>();
    long logStart = Files.exists(TEST_LOG) ? Files.size(TEST_LOG) : 0;
    System.setErr(new PrintStream(new TeeStream(original, captured), true, UTF_8));
    try (TestSidecar sidecar = TestSidecar.start(dir)) {
      secrets.add(sidecar.key());
      journeys(sidecar, secrets, bodies);
    } finally {
      System.setErr(original);
    }

    for (String secret : secrets) {
      assertThat(bodies).as("error bodies and failure answers").noneMatch(b -> b.contains(secret));
    }
    // The tests' SLF4J Simple configuration (core's test-jar) writes to target/authnz-test.log;
    // what this test logged is what the file gained, plus anything that went to System.err.
    String log = captured.toString(UTF_8) + logSince(logStart);
    assertThat(log).as("log output of the journeys").isNotEmpty();
    for (String secret : secrets) {
      assertThat(log).as("captured log").doesNotContain(secret);
    }
  }

  private static final Path TEST_LOG = Path.of("target/authnz-test.log");

  private static String logSince(long offset) throws IOException {
    if (!Files.exists(TEST_LOG)) {
      return "";
    }
    byte[] all = Files.readAllBytes(TEST_LOG);
    int from = (int) Math.min(offset, all.length);
    return new String(all, from, all.length - from, UTF_8);
  }

  // --- journeys ---

  private static void journeys(TestSidecar sidecar, List<String> secrets, List<String> bodies)
      throws Exception {
    ObjectNode signup = body("full_name", "Marker Person", "email", EMAIL, "password", PASSWORD);
    JsonNode created = call(sidecar, bodies, "user-new", signup);
    long userId = created.path("response").path("user_id").asLong();
    call(sidecar, bodies, "user-set-emailverified", body("email", EMAIL));

    for (String password : List.of(WRONG_PASSWORD, PASSWORD)) {
      String anon = sessionNew(sidecar, null);
      secrets.add(anon);
      call(
          sidecar,
          bodies,
          "user-login",
          body("session_token", anon, "email", EMAIL, "password", password));
    }
    String own = sessionNew(sidecar, userId);
    secrets.add(own);
    call(sidecar, bodies, "session-exists", body("session_token", own));
    call(sidecar, bodies, "user-passcheck", body("session_token", own, "password", WRONG_PASSWORD));
    call(sidecar, bodies, "user-passcheck-nosession", body("email", EMAIL, "password", PASSWORD));
    ObjectNode change =
        body(
            "session_token", own,
            "full_name", "Marker Person",
            "email", EMAIL,
            "current_password", PASSWORD,
            "new_password", NEW_PASSWORD);
    change.put("user_id", userId);
    call(sidecar, bodies, "user-changepass", change);
    call(
        sidecar,
        bodies,
        "user-validatepass",
        body("password", NEW_PASSWORD, "email", EMAIL, "full_name", "M P"));
    // Bad requests that carry secrets: wrong types, a broken envelope, a tampered token.
    ObjectNode wrongType = body("session_token", own, "email", EMAIL);
    wrongType.put("password", 12);
    call(sidecar, bodies, "user-login", wrongType);
    bodies.add(
        sidecar
            .post(
                sidecar
                    .codec()
                    .encode(
                        JSON.readTree(
                            "{\"request\": \"" + PASSWORD + "\", \"reqid\": 1, \"body\": {}}")))
            .body());
    String tampered =
        sidecar.codec().encode(envelope("session-exists", body("session_token", own)));
    bodies.add(sidecar.post(tampered.substring(0, tampered.length() - 8) + "AAAAAAAA").body());
    ObjectNode logout = body("session_token", own);
    logout.put("user_id", userId);
    call(sidecar, bodies, "user-logout", logout);
  }

  private static String sessionNew(TestSidecar sidecar, Long userId) throws Exception {
    ObjectNode body =
        body(
            "ip_address",
            "10.77.31.9",
            "user_agent",
            "Marker/1.0",
            "expires",
            "2099-01-01T00:00:00.000000");
    if (userId == null) {
      body.putNull("user_id");
    } else {
      body.put("user_id", userId);
    }
    body.putNull("extra_info_json");
    JsonNode answer = sidecar.send(envelope("session-new", body)).envelope();
    assertThat(answer.path("success").asBoolean()).as("session-new %s", answer).isTrue();
    return answer.path("response").path("session_token").asText();
  }

  private static JsonNode call(
      TestSidecar sidecar, List<String> bodies, String action, ObjectNode body) throws Exception {
    TestSidecar.Answer answer = sidecar.send(envelope(action, body));
    // Error bodies and failure answers; a success may carry a secret by design (session-exists
    // returns the session's token to the frontend that owns it).
    if (answer.envelope() == null) {
      bodies.add(answer.body());
    } else if (!answer.envelope().path("success").asBoolean()) {
      bodies.add(answer.envelope().toString());
    }
    return answer.envelope() == null ? JSON.createObjectNode() : answer.envelope();
  }

  // --- in-process helpers for the Argon2id count ---

  private static void signUpVerified(ActionDispatcher dispatcher) {
    dispatch(
        dispatcher,
        "user-new",
        body("full_name", "Marker Person", "email", EMAIL, "password", PASSWORD));
    dispatch(dispatcher, "user-set-emailverified", body("email", EMAIL));
  }

  private static long allocatedByLogin(ActionDispatcher dispatcher, String email, String password) {
    ObjectNode session =
        body("ip_address", "10.0.0.1", "user_agent", "x", "expires", "2099-01-01T00:00:00.000000");
    session.putNull("user_id");
    session.putNull("extra_info_json");
    String token =
        dispatch(dispatcher, "session-new", session)
            .path("response")
            .path("session_token")
            .asText();
    return allocatedBy(
        dispatcher,
        "user-login",
        body("session_token", token, "email", email, "password", password));
  }

  private static ObjectNode passcheck(String email) {
    return body("email", email, "password", WRONG_PASSWORD);
  }

  private static long allocatedBy(ActionDispatcher dispatcher, String action, ObjectNode body) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    JsonNode result = dispatch(dispatcher, action, body);
    long after = threads.getThreadAllocatedBytes(thread);
    assertThat(result.path("success").asBoolean()).as("%s %s", action, result).isFalse();
    return after - before;
  }

  private static JsonNode dispatch(ActionDispatcher dispatcher, String action, ObjectNode body) {
    DispatchResult result = dispatcher.dispatch(action, body, JSON.getNodeFactory().numberNode(1));
    assertThat(result).isInstanceOf(DispatchResult.Answer.class);
    return ((DispatchResult.Answer) result).result();
  }

  // --- small things ---

  private static Class<?> fieldType(String className, String field) throws Exception {
    return Class.forName(className).getDeclaredField(field).getType();
  }

  private static ObjectNode body(String... pairs) {
    ObjectNode body = JSON.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      body.put(pairs[i], pairs[i + 1]);
    }
    return body;
  }

  private static ObjectNode envelope(String action, ObjectNode body) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("request", action);
    envelope.put("reqid", 1);
    envelope.set("body", body);
    return envelope;
  }

  /** Writes to two streams. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream first;
    private final java.io.OutputStream second;

    TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
