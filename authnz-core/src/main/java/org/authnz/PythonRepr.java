package org.authnz;

import java.util.List;

/** Python's {@code repr()} of a list or set of strings, as the reference puts it in messages. */
final class PythonRepr {
  private PythonRepr() {}

  /** {@code ['a', 'b']}. */
  static String list(List<String> items) {
    return "[" + joined(items) + "]";
  }

  /** {@code {'a', 'b'}} in the given order (Python's own order varies between runs). */
  static String set(List<String> items) {
    return "{" + joined(items) + "}";
  }

  private static String joined(List<String> items) {
    StringBuilder out = new StringBuilder();
    for (String item : items) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(string(item));
    }
    return out.toString();
  }

  /** A string in single quotes, or double quotes when it holds a single quote and no double one. */
  static String string(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    text.codePoints()
        .forEach(
            cp -> {
              if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
              } else if (cp == '\n') {
                out.append("\\n");
              } else if (cp == '\r') {
                out.append("\\r");
              } else if (cp == '\t') {
                out.append("\\t");
              } else if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.append(quote).toString();
  }
}
