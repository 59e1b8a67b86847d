package org.authnz.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds users by entries of their {@code extra_info} object ({@code user-lookup-match} with {@code
 * by: extra_info}). A store implements it to search in the database; for a store that does not, the
 * core filters {@link UserStore#listUsers()} with {@link #matching}.
 *
 * <p>The match is the portable core of the reference's behaviour ({@code actions-admin.md} 6): an
 * entry matches when the stored object has a member of that name holding a JSON string equal to the
 * given string. Numbers, booleans, nulls and nested values never match.
 */
public interface UserMatchStore extends UserStore {

  /**
   * Returns the users whose {@code extra_info} holds every entry as a JSON string, ordered by id.
   * An empty map matches every user; a user without extra info matches only the empty map.
   */
  default List<StoredUser> findUsersByExtraInfo(Map<String, String> entries) {
    return matching(listUsers(), entries);
  }

  /** The users of {@code users} (in their order) whose extra info holds every entry. */
  static List<StoredUser> matching(List<StoredUser> users, Map<String, String> entries) {
    return users.stream().filter(u -> holdsAll(u.extraInfo(), entries)).toList();
  }

  private static boolean holdsAll(@Nullable ObjectNode extra, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return true;
    }
    if (extra == null) {
      return false;
    }
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      JsonNode value = extra.get(entry.getKey());
      if (value == null || !value.isTextual() || !value.textValue().equals(entry.getValue())) {
        return false;
      }
    }
    return true;
  }
}
