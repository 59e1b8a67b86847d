package org.authnz.store.jdbc;

import static org.authnz.store.jdbc.TestRows.newUser;
import static org.authnz.store.jdbc.TestRows.object;

import java.util.List;
import java.util.Map;
import org.authnz.spi.StoredUser;
import org.authnz.spi.UserMatchStore;

/**
 * Users 4-7 for the {@link UserMatchStore#findUsersByExtraInfo} tests of each database (users 1-3
 * are the system users of {@link TestRows#systemUsers()}, 1 and 2 with {@code type: system-user}).
 */
final class ExtraInfoMatchCases {
  private ExtraInfoMatchCases() {}

  /** Inserts users 4 (team red, a number, a nested object), 5 (team blue), 6 (none), 7 (quotes). */
  static void insertUsers(UserMatchStore store) {
    store.insertUser(
        newUser(
            "four@example.com",
            "authenticated",
            object(
                "{\"team\": \"red\", \"verify_retry_wait\": 6, \"ok\": true,"
                    + " \"nested\": {\"team\": \"blue\"}, \"type\": \"normal-user\"}")));
    store.insertUser(
        newUser(
            "five@example.com",
            "staff",
            object("{\"team\": \"blue\", \"num\": \"6\", \"type\": \"normal-user\"}")));
    store.insertUser(newUser("six@example.com", "authenticated", null));
    store.insertUser(
        newUser(
            "seven@example.com",
            "authenticated",
            object("{\"it's \\\"odd\\\"\": \"caf\\u00e9 '; --\"}")));
  }

  static List<Long> ids(List<StoredUser> users) {
    return users.stream().map(StoredUser::userId).toList();
  }

  static Map<String, String> entries(String... keysAndValues) {
    java.util.LinkedHashMap<String, String> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
