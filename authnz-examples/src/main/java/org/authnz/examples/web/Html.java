package org.authnz.examples.web;

import java.util.List;

/** The example's pages: one layout, forms with their CSRF token, and escaping of every value. */
final class Html {

  private Html() {}

  /** Escapes text for HTML element content and quoted attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
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

  /** A whole page; {@code body} is HTML already, everything else is escaped here. */
  static String page(String title, List<String> messages, String body) {
    StringBuilder notes = new StringBuilder();
    for (String message : messages) {
      notes.append("<p class=\"note\">").append(escape(message)).append("</p>\n");
    }
    return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>%s - authnz web example</title>
        <style>
        body { font-family: sans-serif; max-width: 36em; margin: 2em auto; }
        label { display: block; margin-top: 0.8em; }
        input { width: 100%%; padding: 0.3em; }
        button { margin-top: 1em; padding: 0.4em 1.2em; }
        .note { background: #fff3cd; padding: 0.5em; }
        nav a { margin-right: 1em; }
        </style>
        </head>
        <body>
        <nav><a href="/">Home</a><a href="/signup">Sign up</a><a href="/login">Log in</a>\
        <a href="/private">Private page</a></nav>
        <h1>%s</h1>
        %s%s
        </body>
        </html>
        """
        .formatted(escape(title), escape(title), notes, body);
  }

  /** A POST form to {@code action} with the CSRF token, {@code fields} (HTML) and a button. */
  static String form(String action, String csrfToken, String fields, String button) {
    return """
        <form method="post" action="%s">
        <input type="hidden" name="csrf" value="%s">
        %s
        <button type="submit">%s</button>
        </form>
        """
        .formatted(escape(action), escape(csrfToken), fields, escape(button));
  }

  /** A labelled input. */
  static String input(String label, String name, String type, String value) {
    return "<label>%s <input name=\"%s\" type=\"%s\" value=\"%s\" required></label>\n"
        .formatted(escape(label), escape(name), escape(type), escape(value));
  }

  /** A hidden input. */
  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n"
        .formatted(escape(name), escape(value));
  }
}
