package org.authnz.transport.http.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.authnz.InvalidConfigurationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsTest {
  private static final String KEY = AdminAccount.newFernetKey();

  @TempDir Path dir;
  private Map<String, String> env;

  @BeforeEach
  void requiredItems() {
    env = new HashMap<>();
    env.put("AUTHNZERVER_AUTHDB", "sqlite:///auth.sqlite");
    env.put("AUTHNZERVER_SECRET", KEY);
    env.put("AUTHNZERVER_PIISALT", "some-salt");
    env.put("AUTHNZERVER_FQDN", "auth.example.org");
  }

  private ServerSettings resolve(Map<String, String> flags) {
    return ServerSettings.resolve(flags, env, dir);
  }

  @Test
  void resolve_nothingButRequiredItems_usesTheDefaults() {
    ServerSettings settings = resolve(Map.of());

    assertThat(settings.allowedHosts()).containsExactly("localhost", "127.0.0.1");
    assertThat(settings.authDb()).isEqualTo(new DatabaseTarget.Sqlite(dir.resolve("auth.sqlite")));
    assertThat(settings.baseDir()).isEqualTo(dir);
    assertThat(settings.debugMode()).isFalse();
    assertThat(settings.listen()).isEqualTo("127.0.0.1");
    assertThat(settings.permissions()).isNull();
    assertThat(settings.port()).isEqualTo(13431);
    assertThat(settings.sessionExpiryDays()).isEqualTo(30);
    assertThat(settings.userLockTries()).isEqualTo(10);
    assertThat(settings.userLockTime()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.passPolicy()).startsWith("min_pass_length:12; max_unsafe_similarity:50");
    assertThat(settings.rateLimits().enabled()).isTrue();
    assertThat(settings.rateLimits().limits())
        .containsEntry("ipaddr", 720)
        .containsEntry("burst", 150);
    assertThat(settings.workers()).isEqualTo(4);
    assertThat(settings.emailServer()).isEqualTo("localhost");
    assertThat(settings.emailPort()).isEqualTo(25);
    assertThat(settings.emailUser()).isEqualTo(System.getProperty("user.name"));
    assertThat(settings.emailPass().isEmpty()).isTrue();
    assertThat(settings.emailSender()).isEqualTo("Authnzerver <authnzerver@localhost>");
    assertThat(settings.tlsEnabled()).isFalse();
    assertThat(settings.serverFqdn()).isEqualTo("auth.example.org");
  }

  @Test
  void resolve_flagOnly_beatsTheDefault() {
    assertThat(resolve(Map.of("workers", "8", "listen", "0.0.0.0")))
        .extracting(ServerSettings::workers, ServerSettings::listen)
        .containsExactly(8, "0.0.0.0");
  }

  @Test
  void resolve_environmentAndFlag_environmentWinsAsInTheReference() {
    env.put("AUTHNZERVER_WORKERS", "2");

    assertThat(resolve(Map.of("workers", "8")).workers()).isEqualTo(2);
  }

  @Test
  void resolve_blankEnvironmentValue_countsAsMissingAndGivesTheDefault() {
    env.put("AUTHNZERVER_WORKERS", "  ");

    assertThat(resolve(Map.of("workers", "8")).workers()).isEqualTo(4);
  }

  @Test
  void resolve_portAndAuthnzerverPort_portWins() {
    env.put("PORT", "8000");
    env.put("AUTHNZERVER_PORT", "9000");

    assertThat(resolve(Map.of("port", "7000")).port()).isEqualTo(8000);
  }

  @Test
  void resolve_onlyAuthnzerverPort_isUsed() {
    env.put("AUTHNZERVER_PORT", "9000");

    assertThat(resolve(Map.of("port", "7000")).port()).isEqualTo(9000);
  }

  @Test
  void resolve_debugModeVariable_hasNoEffect() {
    env.put("AUTHNZERVER_DEBUGMODE", "1");

    assertThat(resolve(Map.of()).debugMode()).isFalse();
    assertThat(resolve(Map.of("debugmode", "1")).debugMode()).isTrue();
  }

  @Test
  void resolve_secretNamingAFile_readsTheFileAndStripsWhitespace() throws Exception {
    Files.writeString(dir.resolve("key"), "  " + KEY + "\n\n");
    Files.writeString(dir.resolve("salt"), "file-salt\r\n");
    env.put("AUTHNZERVER_SECRET", "key");
    env.put("AUTHNZERVER_PIISALT", dir.resolve("salt").toString());

    ServerSettings settings = resolve(Map.of());

    assertThat(settings.secret().reveal()).isEqualTo(KEY);
    assertThat(settings.piiSalt().reveal()).isEqualTo("file-salt");
  }

  @Test
  void resolve_secretWithBasedirPlaceholder_readsTheFileInBasedir() throws Exception {
    Path base = Files.createDirectory(dir.resolve("base"));
    Files.writeString(base.resolve(".authnzerver-secret-key"), KEY);
    env.put("AUTHNZERVER_BASEDIR", base.toString());
    env.put("AUTHNZERVER_SECRET", "[[basedir]]/.authnzerver-secret-key");

    assertThat(resolve(Map.of()).secret().reveal()).isEqualTo(KEY);
  }

  @Test
  void resolve_secretNamingNoFile_isTheLiteralKey() {
    assertThat(resolve(Map.of()).secret().reveal()).isEqualTo(KEY);
  }

  @Test
  void resolve_settings_toStringShowsNoSecret() {
    env.put("AUTHNZERVER_EMAILPASS", "smtp-password");

    String text = resolve(Map.of()).toString();

    assertThat(text)
        .doesNotContain(KEY)
        .doesNotContain("some-salt")
        .doesNotContain("smtp-password");
  }

  @Test
  void resolve_invalidFernetKey_isRefused() {
    env.put("AUTHNZERVER_SECRET", "not-a-fernet-key");

    assertThatThrownBy(() -> resolve(Map.of()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("secret is not a valid Fernet key")
        .hasMessageNotContaining("not-a-fernet-key");
  }

  @Test
  void resolve_piiSaltOver64Bytes_isRefused() {
    env.put("AUTHNZERVER_PIISALT", "é".repeat(33)); // 66 bytes in UTF-8, 33 characters

    assertThatThrownBy(() -> resolve(Map.of()))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("piisalt is longer than 64 bytes");
  }

  @Test
  void resolve_piiSaltOf64Bytes_isAccepted() {
    env.put("AUTHNZERVER_PIISALT", "s".repeat(64));

    assertThat(resolve(Map.of()).piiSalt().reveal()).hasSize(64);
  }

  @Test
  void resolve_missingRequiredItem_failsNamingIt() {
    for (String name : List.of("AUTHNZERVER_AUTHDB", "AUTHNZERVER_SECRET", "AUTHNZERVER_PIISALT")) {
      Map<String, String> without = new HashMap<>(env);
      without.remove(name);
      String item = name.substring("AUTHNZERVER_".length()).toLowerCase(java.util.Locale.ROOT);

      assertThatThrownBy(() -> ServerSettings.resolve(Map.of(), without, dir))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageStartingWith(item + " is required")
          .hasMessageContaining(name);
    }
  }

  @Test
  void resolve_blankRequiredItem_failsNamingIt() {
    env.put("AUTHNZERVER_SECRET", " ");

    assertThatThrownBy(() -> resolve(Map.of("secret", KEY)))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("secret is required");
  }

  @Test
  void resolve_nonIntegerPort_failsNamingTheItem() {
    assertThatThrownBy(() -> resolve(Map.of("port", "http")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("port must be an integer, got 'http'");
  }

  @Test
  void resolve_zeroWorkers_isRefused() {
    assertThatThrownBy(() -> resolve(Map.of("workers", "0")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("workers must be between 1");
  }

  @Test
  void resolve_rateLimitsWithTrailingSemicolon_isRefused() {
    assertThatThrownBy(() -> resolve(Map.of("ratelimits", "ipaddr:100;")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("ratelimits");
  }

  @Test
  void resolve_rateLimitsNone_disablesRateLimiting() {
    assertThat(resolve(Map.of("ratelimits", " NONE ")).rateLimits().enabled()).isFalse();
  }

  @Test
  void resolve_rateLimitsWithAction_keepsGroupDefaults() {
    assertThat(resolve(Map.of("ratelimits", "user: 10; user-login:5")).rateLimits().limits())
        .containsEntry("user", 10)
        .containsEntry("user-login", 5)
        .containsEntry("ipaddr", 720);
  }

  @Test
  void resolve_missingPermissionsFile_isRefused() {
    assertThatThrownBy(() -> resolve(Map.of("permissions", "nope.json")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("permissions file ")
        .hasMessageEndingWith("nope.json does not exist");
  }

  @Test
  void resolve_permissionsWithoutSystemRoles_isRefused() throws Exception {
    Files.writeString(
        dir.resolve("p.json"),
        "{\"roles\":[\"superuser\"],\"items\":[],\"actions\":[],\"visibilities\":[],"
            + "\"item_policy\":{},\"role_policy\":{}}");

    assertThatThrownBy(() -> resolve(Map.of("permissions", "p.json")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("superuser, anonymous and locked");
  }

  @Test
  void configEnvironment_existingEnvFile_replacesTheProcessEnvironment() throws Exception {
    Files.writeString(
        dir.resolve("my.env"),
        "AUTHNZERVER_AUTHDB=sqlite:///from-file.sqlite\n"
            + "AUTHNZERVER_SECRET="
            + KEY
            + "\nAUTHNZERVER_PIISALT=file-salt\nAUTHNZERVER_FQDN=localhost\n");
    env.put("AUTHNZERVER_WORKERS", "2"); // ignored: the file is used instead

    Map<String, String> source = ServerSettings.configEnvironment("my.env", env, dir);
    ServerSettings settings = ServerSettings.resolve(Map.of("workers", "6"), source, dir);

    assertThat(settings.authDb())
        .isEqualTo(new DatabaseTarget.Sqlite(dir.resolve("from-file.sqlite")));
    assertThat(settings.workers()).isEqualTo(6);
    assertThat(settings.piiSalt().reveal()).isEqualTo("file-salt");
  }

  @Test
  void configEnvironment_envFileBeatsFlag() throws Exception {
    Files.writeString(
        dir.resolve(".env"),
        "AUTHNZERVER_AUTHDB=sqlite:///a.sqlite\nAUTHNZERVER_SECRET="
            + KEY
            + "\nAUTHNZERVER_PIISALT=s\nAUTHNZERVER_LISTEN=0.0.0.0\n");

    Map<String, String> source = ServerSettings.configEnvironment(".env", Map.of(), dir);

    assertThat(ServerSettings.resolve(Map.of("listen", "::1"), source, dir).listen())
        .isEqualTo("0.0.0.0");
  }

  @Test
  void configEnvironment_missingEnvFile_fallsBackToTheProcessEnvironment() {
    assertThat(ServerSettings.configEnvironment("absent.env", env, dir)).isSameAs(env);
  }

  @Test
  void configEnvironment_malformedEnvFile_isRefused() throws Exception {
    Files.writeString(dir.resolve("bad.env"), "AUTHNZERVER_EMAILPASS=100%\n");

    assertThatThrownBy(() -> ServerSettings.configEnvironment("bad.env", env, dir))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("line 1");
  }
}
