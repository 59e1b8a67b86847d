package org.authnz.store.jdbc;

/**
 * The SQL of {@link JdbcStore#findUsersByExtraInfo}: for each entry {@code i}, the stored {@code
 * extra_info} must have a member named {@code :k<i>} holding a JSON string equal to {@code :v<i>}.
 * Names travel as bound values, never inside a JSON path, so any key text is safe.
 */
final class ExtraInfoQuery {
  private ExtraInfoQuery() {}

  static String select(Dialect dialect, String columns, int entries) {
    StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM users");
    for (int i = 0; i < entries; i++) {
      sql.append(i == 0 ? " WHERE " : " AND ").append(condition(dialect, i));
    }
    return sql.append(" ORDER BY user_id").toString();
  }

  private static String condition(Dialect dialect, int i) {
    return switch (dialect) {
      case SQLITE ->
          "EXISTS (SELECT 1 FROM json_each(users.extra_info) AS member WHERE member.key = :k"
              + i
              + " AND member.type = 'text' AND member.value = :v"
              + i
              + ")";
      case POSTGRESQL ->
          "(json_typeof(users.extra_info -> CAST(:k"
              + i
              + " AS TEXT)) = 'string' AND (users.extra_info ->> CAST(:k"
              + i
              + " AS TEXT)) = :v"
              + i
              + ")";
      // The key is quoted as a JSON string inside the path, so no key text can change the path;
      // the comparison is binary, as on the other databases.
      case MARIADB ->
          "(JSON_TYPE(JSON_EXTRACT(users.extra_info, CONCAT('$.', JSON_QUOTE(:k"
              + i
              + ")))) = 'STRING' AND JSON_UNQUOTE(JSON_EXTRACT(users.extra_info, CONCAT('$.',"
              + " JSON_QUOTE(:k"
              + i
              + ")))) COLLATE utf8mb4_nopad_bin = :v"
              + i
              + ")";
    };
  }
}
