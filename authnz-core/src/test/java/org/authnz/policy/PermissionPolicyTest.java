package org.authnz.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.authnz.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The access and limit algorithms' corners ({@code permissions.md} 3 and 4) and loading (1.5). */
class PermissionPolicyTest {
  private static final PermissionPolicy POLICY = PermissionPolicy.bundledDefault();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tempDir;

  // ---- access ----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"4,6", " 4 , 6", "6,4", "+4", "4_0,4", "\t4\n", "6,2", "2", "٤"})
  void allows_sharedListNamingRequesterOrEveryone_grantsSharedView(String list) {
    assertThat(POLICY.allows(4, "authenticated", "view", "dataset", 5, "shared", list)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"6", "6,7", "-4", "40", "4_0", "  6  ", "99999999999999999999"})
  void allows_sharedListWithoutRequester_deniesSharedView(String list) {
    assertThat(POLICY.allows(4, "authenticated", "view", "dataset", 5, "shared", list)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"4,,6", "4,", ",", "4;6", "4 6", "abc", "4,abc", "_4", "4_", "4__0", "4.0"})
  void allows_malformedSharedList_deniesEvenWhenRequesterListed(String list) {
    assertThat(POLICY.allows(4, "authenticated", "view", "dataset", 5, "shared", list)).isFalse();
  }

  @Test
  void allows_malformedSharedListOfOwnItem_denies() {
    assertThat(POLICY.allows(4, "authenticated", "view", "dataset", 4, "shared", "4,x")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "none", "None", "NONE"})
  void allows_sharedWithNobody_behavesLikePrivate(String list) {
    assertThat(POLICY.allows(4, "authenticated", "view", "dataset", 5, "shared", list)).isFalse();
    assertThat(POLICY.allows(4, "authenticated", "view", "dataset", 4, "shared", list)).isTrue();
  }

  @Test
  void allows_nullSharedWith_behavesLikeEmpty() {
    assertThat(POLICY.allows(4, "authenticated", "view", "dataset", 5, "shared", null)).isFalse();
    assertThat(POLICY.allows(4, "authenticated", "view", "dataset", 4, "shared", null)).isTrue();
  }

  @Test
  void allows_staffOnSharedItemNotSharedWithThem_skipsGate() {
    assertThat(POLICY.allows(4, "staff", "edit", "object", 5, "shared", "6")).isTrue();
    assertThat(POLICY.allows(4, "staff", "list", "object", 5, "private", "")).isTrue();
    assertThat(POLICY.allows(4, "staff", "view", "object", 5, "private", "")).isFalse();
  }

  @Test
  void allows_ownerWhoseRoleCannotOwnItem_getsNothing() {
    assertThat(POLICY.allows(4, "authenticated", "view", "object", 4, "public", "")).isFalse();
    assertThat(POLICY.allows(1, "superuser", "view", "user", 1, "private", "")).isFalse();
    assertThat(POLICY.allows(1, "superuser", "delete", "user", 4, "private", "")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "authenticated, view, widget, public",
    "authenticated, frobnicate, object, public",
    "authenticated, view, object, secret",
    "superuser, view, object, secret",
    "authenticated, view, object, PUBLIC"
  })
  void allows_unknownItemActionOrVisibility_denies(
      String role, String action, String item, String visibility) {
    assertThat(POLICY.allows(4, role, action, item, 5, visibility, "")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"wizard", "Superuser", ""})
  void allows_roleWithoutRolePolicy_throws(String role) {
    assertThatThrownBy(() -> POLICY.allows(4, role, "view", "object", 5, "public", ""))
        .isInstanceOf(PolicyDecisionException.class)
        .hasMessageNotContaining(role.isEmpty() ? "\u0000" : role);
  }

  @Test
  void roles_defaultPolicy_listsTheFiveRoles() {
    assertThat(POLICY.roles())
        .containsExactlyInAnyOrder("superuser", "staff", "authenticated", "anonymous", "locked");
  }

