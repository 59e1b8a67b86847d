package org.authnz.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A policy of our own ({@code newsroom-permissions.json}: roles {@code editor} and {@code
 * reporter}, items {@code article} and {@code draft}, action {@code publish}, a float limit type)
 * decides by its own rules, not the default's.
 */
class CustomPolicyTest {
  static PermissionPolicy policy;

  @BeforeAll
  static void load() throws URISyntaxException {
    policy = PermissionPolicy.load(newsroomFile());
  }

  static Path newsroomFile() throws URISyntaxException {
    return Path.of(CustomPolicyTest.class.getResource("newsroom-permissions.json").toURI());
  }

  @ParameterizedTest(name = "{0} {1} {2} owner={3} {4} [{5}] -> {6}")
  @CsvSource({
    // role, action, item, owner, visibility, shared with, allowed (requester is user 4)
    "editor, publish, article, 4, private, '', true",
    "editor, publish, article, 5, public, '', true",
    "editor, publish, article, 5, private, '', false",
    "editor, delete, article, 5, public, '', false",
    "editor, edit, draft, 5, shared, '4', true",
    "editor, edit, draft, 5, shared, '6', false",
    "editor, create, draft, 5, shared, '4', false",
    "editor, create, apikey, 4, private, '', true",
    "reporter, create, draft, 4, private, '', true",
    "reporter, publish, draft, 4, private, '', false",
    "reporter, view, article, 4, public, '', false",
    "reporter, view, article, 5, public, '', true",
    "reporter, view, draft, 5, shared, '2', true",
    "reporter, list, draft, 5, shared, '4', false",
    "reporter, view, draft, 5, private, '', false",
    "reporter, create, apikey, 4, private, '', false",
    "anonymous, view, article, 5, public, '', true",
    "anonymous, view, draft, 5, shared, '2', false",
    "superuser, publish, article, 5, private, '', true",
    "superuser, create, draft, 5, private, '', false",
    "superuser, view, object, 5, public, '', false",
    "locked, view, article, 5, public, '', false"
  })
  void allows_newsroomPolicy_decidesByItsOwnRules(
      String role,
      String action,
      String item,
      long owner,
      String visibility,
      String sharedWith,
      boolean allowed) {
    assertThat(policy.allows(4, role, action, item, owner, visibility, sharedWith))
        .isEqualTo(allowed);
  }

  @Test
  void allows_roleListedWithoutRolePolicy_throws() {
    assertThatThrownBy(() -> policy.allows(4, "authenticated", "view", "article", 5, "public", ""))
        .isInstanceOf(PolicyDecisionException.class);
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
    "editor, max_drafts, 49, true",
    "editor, max_drafts, 50, false",
    "reporter, max_drafts, 4.99, true",
    "reporter, max_drafts, 5, false",
    "editor, min_reputation, 0.75, true",
    "editor, min_reputation, 0.5, false",
    "reporter, min_reputation, 0.5, true",
    "reporter, min_reputation, 0.25, false",
    "superuser, max_drafts, 999, true",
    "superuser, max_drafts, 1000, false",
    "superuser, max_requests, 99999999999, true",
    "anonymous, max_drafts, 0, false"
  })
  void underLimit_newsroomPolicy_usesItsLimits(
      String role, String limit, double value, boolean under) {
    assertThat(policy.underLimit(role, limit, value)).isEqualTo(under);
  }

  @Test
  void roles_newsroomPolicy_inDocumentOrder() {
    assertThat(policy.roles())
        .containsExactly(
            "superuser", "staff", "authenticated", "anonymous", "locked", "editor", "reporter");
  }
}
