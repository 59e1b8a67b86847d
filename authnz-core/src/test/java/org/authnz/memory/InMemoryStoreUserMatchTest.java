package org.authnz.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.authnz.spi.NewUser;
import org.authnz.spi.PasswordHash;
import org.authnz.spi.StoredUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code findUsersByExtraInfo} on the in-memory store: the same rule as the JDBC store's. */
class InMemoryStoreUserMatchTest {
  InMemoryStore store;

  @BeforeEach
  void setUp() {
    store = InMemoryStore.create();
    ObjectNode red = JsonNodeFactory.instance.objectNode().put("team", "red").put("n", 6);
    red.putObject("nested").put("team", "blue");
    ObjectNode blue = JsonNodeFactory.instance.objectNode().put("team", "blue").put("n", "6");
    store.initializeIfEmpty(
        List.of("superuser", "staff", "authenticated", "anonymous", "locked"),
        List.of(user("a@x.org", red), user("b@x.org", blue), user("c@x.org", null)));
  }

  private static NewUser user(String email, ObjectNode extra) {
    return new NewUser(
        email,
        "Name",
        PasswordHash.of("$argon2id$x"),
        email,
        true,
        true,
        extra,
        java.time.Instant.parse("2030-01-01T00:00:00Z"),
        "locked");
  }

  private List<Long> find(String... keysAndValues) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      entries.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return store.findUsersByExtraInfo(entries).stream().map(StoredUser::userId).toList();
  }

  @Test
  void findUsersByExtraInfo_stringEntries_requireEveryEntry() {
    assertThat(find("team", "blue")).containsExactly(2L);
    assertThat(find("team", "red", "n", "6")).isEmpty();
    assertThat(find("team", "blue", "n", "6")).containsExactly(2L);
  }

  @Test
  void findUsersByExtraInfo_nonStringStoredValue_neverMatches() {
    assertThat(find("n", "6")).containsExactly(2L);
    assertThat(find("nested", "{\"team\": \"blue\"}")).isEmpty();
  }

  @Test
  void findUsersByExtraInfo_noEntries_matchesEveryoneIncludingNullExtraInfo() {
    assertThat(find()).containsExactly(1L, 2L, 3L);
  }
}
