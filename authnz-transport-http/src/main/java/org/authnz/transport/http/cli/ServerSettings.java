package org.authnz.transport.http.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.authnz.InvalidConfigurationException;
import org.authnz.transport.http.protocol.Fernet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's settings, resolved from flags, the environment (or an env file) and defaults as
 * {@code spec/server-config.md} sections 1-4 say, and validated.
 *
 * <p>Secrets are {@link Secret}s, so {@code toString} shows none. Immutable and thread-safe.
 *
 * @param allowedHosts host names accepted in the {@code Host} header
 * @param authDb the database
 * @param baseDir where the admin credentials file is written
 * @param debugMode from {@code --debugmode=1} only (the environment variable has no effect)
 * @param listen the bind address
 * @param permissions the permission policy file, or null for the bundled default
 * @param port the TCP port; 0 picks a free one
 * @param secret the Fernet key shared with the frontends
 * @param piiSalt the key for hashing personal data in logs; {@code none} turns hashing off
 * @param sessionExpiryDays days after expiry when the sweeper deletes a session
 * @param userLockTries failed logins before an automatic lock
 * @param userLockTime how long an automatic lock lasts
 * @param passPolicy the password policy setting, parsed by the password checker
 * @param rateLimits the request rate limits
 * @param workers the size of the action worker pool
 * @param emailServer SMTP host
 * @param emailPort SMTP port
 * @param emailUser SMTP user
 * @param emailPass SMTP password
 * @param emailSender the {@code From} of sent mail
 * @param tlsCertFile PEM certificate chain file, or empty
 * @param tlsCertKey PEM private key file, or empty
 * @param serverFqdn the domain name passwords must not resemble
 */