  // ---- limits ----------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "superuser, max_requests, 100, true",
    "staff, max_requests_per_minute, 100, true",
    "authenticated, max_requests, 100000000, false",
    "anonymous, max_requests_per_minute, 10000000, false",
    "locked, nonexistent_limit_name, 10000000, true",
    "superuser, nonexistent_limit_name, 10000000, true",
    "locked, max_requests, 100, false",
    "locked, max_requests_per_minute, 0, false",
    "locked, max_requests, -1, true",
    "authenticated, max_requests, 500000, false",
    "authenticated, max_requests, 499999, true"
  })
  void underLimit_referenceCases_match(String role, String limit, long value, boolean under) {
    assertThat(POLICY.underLimit(role, limit, value)).isEqualTo(under);
  }

  @Test
  void underLimit_pythonIntConversions_areApplied() {
    String role = "authenticated";
    String limit = "max_requests";
    assertThat(POLICY.underLimit(role, limit, 499999.9)).isTrue();
    assertThat(POLICY.underLimit(role, limit, 500000.0)).isFalse();
    assertThat(POLICY.underLimit(role, limit, true)).isTrue();
    assertThat(POLICY.underLimit(role, limit, " +12 ")).isTrue();
    assertThat(POLICY.underLimit(role, limit, "500_000")).isFalse();
    assertThat(POLICY.underLimit(role, limit, "12.5")).isFalse();
    assertThat(POLICY.underLimit(role, limit, "abc")).isFalse();
    assertThat(POLICY.underLimit(role, limit, null)).isFalse();
    assertThat(POLICY.underLimit(role, limit, List.of(1))).isFalse();
    assertThat(POLICY.underLimit(role, limit, Double.NaN)).isFalse();
    assertThat(POLICY.underLimit(role, limit, Double.NEGATIVE_INFINITY)).isFalse();
    assertThat(POLICY.underLimit(role, limit, new BigInteger("-1" + "0".repeat(30)))).isTrue();
    assertThat(POLICY.underLimit(role, limit, new BigInteger("1" + "0".repeat(30)))).isFalse();
    assertThat(POLICY.underLimit(role, limit, new BigDecimal("-0.5"))).isTrue();
    assertThat(POLICY.underLimit("locked", limit, -0.5)).isFalse(); // truncates to 0
  }

  @Test
  void underLimit_unknownRole_throws() {
    assertThatThrownBy(() -> POLICY.underLimit("wizard", "max_requests", 1))
        .isInstanceOf(PolicyDecisionException.class);
  }

  @Test
  void underLimit_roleWithoutLimits_throwsButOtherRolesDecide() throws IOException {
    ObjectNode doc = defaultDocument();
    ((ObjectNode) doc.get("role_policy").get("staff")).remove("limits");
    PermissionPolicy policy = PermissionPolicy.parse(doc.toString());

    assertThatThrownBy(() -> policy.underLimit("staff", "max_requests", 1))
        .isInstanceOf(PolicyDecisionException.class);
    assertThat(policy.underLimit("superuser", "max_requests", 1)).isTrue();
  }

  @Test
  void underLimit_nullOrEmptyLimitEntry_passesEverything() throws IOException {
    ObjectNode doc = defaultDocument();
    ObjectNode limits = (ObjectNode) doc.get("role_policy").get("locked").get("limits");
    limits.putNull("max_requests");
    limits.putObject("max_requests_per_minute");
    PermissionPolicy policy = PermissionPolicy.parse(doc.toString());

    assertThat(policy.underLimit("locked", "max_requests", 10)).isTrue();
    assertThat(policy.underLimit("locked", "max_requests_per_minute", "junk")).isTrue();
  }

  @Test
  void underLimit_floatGreaterThanLimit_comparesStrictly() throws IOException {
    ObjectNode doc = defaultDocument();
    ObjectNode types = (ObjectNode) doc.get("limits");
    types.putObject("floor").put("type", "float").put("operator", "gt");
    ObjectNode limits = (ObjectNode) doc.get("role_policy").get("staff").get("limits");
    limits.putObject("min_score").put("type", "floor").put("limit", 2.5);
    PermissionPolicy policy = PermissionPolicy.parse(doc.toString());

    assertThat(policy.underLimit("staff", "min_score", 2.6)).isTrue();
    assertThat(policy.underLimit("staff", "min_score", "2.5e0")).isFalse();
    assertThat(policy.underLimit("staff", "min_score", "3")).isTrue();
    assertThat(policy.underLimit("staff", "min_score", "inf")).isTrue();
    assertThat(policy.underLimit("staff", "min_score", "nan")).isFalse();
    assertThat(policy.underLimit("staff", "min_score", false)).isFalse();
  }

  // ---- loading ---------------------------------------------------------------------------

  @Test
  void load_bundledCopyOnDisk_decidesLikeBundled() throws IOException {
    Path file = tempDir.resolve("policy.json");
    Files.writeString(file, defaultDocument().toString());

    PermissionPolicy policy = PermissionPolicy.load(file);

    assertThat(policy.allows(4, "authenticated", "edit", "dataset", 4, "private", "")).isTrue();
    assertThat(policy.roles()).isEqualTo(POLICY.roles());
  }

  @Test
  void load_missingFile_throwsNamingIt() {
    Path file = tempDir.resolve("nope.json");

    assertThatThrownBy(() -> PermissionPolicy.load(file))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("nope.json");
  }

  @Test
  void parse_invalidJson_throwsWithoutQuotingIt() {
    assertThatThrownBy(() -> PermissionPolicy.parse("{\"roles\": [\"s3cr3t\",}"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageNotContaining("s3cr3t");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '^',
      value = {
        "roles | | 'roles' is missing",
        "visibilities | \"public\" | 'visibilities' must be an array of strings",
        "item_policy.user.invalid_roles | | 'item_policy.user.invalid_roles' is missing",
        "item_policy.user.valid_visibilities | [1] | 'item_policy.user.valid_visibilities' must",
        "role_policy.staff.can_own_items | | 'role_policy.staff.can_own_items' is missing",
        "role_policy.staff.allowed_actions_for_owned | {} | allowed_actions_for_owned' must",
        "role_policy.anonymous.allowed_actions_for_other | | allowed_actions_for_other' is missing",
        "role_policy.anonymous.allowed_actions_for_other.public | \"view\" | other.public' must",
        "role_policy.locked | [] | 'role_policy.locked' must be a JSON object",
        "limits.max.operator | \"le\" | 'limits.max.operator' must be \"lt\" or \"gt\"",
        "limits.max.type | \"decimal\" | 'limits.max.type' must be \"int\" or \"float\"",
        "role_policy.staff.limits.max_requests.type | \"maximum\" | max_requests.type' names no",
        "role_policy.staff.limits.max_requests.limit | \"100\" | max_requests.limit' must be a num",
        "role_policy.staff.limits.max_requests | 5 | max_requests' must be a JSON object or null",
        "item_policy | [] | 'item_policy' must be a JSON object"
      })
  void parse_malformedPolicy_throwsNamingTheKey(String path, String value, String message)
      throws IOException {
    ObjectNode doc = defaultDocument();
    String[] keys = path.split("\\.");
    ObjectNode parent = doc;
    for (int i = 0; i < keys.length - 1; i++) {
      parent = (ObjectNode) parent.get(keys[i]);
    }
    if (value == null) {
      parent.remove(keys[keys.length - 1]);
    } else {
      parent.set(keys[keys.length - 1], MAPPER.readTree(value));
    }

    assertThatThrownBy(() -> PermissionPolicy.parse(doc.toString()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_noCrossChecks_acceptsUnlistedNamesAsTheReferenceDoes() throws IOException {
    ObjectNode doc = defaultDocument();
    doc.putArray("roles").add("superuser");
    doc.putArray("items");
    ObjectNode forOther =
        (ObjectNode) doc.get("role_policy").get("staff").get("allowed_actions_for_other");
    forOther.putArray("secret").add("view");
    doc.remove("limits");
    for (var role : List.of("superuser", "staff", "authenticated", "anonymous", "locked")) {
      ((ObjectNode) doc.get("role_policy").get(role)).remove("limits");
    }

    PermissionPolicy policy = PermissionPolicy.parse(doc.toString());

    assertThat(policy.roles()).containsExactly("superuser");
    assertThat(policy.allows(4, "staff", "view", "object", 5, "public", "")).isTrue();
    assertThat(policy.allows(4, "staff", "view", "object", 5, "secret", "")).isFalse();
  }

  @Test
  void parse_duplicatesInLists_areIgnored() throws IOException {
    ObjectNode doc = defaultDocument();
    ObjectNode anon = (ObjectNode) doc.get("role_policy").get("anonymous");
    anon.putArray("allowed_actions_for_owned").add("view").add("view").add("list");

    PermissionPolicy policy = PermissionPolicy.parse(doc.toString());

    assertThat(policy.allows(2, "anonymous", "view", "dataset", 2, "private", "")).isTrue();
    assertThat(policy.allows(2, "anonymous", "create", "dataset", 2, "private", "")).isFalse();
  }

  static ObjectNode defaultDocument() throws IOException {
    try (var in =
        PermissionPolicyTest.class.getResourceAsStream(
            "/org/authnz/default-permissions-model.json")) {
      return (ObjectNode) MAPPER.readTree(in);
    }
  }
}
