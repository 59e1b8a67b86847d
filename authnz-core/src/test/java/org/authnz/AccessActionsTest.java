package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.authnz.Fixture.json;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.authnz.memory.InMemoryStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code user-check-access} and {@code user-check-limit} through the dispatcher ({@code
 * actions-admin.md} sections 2 and 3): user 4 verified {@code authenticated}, user 5 verified, user
 * 6 unverified, on the default policy unless a test says otherwise.
 */
class AccessActionsTest {
  static final String GRANTED = "Access request check successful. Access granted: True.";
  static final String NOT_GRANTED = "Access request check successful. Access granted: False.";
  static final String UNDER = "Limit check successful. Limit check passed: True.";
  static final String OVER = "Limit check successful. Limit check passed: False.";

  @TempDir Path tempDir;
  Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(tempDir);
    fx.activeUser4();
    signUp("user5@test.org", true);
    signUp("user6@test.org", false);
  }

  // ---- user-check-access -----------------------------------------------------------------

  @Test
  void checkAccess_viewPublicObjectOfUser1_isGranted() {
    assertThat(access(4, "authenticated", "view", "object", 1, "public", ""))
        .isEqualTo(json("{'success': true, 'messages': ['" + GRANTED + "']}"));
  }

  @Test
  void checkAccess_deletePublicObjectOfUser1_isNotPermitted() {
    assertThat(access(4, "authenticated", "delete", "object", 1, "public", ""))
        .isEqualTo(notGranted("action not permitted"));
  }

  @Test
  void checkAccess_editOwnPrivateDataset_isGranted() {
    assertThat(access(4, "authenticated", "edit", "dataset", 4, "private", "").get("success"))
        .isEqualTo(BooleanNode.TRUE);
  }

  @Test
  void checkAccess_superuserDeletesPrivateDatasetOfUser4_isGranted() {
    assertThat(access(1, "superuser", "delete", "dataset", 4, "private", "").get("success"))
        .isEqualTo(BooleanNode.TRUE);
  }

  @ParameterizedTest
  @CsvSource({
    "4, staff", // claimed role differs from the stored one
    "99, authenticated", // unknown user
    "6, authenticated", // unverified, inactive
    "3, locked", // the system locked user
    "10, superuser"
  })
  void checkAccess_requesterNotActiveWithClaimedRole_isInvalid(long user, String role) {
    assertThat(access(user, role, "view", "collection", 1, "public", ""))
        .isEqualTo(notGranted("user initiating request is not valid"));
  }

  @ParameterizedTest
  @CsvSource({"99, ''", "3, ''", "6, ''", "5, '4,99'", "5, '4,6'", "5, '99999999999999999999'"})
  void checkAccess_ownerOrSharedWithNotActive_isNotFound(long owner, String sharedWith) {
    assertThat(access(4, "authenticated", "view", "object", owner, "shared", sharedWith))
        .isEqualTo(notGranted("users specified as owner or shared-with not found"));
  }

  @Test
  void checkAccess_deniedActionOnUnknownOwner_reportsTheUserCheckFirst() {
    assertThat(access(4, "authenticated", "delete", "object", 99, "public", ""))
        .isEqualTo(notGranted("users specified as owner or shared-with not found"));
  }

  @Test
  void checkAccess_unknownRole_isDbException() {
    assertThat(access(4, "wizard", "view", "object", 1, "public", "")).isEqualTo(accessError());
  }

  @ParameterizedTest
  @CsvSource({"public, '5,abc'", "private, '4,,5'", "shared, 'x'"})
  void checkAccess_malformedSharedWith_isDbExceptionWhateverTheVisibility(
      String visibility, String sharedWith) {
    assertThat(access(4, "authenticated", "view", "object", 5, visibility, sharedWith))
        .isEqualTo(accessError());
  }

  @ParameterizedTest
  @CsvSource({
    "view, widget, public",
    "view, object, secret",
    "frobnicate, object, public",
  })
  void checkAccess_unknownItemVisibilityOrAction_isNotPermitted(
      String action, String item, String visibility) {
    assertThat(access(4, "authenticated", action, item, 1, visibility, ""))
        .isEqualTo(notGranted("action not permitted"));
  }

  @ParameterizedTest
  @CsvSource({"edit, '4,5'", "edit, ' 4 , 5'", "view, '2'"})
  void checkAccess_sharedItemListingRequesterOrEveryone_isGranted(
      String action, String sharedWith) {
    assertThat(access(4, "authenticated", action, "dataset", 5, "shared", sharedWith))
        .isEqualTo(json("{'success': true, 'messages': ['" + GRANTED + "']}"));
  }

  @Test
  void checkAccess_anonymousUserViewsPublicObject_isGranted() {
    assertThat(access(2, "anonymous", "view", "object", 1, "public", "").get("success"))
        .isEqualTo(BooleanNode.TRUE);
  }

  @Test
  void checkAccess_ownerLockedAfterwards_isSeenAtOnce() {
    assertThat(access(4, "authenticated", "view", "object", 5, "public", "").get("success"))
        .isEqualTo(BooleanNode.TRUE);

    fx.store.updateUser(5, fx.clock.instant(), u -> u.withActive(false));

    assertThat(access(4, "authenticated", "view", "object", 5, "public", ""))
        .isEqualTo(notGranted("users specified as owner or shared-with not found"));
  }

  @Test
  void checkAccess_typedApi_reportsDenialCodes() {
    AuthnzService.Access access = fx.service.access();

    assertThat(
            access.check(
                new AccessCheckRequest(4, "authenticated", "view", "object", 1, "public", "")))
        .isEqualTo(Outcome.success(true, GRANTED));
    assertThat(
            code(access.check(new AccessCheckRequest(4, "x", "view", "object", 1, "public", ""))))
        .isEqualTo(DenialCode.POLICY_ERROR);
    assertThat(
            code(
                access.check(
                    new AccessCheckRequest(4, "authenticated", "edit", "object", 1, "public", ""))))
        .isEqualTo(DenialCode.ACCESS_DENIED);
    assertThat(
            code(
                access.check(
                    new AccessCheckRequest(6, "authenticated", "view", "object", 1, "public", ""))))
        .isEqualTo(DenialCode.USER_NOT_FOUND);
  }

  // ---- user-check-limit ------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '^',
      value = {
        "10 | true",
        "499999 | true",
        "499999.9 | true",
        "true | true",
        "\" 12 \" | true",
        "500000 | false",
        "\"12.5\" | false",
        "\"abc\" | false",
        "[1] | false",
        "{} | false",
        "123456789012345678901234567890 | false",
        "-123456789012345678901234567890 | true"
      })
  void checkLimit_authenticatedMaxRequests_convertsAsPythonInt(String value, boolean under) {
    ObjectNode result = limit(4, "authenticated", "max_requests", value);

    if (under) {
      assertThat(result).isEqualTo(json("{'success': true, 'messages': ['" + UNDER + "']}"));
    } else {
      assertThat(result).isEqualTo(overLimit("user is over limit"));
    }
  }

  @Test
  void checkLimit_unknownLimitName_passes() {
    assertThat(limit(4, "authenticated", "nonexistent_limit_name", "1000000000000").get("success"))
        .isEqualTo(BooleanNode.TRUE);
  }

  @Test
  void checkLimit_superuserReferenceCases_match() {
    assertThat(limit(1, "superuser", "max_requests", "10000").get("success"))
        .isEqualTo(BooleanNode.TRUE);
    assertThat(limit(1, "superuser", "max_requests_per_minute", "10000000"))
        .isEqualTo(overLimit("user is over limit"));
    assertThat(limit(4, "authenticated", "max_requests_per_minute", "10000000"))
        .isEqualTo(overLimit("user is over limit"));
  }

  @Test
  void checkLimit_unknownRole_isDbException() {
    assertThat(limit(4, "wizard", "max_requests", "10"))
        .isEqualTo(
            json(
                "{'success': false, 'failure_reason': 'exception when checking the DB',"
                    + " 'messages': ['Could not validate limit rule for the requested item.']}"));
  }

  @ParameterizedTest
  @CsvSource({"4, staff", "4, superuser", "99, authenticated", "6, authenticated", "3, locked"})
  void checkLimit_requesterNotActiveWithClaimedRole_isNotFound(long user, String role) {
    assertThat(limit(user, role, "max_requests", "10"))
        .isEqualTo(overLimit("user attempting access not found"));
  }

  // ---- a configured policy ---------------------------------------------------------------

  @Test
  void configuredPolicy_decidesAndSeedsRoles() throws Exception {
    AuthnzService service = newsroomService(newsroomCopy());
    assertThat(newsroomStore.roles())
        .containsExactly(
            "superuser", "staff", "authenticated", "anonymous", "locked", "editor", "reporter");
    newsroomStore.updateUser(2, Instant.EPOCH, u -> u.withUserRole("reporter"));

    assertThat(service.access().check(req(1, "superuser", "publish", "article", 2, "private")))
        .isEqualTo(Outcome.success(true, GRANTED));
    assertThat(code(service.access().check(req(1, "superuser", "view", "object", 2, "public"))))
        .isEqualTo(DenialCode.ACCESS_DENIED);
    assertThat(
            code(
                service
                    .access()
                    .checkLimit(new LimitCheckRequest(1, "superuser", "max_drafts", 1000))))
        .isEqualTo(DenialCode.OVER_LIMIT);
    assertThat(service.access().check(req(2, "reporter", "create", "draft", 2, "private")))
        .isEqualTo(Outcome.success(true, GRANTED));
  }

  @Test
  void configuredPolicy_editedFile_isHonouredAtOnce() throws Exception {
    Path file = newsroomCopy();
    AuthnzService service = newsroomService(file);
    AccessCheckRequest publish = req(1, "superuser", "publish", "article", 2, "private");
    assertThat(service.access().check(publish).isSuccess()).isTrue();

    String edited =
        Files.readString(file)
            .replace(
                "\"private\": [\"list\", \"view\", \"edit\", \"publish\"",
                "\"private\": [\"list\", \"view\", \"edit\"");
    rewrite(file, edited);

    assertThat(code(service.access().check(publish))).isEqualTo(DenialCode.ACCESS_DENIED);
  }

  @Test
  void configuredPolicy_brokenAfterStart_failsChecksUntilRepaired() throws Exception {
    Path file = newsroomCopy();
    AuthnzService service = newsroomService(file);
    String good = Files.readString(file);
    AccessCheckRequest publish = req(1, "superuser", "publish", "article", 2, "private");

    rewrite(file, "{ not json");

    assertThat(code(service.access().check(publish))).isEqualTo(DenialCode.POLICY_ERROR);
    assertThat(
            code(
                service
                    .access()
                    .checkLimit(new LimitCheckRequest(1, "superuser", "max_drafts", 1))))
        .isEqualTo(DenialCode.POLICY_ERROR);
    assertThatThrownBy(service::policy).isInstanceOf(InvalidConfigurationException.class);

    rewrite(file, good);

    assertThat(service.access().check(publish).isSuccess()).isTrue();
  }

  @Test
  void configuredPolicy_malformedAtBuild_isRefusedNamingTheKey() throws IOException {
    Path file = tempDir.resolve("bad.json");
    Files.writeString(file, "{\"roles\": [], \"items\": []}");

    assertThatThrownBy(
            () -> AuthnzService.builder().store(InMemoryStore.create()).permissions(file).build())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("'actions' is missing");
  }

  @Test
  void configuredPolicy_withoutSystemRoles_refusesInitialisation() throws IOException {
    Path file = tempDir.resolve("few-roles.json");
    Files.writeString(
        file,
        "{\"roles\": [\"superuser\", \"authenticated\"], \"items\": [], \"actions\": [],"
            + " \"visibilities\": [], \"item_policy\": {}, \"role_policy\": {}}");
    AuthnzService service =
        AuthnzService.builder().store(InMemoryStore.create()).permissions(file).build();

    assertThatThrownBy(() -> service.initialize("admin@localhost", "Some-Long-Admin-Pass-1"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("superuser, anonymous and locked");
  }

  // ---- helpers ---------------------------------------------------------------------------

  private InMemoryStore newsroomStore = InMemoryStore.create();

  private AuthnzService newsroomService(Path file) {
    AuthnzService service =
        AuthnzService.builder().store(newsroomStore).argon2(1024, 1, 1).permissions(file).build();
    service.initialize("admin@localhost", "Some-Long-Admin-Pass-1");
    return service;
  }

  private Path newsroomCopy() throws IOException, URISyntaxException {
    Path source =
        Path.of(getClass().getResource("/org/authnz/policy/newsroom-permissions.json").toURI());
    Path copy = tempDir.resolve("newsroom.json");
    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(copy, FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));
    return copy;
  }

  /** Rewrites the file with a new modification time, as an editor would. */
  private static void rewrite(Path file, String text) throws IOException {
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));
  }

  private static AccessCheckRequest req(
      long user, String role, String action, String item, long owner, String visibility) {
    return new AccessCheckRequest(user, role, action, item, owner, visibility, "");
  }

  private static DenialCode code(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Denied.class);
    return ((Outcome.Denied<?>) outcome).denial().code();
  }

  private void signUp(String email, boolean verify) {
    ObjectNode created =
        fx.call(
            "user-new",
            "{'full_name': 'Another User', 'email': '"
                + email
                + "', 'password': 'Zq8-fluffy-Kettle-Drum'}");
    assertThat(created.get("success").asBoolean()).isTrue();
    if (verify) {
      assertThat(
              fx.call("user-set-emailverified", "{'email': '" + email + "'}")
                  .get("success")
                  .asBoolean())
          .isTrue();
    }
  }

  private ObjectNode access(
      long user,
      String role,
      String action,
      String item,
      long owner,
      String visibility,
      String sharedWith) {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("user_id", user)
        .put("user_role", role)
        .put("action", action)
        .put("target_name", item)
        .put("target_owner", owner)
        .put("target_visibility", visibility)
        .put("target_sharedwith", sharedWith);
    return fx.call("user-check-access", body);
  }

  private ObjectNode limit(long user, String role, String name, String jsonValue) {
    ObjectNode body = Fixture.MAPPER.createObjectNode();
    body.put("user_id", user).put("user_role", role).put("limit_name", name);
    try {
      body.set("value_to_check", Fixture.MAPPER.readTree(jsonValue));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    return fx.call("user-check-limit", body);
  }

  private static ObjectNode notGranted(String reason) {
    return json(
        "{'success': false, 'failure_reason': '"
            + reason
            + "', 'messages': ['"
            + NOT_GRANTED
            + "']}");
  }

  private static ObjectNode overLimit(String reason) {
    return json(
        "{'success': false, 'failure_reason': '" + reason + "', 'messages': ['" + OVER + "']}");
  }

  private static ObjectNode accessError() {
    return json(
        "{'success': false, 'failure_reason': 'exception when checking the DB',"
            + " 'messages': ['Could not validate access to the requested item.']}");
  }
}
