package org.authnz;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The sign-up full-name rules of {@code actions-users-sessions.md} 4.1 (steps 3-5): NFKC, HTML
 * escaping, whitespace squeezing with Python's notion of whitespace, and the folding used by the
 * link checks. Stateless.
 */
final class FullNames {

  private FullNames() {}

  /** The stored form of a typed full name: NFKC, HTML-escaped, squeezed. */
  static String normalize(String fullName) {
    return squeeze(htmlEscape(Normalizer.normalize(fullName, Normalizer.Form.NFKC)));
  }

  /** HTML-escapes {@code & < > " '} ({@code '} as {@code &#39;}, the tested reference setup). */
  static String htmlEscape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Replaces each run of U+0000-U+0020 by one space, then strips Python whitespace. */
  static String squeeze(String text) {
    return pythonStrip(text.replaceAll("[\\x00-\\x20]+", " "));
  }

  static String pythonStrip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isPythonSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isPythonSpace(char c) {
    return (c >= 0x09 && c <= 0x0d)
        || (c >= 0x1c && c <= 0x20)
        || c == 0x85
        || c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }

  /** Close to Python's full case folding for the link checks ({@code ß} becomes {@code ss}). */
  static String casefold(String text) {
    return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }
}
