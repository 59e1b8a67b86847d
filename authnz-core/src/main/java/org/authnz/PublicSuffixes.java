package org.authnz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public suffix rules for the sign-up full-name check, in the reference's form: each rule of
 * the public suffix list (ICANN and private sections, wildcards and exceptions included) with a
 * leading dot.
 *
 * <p>The default comes from the copy of the list that the JDK ships for its own use ({@code
 * lib/security/public_suffix_list.dat}, a zip with one entry per top-level domain), so that no
 * download is needed. Thread-safe.
 */
final class PublicSuffixes {
  private static final Logger logger = LoggerFactory.getLogger(PublicSuffixes.class);
  private static volatile @Nullable List<String> jdkRules;

  private PublicSuffixes() {}

  /** The JDK's rules, read once; empty when this JDK has no readable copy. */
  static List<String> fromJdk() {
    List<String> rules = jdkRules;
    if (rules == null) {
      synchronized (PublicSuffixes.class) {
        rules = jdkRules;
        if (rules == null) {
          Path file =
              Path.of(System.getProperty("java.home"), "lib", "security", "public_suffix_list.dat");
          rules = read(file);
          jdkRules = rules;
        }
      }
    }
    return rules;
  }

  /** Reads a JDK-format list; empty when the file is missing or unreadable. */
  static List<String> read(Path file) {
    if (!Files.isReadable(file)) {
      logger.warn("no public suffix list in the JDK; sign-ups need one configured");
      return List.of();
    }
    List<String> rules = new ArrayList<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
          // ICANN rules start with a NUL character, private ones do not.
          reader
              .lines()
              .map(line -> line.replace("\0", "").strip())
              .filter(line -> !line.isEmpty())
              .forEach(rule -> rules.add("." + rule));
        }
      }
    } catch (IOException e) {
      logger
          .atWarn()
          .addKeyValue("error", e.getClass().getSimpleName())
          .log("cannot read the JDK's public suffix list; sign-ups need one configured");
      return List.of();
    }
    return List.copyOf(rules);
  }
}
