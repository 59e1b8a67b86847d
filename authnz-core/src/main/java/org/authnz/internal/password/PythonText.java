package org.authnz.internal.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The Python string semantics the password and e-mail rules are defined with ({@code
 * spec/actions-passwords-email.md} section 2.2): {@code strip}, whitespace squeezing, full case
 * folding, length in code points and {@code isdigit}.
 *
 * <p>Java has no full case folding and its digit test is narrower than Python's, so both read
 * tables generated from CPython 3.11 (Unicode 14.0) by {@code
 * src/test/resources/password/generate_unicode_tables.py}. Thread-safe.
 */
final class PythonText {

  private static final String CASE_FOLDING = "case-folding.txt";
  private static final String DIGITS = "digits.txt";

  private static final Map<Integer, String> FOLDINGS = loadFoldings();
  private static final int[] DIGIT_RANGES = loadDigitRanges();

  private PythonText() {}

  /** Whether Python's {@code str.isspace} holds for a code point (the list of section 2.2). */
  static boolean isPythonWhitespace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D)
        || (cp >= 0x1C && cp <= 0x20)
        || cp == 0x85
        || cp == 0xA0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }

  /** Python's {@code str.strip()}: removes leading and trailing Python whitespace. */
  static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end) {
      int cp = text.codePointAt(start);
      if (!isPythonWhitespace(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = text.codePointBefore(end);
      if (!isPythonWhitespace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return text.substring(start, end);
  }

  /** Replaces every maximal run of U+0000 to U+0020 by one space, then strips. */
  static String squeeze(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean inRun = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20) {
        if (!inRun) {
          out.append(' ');
          inRun = true;
        }
      } else {
        out.append(c);
        inRun = false;
      }
    }
    return strip(out.toString());
  }

  /** Python's {@code str.casefold()}: full Unicode case folding (e.g. {@code ß} to {@code ss}). */
  static String casefold(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              String folded = FOLDINGS.get(cp);
              if (folded == null) {
                out.appendCodePoint(cp);
              } else {
                out.append(folded);
              }
            });
    return out.toString();
  }

  /** Python's {@code len(str)}: the number of code points. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /** The first {@code maxCodePoints} code points of a text (Python's {@code text[:n]}). */
  static String truncate(String text, int maxCodePoints) {
    if (length(text) <= maxCodePoints) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxCodePoints));
  }

  /**
   * Python's {@code str.isdigit()}: non-empty and every code point has Numeric_Type Decimal or
   * Digit (so {@code ²} counts).
   */
  static boolean isAllDigits(String text) {
    return !text.isEmpty() && text.codePoints().allMatch(PythonText::isDigit);
  }

  private static boolean isDigit(int cp) {
    int index = Arrays.binarySearch(DIGIT_RANGES, cp);
    if (index >= 0) {
      return true;
    }
    // Not an endpoint: inside a range iff it would be inserted right after a start (odd index).
    int insertion = -index - 1;
    return insertion % 2 == 1;
  }

  private static Map<Integer, String> loadFoldings() {
    Map<Integer, String> foldings = new HashMap<>();
    try (BufferedReader reader = open(CASE_FOLDING)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int semicolon = line.indexOf(';');
        int source = Integer.parseInt(line.substring(0, semicolon), 16);
        StringBuilder target = new StringBuilder();
        for (String hex : line.substring(semicolon + 1).split(" ")) {
          target.appendCodePoint(Integer.parseInt(hex, 16));
        }
        foldings.put(source, target.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CASE_FOLDING, e);
    }
    return Map.copyOf(foldings);
  }

  private static int[] loadDigitRanges() {
    int[] ranges = new int[0];
    int size = 0;
    try (BufferedReader reader = open(DIGITS)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int dots = line.indexOf("..");
        if (size + 2 > ranges.length) {
          ranges = Arrays.copyOf(ranges, Math.max(16, ranges.length * 2));
        }
        ranges[size++] = Integer.parseInt(line.substring(0, dots), 16);
        ranges[size++] = Integer.parseInt(line.substring(dots + 2), 16);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DIGITS, e);
    }
    return Arrays.copyOf(ranges, size);
  }

  private static BufferedReader open(String resource) throws IOException {
    InputStream in = PythonText.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("missing resource " + resource);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
  }
}
