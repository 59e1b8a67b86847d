package org.authnz.internal.columns;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * What the text columns of the reference schema ({@code spec/storage-schema.md} section 3) can
 * hold, checked before an action does any work so that every store refuses the same values: SQLite
 * keeps text of any length, PostgreSQL and MariaDB refuse text longer than a column's size, and
 * PostgreSQL refuses the character U+0000 anywhere, JSON text included.
 *
 * <p>Sizes count characters (Unicode code points), as PostgreSQL and MariaDB do. Thread-safe
 * (stateless).
 */
public final class TextColumns {
  /** {@code users.email}. */
  public static final int EMAIL = 280;

  /** {@code users.full_name}. */
  public static final int FULL_NAME = 280;

  /** {@code users.system_id}. */
  public static final int SYSTEM_ID = 50;

  /** {@code users.user_role} (also a foreign key to the roles). */
  public static final int ROLE = 100;

  /** {@code sessions.user_agent}. */
  public static final int USER_AGENT = 280;

  private TextColumns() {}

  /** Whether a column of {@code size} characters holds {@code value} on every store. */
  public static boolean fits(String value, int size) {
    requireNonNull(value, "value");
    if (value.length() > 2 * size) {
      return false; // more than `size` code points whatever they are; skips counting a huge text
    }
    return value.indexOf('\0') < 0 && value.codePointCount(0, value.length()) <= size;
  }

  /**
   * Whether a stored user can have this e-mail address: not empty, without U+0000. A lookup by any
   * other text finds no one on any store (and PostgreSQL would fail the query).
   */
  public static boolean canBeStoredEmail(String email) {
    return !email.isEmpty() && email.indexOf('\0') < 0;
  }

  /** Whether a JSON column holds {@code json}: no U+0000 in any key or string, at any depth. */
  public static boolean fitsJson(JsonNode json) {
    requireNonNull(json, "json");
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(json);
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
        return false;
      }
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          if (entry.getKey().indexOf('\0') >= 0) {
            return false;
          }
          pending.push(entry.getValue());
        }
      } else if (node.isArray()) {
        node.elements().forEachRemaining(pending::push);
      }
    }
    return true;
  }
}
