package org.authnz.transport.http.cli;

import java.io.Console;
import org.jspecify.annotations.Nullable;

/** Questions asked by {@code --autosetup}: on a terminal, or answered with defaults without one. */
interface Prompts {

  /** Asks a question; a blank answer means {@code defaultAnswer}. */
  String ask(String question, String defaultAnswer);

  /** Asks without echo; null when the answer is blank. */
  @Nullable String askHidden(String question);

  /** Prompts on {@code console}, or {@link #defaults()} when there is no terminal. */
  static Prompts of(@Nullable Console console) {
    if (console == null) {
      return defaults();
    }
    return new Prompts() {
      @Override
      public String ask(String question, String defaultAnswer) {
        String shown = defaultAnswer.isEmpty() ? "" : " [" + defaultAnswer + "]";
        String answer = console.readLine("%s%s: ", question, shown);
        return answer == null || answer.isBlank() ? defaultAnswer : answer.strip();
      }

      @Override
      public @Nullable String askHidden(String question) {
        char[] answer = console.readPassword("%s: ", question);
        return answer == null || answer.length == 0 ? null : new String(answer);
      }
    };
  }

  /** Takes every default without asking anything. */
  static Prompts defaults() {
    return new Prompts() {
      @Override
      public String ask(String question, String defaultAnswer) {
        return defaultAnswer;
      }

      @Override
      public @Nullable String askHidden(String question) {
        return null;
      }
    };
  }
}
