package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.authnz.Fixture.M_BADEMAIL;
import static org.authnz.Fixture.M_BADNAME;
import static org.authnz.Fixture.M_COMMON;
import static org.authnz.Fixture.M_CREATED;
import static org.authnz.Fixture.M_NUMERIC;
import static org.authnz.Fixture.M_SHORT12;
import static org.authnz.Fixture.M_SIMILAR;
import static org.authnz.Fixture.U4_EMAIL;
import static org.authnz.Fixture.U4_PASSWORD;
import static org.authnz.Fixture.json;
import static org.authnz.Fixture.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.authnz.internal.password.Argon2idHasher;
import org.authnz.memory.InMemoryStore;
import org.authnz.spi.StoredUser;
import org.authnz.wire.ActionDispatcher;
import org.authnz.wire.DispatchResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden cases G40-G59 and G119-G121 ({@code spec/golden-cases.md} sections 5 and 14). */
class SignupActionsTest {
  static final String GOOD_PASSWORD = "Xq7mPv2rLw9zTbKd";

  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
  }

  private ObjectNode signup(String fullName, String email, String password) {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("full_name", fullName);
    body.put("email", email);
    body.put("password", password);
    return fx.call("user-new", body);
  }

  private static ObjectNode rejected(String reason, String userEmail, List<String> messages) {
    ObjectNode expected = json("{'success': false, 'user_id': null, 'send_verification': false}");
    expected.put("user_email", userEmail);
    expected.put("failure_reason", reason);
    expected.set("messages", Fixture.MAPPER.valueToTree(messages));
    return expected;
  }

  // G40, G41, G42, G121
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Test User bIt.Ly/hahaspam",
        "Test User HttPs://BIT.lY/hahaspam",
        "Dr.Cole Smith",
        "a@b@c"
      })
  void userNew_linkLikeFullName_isInvalidFullName(String fullName) {
    ObjectNode result = signup(fullName, U4_EMAIL, GOOD_PASSWORD);

    assertThat(result).isEqualTo(rejected("invalid full name", null, List.of(M_BADNAME)));
    assertThat(fx.store.findUserByEmail(U4_EMAIL)).isEmpty();
  }

  @Test
  void userNew_linkLikeFullNameAndDumbPassword_reportsTheNameFirst() {
    ObjectNode result = signup("Test User bIt.Ly/hahaspam", U4_EMAIL, "password");

    assertThat(result.get("failure_reason").asText()).isEqualTo("invalid full name");
  }

  static Stream<Arguments> weakPasswords() {
    return Stream.of(
        Arguments.of("password", List.of(M_SHORT12, M_COMMON, M_SIMILAR)), // G43
        Arguments.of("239420349823904802398402375025", List.of(M_NUMERIC)), // G44
        Arguments.of("testuser", List.of(M_SHORT12, M_SIMILAR)), // G45
        Arguments.of("TestUser123", List.of(M_SHORT12, M_SIMILAR))); // G46
  }

  // G43-G46
  @ParameterizedTest
  @MethodSource("weakPasswords")
  void userNew_weakPassword_isInvalidPasswordWithPolicyMessages(
      String password, List<String> expected) {
    ObjectNode result = signup("Test User", U4_EMAIL, password);

    assertThat(result).isEqualTo(rejected("invalid password", U4_EMAIL, expected));
    assertThat(fx.store.findUserByEmail(U4_EMAIL)).isEmpty();
  }

  // G43 under P50
  @Test
  void userNew_dumbPasswordUnderServerPolicy_isNotReportedAsSimilar() {
    Fixture p50 = new Fixture(tempDir, PasswordPolicy.SERVER_DEFAULT);

    ObjectNode body = json("{'full_name': 'Test User', 'password': 'password'}");
    body.put("email", U4_EMAIL);
    ObjectNode result = p50.call("user-new", body);

    assertThat(result.get("messages")).isEqualTo(messages(M_SHORT12, M_COMMON));
  }

  /** G47/G48: a stubbed range API that knows one password (SHA-1 prefix 790de). */
  private AuthnzService withBreachCount(int count) {
    String sha1 =
        "790de" + "D072BD34C11328E0165BA583493E89EFAD7".toLowerCase(java.util.Locale.ROOT);
    AuthnzService service =
        AuthnzService.builder()
            .store(InMemoryStore.create())
            .clock(fx.clock)
            .passwordPolicy(PasswordPolicy.FUNCTION_DEFAULT)
            .publicSuffixes(Fixture.SUFFIXES)
            .argon2(1024, 1, 1)
            .breachLookup(
                hex ->
                    hex.equals(sha1)
                        ? java.util.OptionalInt.of(count)
                        : java.util.OptionalInt.empty())
            .build();
    service.initialize(Fixture.ADMIN_EMAIL, Fixture.ADMIN_PASSWORD);
    return service;
  }

  // G47
  @Test
  void userNew_compromisedPassword_isInvalidPassword() {
    SignupResult result =
        withBreachCount(3000)
            .users()
            .create(SignupRequest.of("Test User", U4_EMAIL, Password.of("passwordpassword123")));

    assertThat(result)
        .isInstanceOfSatisfying(
            SignupResult.Rejected.class,
            r -> {
              assertThat(r.denial().failureReason()).isEqualTo("invalid password");
              assertThat(r.denial().messages())
                  .containsExactly(
                      "Your password was found with 3000 matches in the database of recently"
                          + " compromised Web account passwords from"
                          + " https://haveibeenpwned.com/Passwords and is not secure.");
            });
  }

  // G48
  @Test
  void userNew_fewBreachMatches_areTolerated() {
    SignupResult result =
        withBreachCount(10)
            .users()
            .create(SignupRequest.of("Test User", U4_EMAIL, Password.of("passwordpassword123")));

    assertThat(result.isSuccess()).isTrue();
  }

  // G49
  @Test
  void userNew_withSystemId_createsInactiveLockedUser() {
    fx = new Fixture(tempDir, PasswordPolicy.FUNCTION_DEFAULT, true);
    ObjectNode body =
        json(
            "{'full_name': 'Test User', 'email': 'testuser@test.org',"
                + " 'password': 'aROwQin9L8nNtPTEMLXd',"
                + " 'system_id': 'totally-random-systemid-1234'}");

    ObjectNode result = fx.call("user-new", body);

    assertThat(result)
        .isEqualTo(
            json(
                "{'success': true, 'user_email': 'testuser@test.org', 'user_id': 4,"
                    + " 'system_id': 'totally-random-systemid-1234', 'send_verification': true,"
                    + " 'messages': ['"
                    + M_CREATED
                    + "']}"));
    StoredUser user = fx.user(4);
    assertThat(user.active()).isFalse();
    assertThat(user.emailVerified()).isFalse();
    assertThat(user.userRole()).isEqualTo("locked");
    assertThat(user.emailVerifySentAt()).isEqualTo(Fixture.START);
    assertThat(user.extraInfo())
        .isEqualTo(
            json(
                "{'provenance': 'request-created', 'type': 'normal-user',"
                    + " 'verify_retry_wait': 6}"));
    assertThat(user.password().reveal()).startsWith("$argon2id$v=19$m=65536,t=3,p=4$");
    assertThat(Argon2idHasher.withDefaults().verify(U4_PASSWORD, user.password())).isTrue();
  }

  private void createWithSystemId() {
    fx.call(
        "user-new",
        json(
            "{'full_name': 'Test User', 'email': 'testuser@test.org',"
                + " 'password': 'aROwQin9L8nNtPTEMLXd',"
                + " 'system_id': 'totally-random-systemid-1234'}"));
  }

  private static ObjectNode userExists(boolean sendVerification) {
    ObjectNode expected =
        json(
            "{'success': false, 'user_email': 'testuser@test.org', 'user_id': 4,"
                + " 'system_id': 'totally-random-systemid-1234',"
                + " 'failure_reason': 'user exists', 'messages': ['"
                + M_CREATED
                + "']}");
    expected.put("send_verification", sendVerification);
    return expected;
  }

  // G50
  @Test
  void userNew_sameEmailWithinWait_isUserExistsWithoutResend() {
    createWithSystemId();
    StoredUser before = fx.user(4);
    fx.clock.advance(Duration.ofHours(1));

    ObjectNode result = signup("Test User", U4_EMAIL, U4_PASSWORD);

    assertThat(result).isEqualTo(userExists(false));
    assertThat(fx.user(4)).isEqualTo(before);
  }

  // G51
  @Test
  void userNew_sameEmailAfterWait_refreshesTheRow() {
    createWithSystemId();
    StoredUser before = fx.user(4);
    fx.store.updateUser(
        4,
        fx.clock.instant(),
        u -> u.withEmailVerifySentAt(Fixture.START.minus(Duration.ofHours(7))));

    ObjectNode result = signup("Test User Again", U4_EMAIL, GOOD_PASSWORD);

    assertThat(result).isEqualTo(userExists(true));
    StoredUser after = fx.user(4);
    assertThat(after.fullName()).isEqualTo("Test User Again");
    assertThat(Argon2idHasher.withDefaults().verify(GOOD_PASSWORD, after.password())).isTrue();
    assertThat(after.emailVerifySentAt()).isEqualTo(fx.clock.instant());
    assertThat(after.systemId()).isEqualTo(before.systemId());
    assertThat(after.createdOn()).isEqualTo(before.createdOn());
    assertThat(after.active()).isFalse();
    assertThat(after.userRole()).isEqualTo("locked");
  }

  // G52
  @Test
  void userNew_existingActiveUser_neverResends() {
    fx.activeUser4();
    fx.store.updateUser(
        4,
        fx.clock.instant(),
        u -> u.withEmailVerifySentAt(Fixture.START.minus(Duration.ofHours(100))));

    ObjectNode result = signup("Test User", U4_EMAIL, U4_PASSWORD);

    assertThat(result.get("failure_reason").asText()).isEqualTo("user exists");
    assertThat(result.get("send_verification").asBoolean()).isFalse();
  }

  // G53, G54 (first part), G55 (first part)
  @ParameterizedTest
  @ValueSource(strings = {"someone@Mailinator.com", "me@example.com", "o'brien@example.com"})
  void userNew_badEmail_isInvalidEmail(String email) {
    ObjectNode result = signup("Test User", email, GOOD_PASSWORD);

    assertThat(result).isEqualTo(rejected("invalid email", null, List.of(M_BADEMAIL)));
  }

  // G54 (second part), G55 (second part), G56
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Admin@example.com|admin@example.com",
        "o\u2019brien@example.com|o\u2019brien@example.com",
        "Test.User@Example.ORG|test.user@example.org"
      })
  void userNew_acceptableEmail_isCreatedNormalised(String emails) {
    String[] parts = emails.split("\\|");

    ObjectNode result = signup("Test User", parts[0], GOOD_PASSWORD);

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("user_email").asText()).isEqualTo(parts[1]);
  }

  // G56 (second part)
  @Test
  void userNew_normalisedDuplicate_isUserExists() {
    signup("Test User", "Test.User@Example.ORG", GOOD_PASSWORD);

    ObjectNode result = signup("Test User", "test.user@example.org", GOOD_PASSWORD);

    assertThat(result.get("failure_reason").asText()).isEqualTo("user exists");
  }

  // G57
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\uff2a\uff4f\uff48\uff4e <b>Doe</b>|John &lt;b&gt;Doe&lt;/b&gt;",
        "  Test \t\t User  |Test User",
        "O'Neil Test|O&#39;Neil Test"
      })
  void userNew_fullName_isNormalisedEscapedAndSqueezed(String names) {
    String[] parts = names.split("\\|");

    ObjectNode result = signup(parts[0], "john@example.org", U4_PASSWORD);

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(fx.user(result.get("user_id").asLong()).fullName()).isEqualTo(parts[1]);
  }

  // G58
  @Test
  void userNew_noPublicSuffixList_isRejected() {
    AuthnzService bare =
        AuthnzService.builder()
            .store(InMemoryStore.create())
            .clock(fx.clock)
            .passwordPolicy(PasswordPolicy.FUNCTION_DEFAULT)
            .argon2(1024, 1, 1)
            .publicSuffixes(List.of())
            .build();
    bare.initialize(Fixture.ADMIN_EMAIL, Fixture.ADMIN_PASSWORD);
    ObjectNode body = json("{'full_name': 'Test User', 'email': 'testuser@test.org'}");
    body.put("password", GOOD_PASSWORD);

    DispatchResult result =
        ActionDispatcher.of(bare).dispatch("user-new", body, Fixture.MAPPER.nullNode());

    assertThat(((DispatchResult.Answer) result).result())
        .isEqualTo(
            rejected(
                "public suffix list not present",
                null,
                List.of("Full name could not be validated because of an internal server error")));

    body.set("public_suffix_list", Fixture.MAPPER.valueToTree(List.of(".com", ".org")));
    DispatchResult withHook =
        ActionDispatcher.of(bare).dispatch("user-new", body, Fixture.MAPPER.nullNode());
    assertThat(((DispatchResult.Answer) withHook).result().get("success").asBoolean()).isTrue();
  }

  // G40, G42 with the real list (the JDK's copy, the default)
  @ParameterizedTest
  @ValueSource(strings = {"Test User bIt.Ly/hahaspam", "Dr.Cole Smith", "Mr. Example.com"})
  void userNew_defaultPublicSuffixList_rejectsDomainLikeNames(String fullName) {
    AuthnzService service =
        AuthnzService.builder().store(InMemoryStore.create()).argon2(1024, 1, 1).build();
    service.initialize(Fixture.ADMIN_EMAIL, Fixture.ADMIN_PASSWORD);

    SignupResult result =
        service.users().create(SignupRequest.of(fullName, U4_EMAIL, Password.of(GOOD_PASSWORD)));

    assertThat(result)
        .isInstanceOfSatisfying(
            SignupResult.Rejected.class,
            r -> assertThat(r.denial().code()).isEqualTo(DenialCode.INVALID_FULL_NAME));
  }

  @Test
  void userNew_defaultPublicSuffixList_acceptsPlainNames() {
    AuthnzService service =
        AuthnzService.builder().store(InMemoryStore.create()).argon2(1024, 1, 1).build();
    service.initialize(Fixture.ADMIN_EMAIL, Fixture.ADMIN_PASSWORD);

    SignupResult result =
        service.users().create(SignupRequest.of("Test User", U4_EMAIL, Password.of(GOOD_PASSWORD)));

    assertThat(result.isSuccess()).isTrue();
  }

  // G59
  @Test
  void userNew_extraInfoAndZeroRetryWait_mergesAndClampsToOne() {
    ObjectNode body =
        json(
            "{'full_name': 'Test User', 'email': 'testuser@test.org',"
                + " 'password': 'aROwQin9L8nNtPTEMLXd',"
                + " 'extra_info': {'provenance': 'mine', 'color': 'blue'},"
                + " 'verify_retry_wait': 0}");

    ObjectNode result = fx.call("user-new", body);

    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(fx.user(4).extraInfo())
        .isEqualTo(
            json(
                "{'provenance': 'request-created', 'color': 'blue', 'type': 'normal-user',"
                    + " 'verify_retry_wait': 1}"));
  }

  @Test
  void userNew_truthyNonObjectExtraInfo_isDbIssue() {
    ObjectNode body =
        json(
            "{'full_name': 'Test User', 'email': 'testuser@test.org',"
                + " 'password': 'aROwQin9L8nNtPTEMLXd', 'extra_info': 'abc'}");

    ObjectNode result = fx.call("user-new", body);

    assertThat(result).isEqualTo(rejected("DB issue with user creation", null, List.of(M_CREATED)));
    assertThat(fx.store.findUserByEmail(U4_EMAIL)).isEmpty();
  }

  // G119 (decision: answer "user exists" without resend instead of failing)
  @Test
  void userNew_systemUserEmail_isUserExistsWithoutResend() {
    ObjectNode result = signup("X Y", Fixture.ADMIN_EMAIL, GOOD_PASSWORD);

    assertThat(result.get("failure_reason").asText()).isEqualTo("user exists");
    assertThat(result.get("user_id").asLong()).isEqualTo(1);
    assertThat(result.get("send_verification").asBoolean()).isFalse();
    assertThat(fx.user(1).fullName()).isEqualTo("Superuser account");
  }

  @Test
  void userNew_typedApi_returnsCreated() {
    SignupResult result =
        fx.service
            .users()
            .create(SignupRequest.of("Test User", U4_EMAIL, Password.of(U4_PASSWORD)));

    assertThat(result)
        .isInstanceOfSatisfying(
            SignupResult.Created.class,
            created -> {
              assertThat(created.userId()).isEqualTo(4);
              assertThat(created.email()).isEqualTo(U4_EMAIL);
              assertThat(created.messages()).containsExactly(M_CREATED);
            });
    assertThat(fx.user(4).createdOn()).isEqualTo(Instant.parse("2031-05-06T07:08:09.123456Z"));
  }
}
