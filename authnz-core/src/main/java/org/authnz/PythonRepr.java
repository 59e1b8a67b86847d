package org.authnz;

/** Python's {@code repr} of a string, as the reference prints recipient lists in messages. */
final class PythonRepr {
  private PythonRepr() {}

  /** {@code 'text'}, or {@code "text"} when the text has a single quote and no double quote. */
  static String string(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\\' || c == quote) {
                out.append('\\').appendCodePoint(c);
              } else if (c == '\n') {
                out.append("\\n");
              } else if (c == '\r') {
                out.append("\\r");
              } else if (c == '\t') {
                out.append("\\t");
              } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else {
                out.append(Character.toChars(c));
              }
            });
    return out.append(quote).toString();
  }
}
