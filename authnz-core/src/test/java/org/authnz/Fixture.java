package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.authnz.memory.InMemoryStore;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;

/**
 * The golden-case fixtures of {@code spec/golden-cases.md} section 0: a service on an in-memory
 * store at DB0, with a mutable clock, policy P33, FQDN {@code localhost}, a small public suffix
 * list and a disposable-domain file; plus helpers to call actions through the dispatcher.
 */
final class Fixture {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant START = Instant.parse("2031-05-06T07:08:09.123456Z");
  static final String ADMIN_EMAIL = "superuser@localhost";
  static final String ADMIN_PASSWORD = "Qv8-Lantern-Orbit-5527";
  static final String U4_EMAIL = "testuser@test.org";
  static final String U4_PASSWORD = "aROwQin9L8nNtPTEMLXd";
  static final List<String> SUFFIXES =
      List.of(".com", ".org", ".net", ".ly", ".co", ".uk", ".co.uk", ".io", ".*.ck", ".!www.ck");

  static final String M_BADPASS = "Sorry, that user ID and password combination didn't work.";
  static final String M_CREATED =
      "User account created. Please verify your email address to log in.";
  static final String M_SHORT12 =
      "Your password is too short. It must have at least 12 characters.";
  static final String M_COMMON =
      "Your password is on the list of the most common passwords and is vulnerable to guessing.";
  static final String M_SIMILAR =
      "Your password is too similar to either the domain name of this server or your own name"
          + " or email address.";
  static final String M_FREQ =
      "Your password is not complex enough. One or more characters appear appear too"
          + " frequently.";
  static final String M_NUMERIC = "Your password cannot be all numbers.";
  static final String M_BADNAME =
      "The full name provided appears to contain an HTTP link, and cannot be used to sign up for"
          + " an account on this server.";
  static final String M_BADEMAIL =
      "The email address provided doesn't seem to be a valid email address and cannot be used to"
          + " sign up for an account on this server.";

  final MutableClock clock = new MutableClock(START);
  final InMemoryStore store = InMemoryStore.create();
  final AuthnzService service;
  final ActionDispatcher dispatcher;

  Fixture(Path tempDir) {
    this(tempDir, PasswordPolicy.FUNCTION_DEFAULT, false);
  }

  Fixture(Path tempDir, PasswordPolicy policy) {
    this(tempDir, policy, false);
  }

  /**
   * @param defaultHashing whether new hashes use the default Argon2id parameters; otherwise cheap
   *     ones (m=1024, t=1, p=1) keep the tests fast
   */
  Fixture(Path tempDir, PasswordPolicy policy, boolean defaultHashing) {
    this(tempDir, policy, defaultHashing, UnaryOperator.identity());
  }

  /** As {@link #Fixture(Path)} with further builder settings, e.g. a mail server. */
  Fixture(Path tempDir, UnaryOperator<AuthnzService.Builder> settings) {
    this(tempDir, PasswordPolicy.FUNCTION_DEFAULT, false, settings);
  }

  private Fixture(
      Path tempDir,
      PasswordPolicy policy,
      boolean defaultHashing,
      UnaryOperator<AuthnzService.Builder> settings) {
    Path disposable = tempDir.resolve("disposable.conf");
    try {
      Files.writeString(disposable, "mailinator.com\nyopmail.com\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AuthnzService.Builder builder = AuthnzService.builder();
    if (!defaultHashing) {
      builder.argon2(1024, 1, 1);
    }
    builder
        .store(store)
        .clock(clock)
        .piiSalt("test-pii-salt")
        .passwordPolicy(policy)
        .serverFqdn("localhost")
        .disposableDomainsFile(disposable)
        .publicSuffixes(SUFFIXES);
    service = settings.apply(builder).build();
    service.initialize(ADMIN_EMAIL, ADMIN_PASSWORD);
    dispatcher = ActionDispatcher.of(service);
  }

  /**
   * Parses JSON written with single quotes for readability; a backtick stands for an apostrophe
   * inside a string.
   */
  static ObjectNode json(String singleQuoted) {
    try {
      return (ObjectNode) MAPPER.readTree(singleQuoted.replace('\'', '"').replace('`', '\''));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Runs an action through the dispatcher and returns its result object. */
  ObjectNode call(String action, ObjectNode body) {
    DispatchResult result = dispatcher.dispatch(action, body, TextNode.valueOf("r-0001"));
    assertThat(result).isInstanceOf(DispatchResult.Answer.class);
    return ((DispatchResult.Answer) result).result();
  }

  ObjectNode call(String action, String singleQuotedBody) {
    return call(action, json(singleQuotedBody));
  }

  /** {@code NOW+d} as the wire writes it, with a fraction. */
  String inFuture(Duration d) {
    Instant at = clock.instant().plus(d);
    return WireTime.format(at.getNano() == 0 ? at.plusNanos(500_000_000) : at);
  }

  /** A session ({@code ANON}, {@code S4}, {@code S1}) for {@code userId} (null: anonymous). */
  String session(Long userId) {
    return session(userId, "Mozzarella Killerwhale");
  }

  String session(Long userId, String userAgent) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("ip_address", "1.1.1.1");
    body.put("user_agent", userAgent);
    body.put("user_id", userId);
    body.put("expires", inFuture(Duration.ofHours(1)));
    body.set("extra_info_json", json("{'pref_datasets_always_private': true}"));
    ObjectNode result = call("session-new", body);
    assertThat(result.get("success").asBoolean()).isTrue();
    return result.get("session_token").asText();
  }

  /** U4P: the pending user 4. */
  ObjectNode pendingUser4() {
    ObjectNode result =
        call(
            "user-new",
            "{'full_name': 'Test User', 'email': '"
                + U4_EMAIL
                + "', 'password': '"
                + U4_PASSWORD
                + "'}");
    assertThat(result.get("user_id").asLong()).isEqualTo(4);
    return result;
  }

  /** U4A: user 4 signed up and verified. */
  void activeUser4() {
    pendingUser4();
    assertThat(
            call("user-set-emailverified", "{'email': '" + U4_EMAIL + "'}")
                .get("success")
                .asBoolean())
        .isTrue();
  }

  boolean isLive(String token) {
    return service.sessions().find(SessionToken.of(token)).isSuccess();
  }

  StoredUser user(long id) {
    return store.findUser(id).orElseThrow();
  }

  static JsonNode messages(String... messages) {
    return MAPPER.valueToTree(List.of(messages));
  }
}
