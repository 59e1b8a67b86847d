package org.authnz.internal.password;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The similarity ratio of {@code spec/actions-passwords-email.md} section 2.4: Python's {@code
 * difflib.SequenceMatcher(None, a, b).ratio()} with its automatic junk heuristic, over code points.
 * Ratcliff/Obershelp matching, not an edit distance; tie-breaking follows the reference exactly,
 * since it decides which blocks match. Stateless and thread-safe.
 */
final class SequenceRatio {

  /** Length of {@code b} from which over-frequent ("popular") code points leave the index. */
  private static final int AUTOJUNK_MIN_LENGTH = 200;

  private SequenceRatio() {}

  /** {@code 2 M / (len a + len b)}, or 1.0 when both are empty. */
  static double ratio(String a, String b) {
    int[] left = a.codePoints().toArray();
    int[] right = b.codePoints().toArray();
    int total = left.length + right.length;
    if (total == 0) {
      return 1.0;
    }
    return 2.0 * matchingCharacters(left, right) / total;
  }

  /** M: the total size of the matching blocks of {@code a} and {@code b}. */
  static int matchingCharacters(String a, String b) {
    return matchingCharacters(a.codePoints().toArray(), b.codePoints().toArray());
  }

  private static int matchingCharacters(int[] a, int[] b) {
    Map<Integer, int[]> index = indexOf(b);
    Deque<int[]> pending = new ArrayDeque<>();
    pending.push(new int[] {0, a.length, 0, b.length});
    int total = 0;

    while (!pending.isEmpty()) {
      int[] range = pending.pop();
      int alo = range[0];
      int ahi = range[1];
      int blo = range[2];
      int bhi = range[3];
      int[] block = longestMatch(a, b, index, alo, ahi, blo, bhi);
      int i = block[0];
      int j = block[1];
      int k = block[2];
      if (k > 0) {
        total += k;
        if (alo < i && blo < j) {
          pending.push(new int[] {alo, i, blo, j});
        }
        if (i + k < ahi && j + k < bhi) {
          pending.push(new int[] {i + k, ahi, j + k, bhi});
        }
      }
    }
    return total;
  }

  /** Positions of each code point of {@code b}, ascending, without the popular ones. */
  private static Map<Integer, int[]> indexOf(int[] b) {
    Map<Integer, List<Integer>> positions = new HashMap<>();
    for (int j = 0; j < b.length; j++) {
      positions.computeIfAbsent(b[j], key -> new ArrayList<>()).add(j);
    }

    int popularAbove = b.length / 100 + 1;
    Map<Integer, int[]> index = new HashMap<>();
    for (Map.Entry<Integer, List<Integer>> entry : positions.entrySet()) {
      List<Integer> list = entry.getValue();
      if (b.length >= AUTOJUNK_MIN_LENGTH && list.size() > popularAbove) {
        continue;
      }
      index.put(entry.getKey(), list.stream().mapToInt(Integer::intValue).toArray());
    }
    return index;
  }

  /** The longest block {i, j, size} inside the ranges, earliest in {@code a}, then in {@code b}. */
  private static int[] longestMatch(
      int[] a, int[] b, Map<Integer, int[]> index, int alo, int ahi, int blo, int bhi) {
    int bestI = alo;
    int bestJ = blo;
    int bestSize = 0;
    Map<Integer, Integer> previous = new HashMap<>();

    for (int i = alo; i < ahi; i++) {
      Map<Integer, Integer> current = new HashMap<>();
      int[] js = index.get(a[i]);
      if (js != null) {
        for (int j : js) {
          if (j < blo) {
            continue;
          }
          if (j >= bhi) {
            break;
          }
          int k = previous.getOrDefault(j - 1, 0) + 1;
          current.put(j, k);
          if (k > bestSize) {
            bestI = i - k + 1;
            bestJ = j - k + 1;
            bestSize = k;
          }
        }
      }
      previous = current;
    }

    // Popular code points are missing from the index, so a block may continue over equal
    // neighbours that the scan above could not see.
    while (bestI > alo && bestJ > blo && a[bestI - 1] == b[bestJ - 1]) {
      bestI--;
      bestJ--;
      bestSize++;
    }
    while (bestI + bestSize < ahi
        && bestJ + bestSize < bhi
        && a[bestI + bestSize] == b[bestJ + bestSize]) {
      bestSize++;
    }
    return new int[] {bestI, bestJ, bestSize};
  }
}