public record ServerSettings(
    List<String> allowedHosts,
    DatabaseTarget authDb,
    Path baseDir,
    boolean debugMode,
    String listen,
    @Nullable Path permissions,
    int port,
    Secret secret,
    Secret piiSalt,
    int sessionExpiryDays,
    int userLockTries,
    Duration userLockTime,
    String passPolicy,
    RateLimits rateLimits,
    int workers,
    String emailServer,
    int emailPort,
    String emailUser,
    Secret emailPass,
    String emailSender,
    String tlsCertFile,
    String tlsCertKey,
    String serverFqdn) {

  /** Classpath location of the bundled default permission policy (in authnz-core). */
  public static final String BUNDLED_PERMISSIONS = "/org/authnz/default-permissions-model.json";

  private static final Logger logger = LoggerFactory.getLogger(ServerSettings.class);
  private static final int MAX_PII_SALT_BYTES = 64;

  public ServerSettings {
    allowedHosts = List.copyOf(allowedHosts);
    requireNonNull(authDb, "authDb");
    requireNonNull(baseDir, "baseDir");
    requireNonNull(secret, "secret");
    requireNonNull(piiSalt, "piiSalt");
    requireNonNull(rateLimits, "rateLimits");
  }

  /** Whether TLS is asked for: the certificate or the key file is set. */
  public boolean tlsEnabled() {
    return !tlsCertFile.isBlank() || !tlsCertKey.isBlank();
  }

  /**
   * Chooses where configuration items are looked up: the env file when {@code envFile} names an
   * existing file (then the process environment is not consulted), else the process environment.
   *
   * @throws InvalidConfigurationException when the env file is malformed
   */
  public static Map<String, String> configEnvironment(
      @Nullable String envFile, Map<String, String> processEnvironment, Path workingDir) {
    if (envFile == null || envFile.isBlank()) {
      return processEnvironment;
    }
    Path file = workingDir.resolve(envFile);
    if (!Files.isRegularFile(file)) {
      logger.warn(
          "env file {} {}; using the process environment",
          file,
          Files.isDirectory(file) ? "is a directory, not a file" : "not found");
      return processEnvironment;
    }
    return EnvFile.read(file);
  }

  /**
   * Resolves every item: an environment entry beats the flag, the flag beats the default, and a
   * blank value counts as missing.
   *
   * @param flags flag values by item name ({@code port}, {@code secret}, ...), only those given
   * @param environment the process environment or the env file's entries
   * @param workingDir against which relative paths are resolved
   * @throws InvalidConfigurationException naming the item, when one is missing or invalid
   */
  public static ServerSettings resolve(
      Map<String, String> flags, Map<String, String> environment, Path workingDir) {
    return new Resolver(flags, environment, workingDir).settings();
  }

  /**
   * Resolves the {@code ratelimitstore} item (not a record component, to keep the constructor):
   * {@code memory} (the default), {@code database} or a {@code redis://} URI.
   */
  public static String rateLimitStore(
      Map<String, String> flags, Map<String, String> environment, Path workingDir) {
    return new Resolver(flags, environment, workingDir).string(ConfigItem.RATELIMITSTORE);
  }

  /**
   * Resolves the {@code metrics} item (not a record component, to keep the constructor): {@code on}
   * (the default), {@code off}, {@code PORT} or {@code ADDRESS:PORT}.
   */
  public static String metrics(
      Map<String, String> flags, Map<String, String> environment, Path workingDir) {
    return new Resolver(flags, environment, workingDir).string(ConfigItem.METRICS);
  }

  /**
   * Checks that a permission policy file (null: the bundled one) parses and has the keys and system
   * roles the reference requires.
   *
   * @throws InvalidConfigurationException when it does not
   */
  static void checkPermissions(@Nullable Path file) {
    String where = file == null ? "(bundled)" : file.toString();
    if (file != null && !Files.exists(file)) {
      throw new InvalidConfigurationException("permissions file " + file + " does not exist");
    }
    if (file != null && !Files.isRegularFile(file)) {
      throw new InvalidConfigurationException("permissions file " + file + " is not a file");
    }
    JsonNode policy;
    try (InputStream in = openPolicy(file)) {
      policy = new ObjectMapper().readTree(in);
    } catch (JsonProcessingException e) {
      throw new InvalidConfigurationException(
          "permissions file " + where + " is " + FailureText.of(e));
    } catch (IOException e) {
      throw new InvalidConfigurationException(
          "permissions file " + where + " cannot be read: " + FailureText.of(e));
    }
    if (policy == null || !policy.isObject()) {
      throw new InvalidConfigurationException(
          "permissions file " + where + " is not a JSON object");
    }
    for (String key :
        List.of("roles", "items", "actions", "visibilities", "item_policy", "role_policy")) {
      if (!policy.has(key)) {
        throw new InvalidConfigurationException(
            "permissions file " + where + " has no '" + key + "' key");
      }
    }
    Map<String, Boolean> needed = new HashMap<>(Map.of("superuser", false, "anonymous", false));
    needed.put("locked", false);
    policy.get("roles").forEach(role -> needed.replace(role.asText(), true));
    if (needed.containsValue(false)) {
      throw new InvalidConfigurationException(
          "permissions file " + where + ": its roles must include superuser, anonymous and locked");
    }
  }

  private static InputStream openPolicy(@Nullable Path file) throws IOException {
    if (file != null) {
      return Files.newInputStream(file);
    }
    InputStream bundled = ServerSettings.class.getResourceAsStream(BUNDLED_PERMISSIONS);
    if (bundled == null) {
      throw new IOException("bundled permission policy missing from the classpath");
    }
    return bundled;
  }

  /** Resolves item by item; one instance per resolution. */
  private static final class Resolver {
    private final Map<String, String> flags;
    private final Map<String, String> environment;
    private final Path workingDir;

    Resolver(Map<String, String> flags, Map<String, String> environment, Path workingDir) {
      this.flags = Map.copyOf(flags);
      this.environment = environment;
      this.workingDir = workingDir.toAbsolutePath();
    }

    ServerSettings settings() {
      Path baseDir = workingDir.resolve(string(ConfigItem.BASEDIR)).normalize();
      DatabaseTarget authDb = DatabaseTarget.parse(string(ConfigItem.AUTHDB), workingDir);
      Secret secret = fernetKey(fileReadable(ConfigItem.SECRET, baseDir));
      Secret piiSalt = piiSalt(fileReadable(ConfigItem.PIISALT, baseDir));
      integer(ConfigItem.DEBUGMODE); // loaded and checked like the reference, but flag-only
      boolean debug = "1".equals(flags.getOrDefault(ConfigItem.DEBUGMODE.flag, "0").strip());
      String permissions = raw(ConfigItem.PERMISSIONS);
      Path permissionsFile = permissions == null ? null : workingDir.resolve(permissions);
      checkPermissions(permissionsFile);

      return new ServerSettings(
          hosts(string(ConfigItem.ALLOWEDHOSTS)),
          authDb,
          baseDir,
          debug,
          string(ConfigItem.LISTEN),
          permissionsFile,
          range(ConfigItem.PORT, 0, 65535),
          secret,
          piiSalt,
          range(ConfigItem.SESSIONEXPIRY, 0, Integer.MAX_VALUE),
          range(ConfigItem.USERLOCKTRIES, 0, Integer.MAX_VALUE),
          Duration.ofSeconds(range(ConfigItem.USERLOCKTIME, 0, Integer.MAX_VALUE)),
          string(ConfigItem.PASSPOLICY),
          RateLimits.parse(string(ConfigItem.RATELIMITS)),
          range(ConfigItem.WORKERS, 1, 1024),
          string(ConfigItem.EMAILSERVER),
          range(ConfigItem.EMAILPORT, 1, 65535),
          string(ConfigItem.EMAILUSER),
          Secret.of(string(ConfigItem.EMAILPASS)),
          string(ConfigItem.EMAILSENDER),
          string(ConfigItem.TLSCERTFILE),
          string(ConfigItem.TLSCERTKEY),
          string(ConfigItem.FQDN));
    }

    /** The reference's algorithm (spec section 1); the one place that decides precedence. */
    private @Nullable String raw(ConfigItem item) {
      String value = flags.get(item.flag);
      for (String name : item.envNames) {
        if (environment.containsKey(name)) {
          value = environment.get(name);
          break;
        }
      }
      if (value == null || value.isBlank()) {
        if (item.required) {
          throw new InvalidConfigurationException(
              item.flag
                  + " is required: set --"
                  + item.flag
                  + " or "
                  + String.join(" or ", item.envNames));
        }
        value = defaultOf(item);
      }
      return value;
    }

    private String string(ConfigItem item) {
      String value = raw(item);
      return value == null ? "" : value;
    }

    private @Nullable String defaultOf(ConfigItem item) {
      switch (item) {
        case BASEDIR:
          return workingDir.toString();
        case EMAILUSER:
          return System.getProperty("user.name", "");
        case FQDN:
          return systemFqdn();
        case PERMISSIONS:
          return null;
        default:
          return item.fixedDefault;
      }
    }

    private int integer(ConfigItem item) {
      String value = string(item).strip();
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new InvalidConfigurationException(
            item.flag + " must be an integer, got '" + value + "'");
      }
    }

    private int range(ConfigItem item, int min, int max) {
      int value = integer(item);
      if (value < min || value > max) {
        throw new InvalidConfigurationException(
            item.flag + " must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    }

    /** Section 4.1: the value, or the contents of the file it names, whitespace stripped. */
    private String fileReadable(ConfigItem item, Path baseDir) {
      String value = string(item);
      String path = value;
      if (path.contains("[[basedir]]")) {
        path = path.replace("[[basedir]]", baseDir.toString());
      } else if (path.contains("[[homedir]]")) {
        path = path.replace("[[homedir]]", System.getProperty("user.home", ""));
      }

      Path file;
      try {
        file = workingDir.resolve(path);
      } catch (java.nio.file.InvalidPathException e) {
        return path.strip(); // cannot be a file name, so it is the value itself
      }
      if (!Files.isRegularFile(file)) {
        return path.strip();
      }
      try {
        String contents = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (contents.isEmpty()) {
          throw new InvalidConfigurationException(item.flag + ": the file " + file + " is empty");
        }
        return contents;
      } catch (IOException e) {
        throw new InvalidConfigurationException(
            item.flag + ": cannot read the file " + file + ": " + FailureText.of(e));
      }
    }

    private static Secret fernetKey(String key) {
      try {
        Fernet.of(key);
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException(
            "secret is not a valid Fernet key (32 random bytes in URL-safe base64, 44 characters)");
      }
      return Secret.of(key);
    }

    private static Secret piiSalt(String salt) {
      if (salt.getBytes(StandardCharsets.UTF_8).length > MAX_PII_SALT_BYTES) {
        throw new InvalidConfigurationException(
            "piisalt is longer than " + MAX_PII_SALT_BYTES + " bytes (UTF-8)");
      }
      return Secret.of(salt);
    }

    private static List<String> hosts(String setting) {
      List<String> hosts = new ArrayList<>();
      for (String piece : setting.split(";")) {
        if (!piece.isBlank()) {
          hosts.add(piece.strip());
        }
      }
      return hosts;
    }

    private static String systemFqdn() {
      try {
        return InetAddress.getLocalHost().getCanonicalHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
