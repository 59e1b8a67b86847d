package org.authnz.transport.http.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public suffix rules for the sign-up name check ({@code spec/server-config.md} section 6 step
 * 3): the cached file when it is under 7 days old, else a fresh download that rewrites the cache,
 * else the stale cache. Without any, sign-ups are refused (logged), but the server still starts.
 */
final class PublicSuffixList {
  static final URI SOURCE = URI.create("https://publicsuffix.org/list/public_suffix_list.dat");
  private static final Duration MAX_AGE = Duration.ofDays(7);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Logger logger = LoggerFactory.getLogger(PublicSuffixList.class);

  private PublicSuffixList() {}

  /** {@code $XDG_CACHE_HOME/authnzerver/public-suffixes.txt}, else under {@code ~/.cache}. */
  static Path cacheFile(Map<String, String> processEnvironment) {
    String cacheHome = processEnvironment.get("XDG_CACHE_HOME");
    Path base =
        cacheHome == null || cacheHome.isBlank()
            ? Path.of(System.getProperty("user.home", ""), ".cache")
            : Path.of(cacheHome);
    return base.resolve("authnzerver").resolve("public-suffixes.txt");
  }

  /** The rules, each with a leading dot; empty when none could be had. */
  static List<String> load(Path cacheFile, Clock clock) {
    if (isFresh(cacheFile, clock)) {
      return readCache(cacheFile);
    }
    try {
      List<String> rules = download();
      Files.createDirectories(cacheFile.getParent());
      Files.write(cacheFile, rules, StandardCharsets.UTF_8);
      return rules;
    } catch (IOException e) {
      logger.warn("cannot download the public suffix list ({})", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (Files.isRegularFile(cacheFile)) {
      logger.warn("using the stale public suffix list {}", cacheFile);
      return readCache(cacheFile);
    }
    logger.error("no public suffix list: sign-ups are refused until {} exists", cacheFile);
    return List.of();
  }

  private static boolean isFresh(Path file, Clock clock) {
    try {
      return Files.isRegularFile(file)
          && Files.getLastModifiedTime(file).toInstant().isAfter(clock.instant().minus(MAX_AGE));
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> readCache(Path file) {
    try {
      return rules(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      logger.warn("cannot read the public suffix list {}", file);
      return List.of();
    }
  }

  private static List<String> download() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpRequest request = HttpRequest.newBuilder(SOURCE).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("status " + response.statusCode());
    }
    return rules(response.body().lines().toList());
  }

  /** Non-empty, non-comment lines with a leading dot (already dotted lines kept as they are). */
  static List<String> rules(List<String> lines) {
    List<String> rules = new ArrayList<>();
    for (String line : lines) {
      String rule = line.strip();
      if (rule.isEmpty() || rule.startsWith("//")) {
        continue;
      }
      rules.add(rule.startsWith(".") ? rule : "." + rule);
    }
    return rules;
  }
}
