package org.authnz.transport.http.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoSetupTest {

  /** Answers as an operator at a terminal would, and records the questions. */
  private static final class Typed implements Prompts {
    final List<String> questions = new ArrayList<>();
    final String databaseUrl;

    Typed(String databaseUrl) {
      this.databaseUrl = databaseUrl;
    }

    @Override
    public String ask(String question, String defaultAnswer) {
      questions.add(question);
      if (question.startsWith("Auth DB URL")) {
        return databaseUrl;
      }
      return question.startsWith("Admin e-mail") ? "typed@example.org" : defaultAnswer;
    }

    @Override
    public @Nullable String askHidden(String question) {
      questions.add(question);
      return "a typed password 123";
    }
  }

  @Test
  void run_answersTypedAtATerminal_areHonoured(@TempDir Path dir) throws Exception {
    Path base = dir.resolve("base");
    Path database = dir.resolve("typed.sqlite");
    Typed prompts = new Typed("sqlite:///" + database);

    AutoSetup.Result result =
        new AutoSetup(base, dir, Map.of(), prompts, Clock.systemUTC())
            .run(null, null, new PrintWriter(new StringWriter()));

    assertThat(result.databaseUrl()).isEqualTo("sqlite:///" + database);
    assertThat(database).exists();
    assertThat(prompts.questions).hasSize(4);
    assertThat(Files.readString(result.credentials()))
        .isEqualTo("typed@example.org password-was-user-generated\n");
    assertThat(EnvFile.read(result.envFile()))
        .containsEntry("AUTHNZERVER_AUTHDB", "sqlite:///" + database);
  }
}
