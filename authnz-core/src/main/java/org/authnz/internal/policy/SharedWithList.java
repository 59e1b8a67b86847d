package org.authnz.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The comma-separated user ids of a {@code target_sharedwith} value ({@code permissions.md} 3.5):
 * split on commas with nothing else, each piece an integer as Python's {@code int()} reads it; one
 * bad or empty piece makes the whole list malformed. Thread-safe.
 */
public final class SharedWithList {

  /** The list names the requester or the anonymous user. */
  static final int MATCH = 1;

  /** The list is well-formed but names neither. */
  static final int NO_MATCH = 0;

  /** A piece is not an integer. */
  static final int MALFORMED = -1;

  private static final long NOT_SIMPLE = -1;

  private SharedWithList() {}

  /**
   * Whether the value is a list at all: not null, not empty and not {@code none} in any case. The
   * reference treats the others as "shared with nobody".
   */
  public static boolean isPresent(@Nullable String sharedWith) {
    return sharedWith != null && !sharedWith.isEmpty() && !sharedWith.equalsIgnoreCase("none");
  }

  /**
   * Parses every piece and tells whether one of them is {@code userId} or {@code anyone}, without
   * allocating for ids that fit a {@code long}.
   *
   * @return {@link #MATCH}, {@link #NO_MATCH} or {@link #MALFORMED}
   */
  static int match(String list, long userId, long anyone) {
    boolean found = false;
    int start = 0;
    int length = list.length();
    while (true) {
      int comma = list.indexOf(',', start);
      int end = comma < 0 ? length : comma;
      long simple = simpleId(list, start, end);
      if (simple != NOT_SIMPLE) {
        found |= simple == userId || simple == anyone;
      } else {
        Number id = PythonInts.parseInt(list, start, end);
        if (id == null) {
          return MALFORMED;
        }
        found |= id instanceof Long value && (value == userId || value == anyone);
      }
      if (comma < 0) {
        return found ? MATCH : NO_MATCH;
      }
      start = comma + 1;
    }
  }

  /**
   * The id of a piece made of ASCII spaces and at most 18 ASCII digits (the common case, parsed
   * without allocating), or {@link #NOT_SIMPLE} for anything else, which the full parser decides.
   */
  private static long simpleId(String list, int start, int end) {
    while (start < end && list.charAt(start) == ' ') {
      start++;
    }
    while (end > start && list.charAt(end - 1) == ' ') {
      end--;
    }
    if (start == end || end - start > 18) {
      return NOT_SIMPLE;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      char c = list.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_SIMPLE;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * Parses every piece.
   *
   * @return the ids in order, each a {@link Long} or, beyond the {@code long} range, a {@link
   *     java.math.BigInteger}; empty when a piece is not an integer
   */
  public static Optional<List<Number>> ids(String list) {
    List<Number> ids = new ArrayList<>();
    int start = 0;
    while (true) {
      int comma = list.indexOf(',', start);
      int end = comma < 0 ? list.length() : comma;
      Number id = PythonInts.parseInt(list, start, end);
      if (id == null) {
        return Optional.empty();
      }
      ids.add(id);
      if (comma < 0) {
        return Optional.of(ids);
      }
      start = comma + 1;
    }
  }
}
