package org.authnz.internal.password;

import com.nulabinc.zxcvbn.StandardDictionaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The most common passwords: the first {@value #SIZE} entries, by rank, of the password dictionary
 * that ships inside zxcvbn4j. The reference keeps its own top-10,000 list; we keep no list of our
 * own and take the same number of entries from the ranked dictionary instead. Its entries are lower
 * case, so the membership test of a case-folded candidate behaves like the reference's for every
 * entry the reference can actually match. Thread-safe.
 */
final class CommonPasswords {

  /** The size of the reference's list ({@code spec/actions-passwords-email.md} section 3.1). */
  static final int SIZE = 10_000;

  private static final Set<String> TOP = load();

  private CommonPasswords() {}

  /** Whether a (case-folded) candidate is exactly one of the most common passwords. */
  static boolean contains(String candidate) {
    return TOP.contains(candidate);
  }

  /** The number of entries loaded. */
  static int size() {
    return TOP.size();
  }

  private static Set<String> load() {
    List<String> ranked;
    try {
      ranked = StandardDictionaries.PASSWORDS_LOADER.load().getFrequencies();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the zxcvbn password dictionary", e);
    }
    return Set.copyOf(ranked.subList(0, Math.min(SIZE, ranked.size())));
  }
}
