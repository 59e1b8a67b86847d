package org.authnz.transport.http.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.authnz.InvalidConfigurationException;

/**
 * The {@code ratelimits} setting ({@code spec/server-config.md} section 3): off, or per-minute
 * limits by group ({@code ipaddr}, {@code user}, {@code session}, {@code apikey}), {@code burst},
 * and by action name.
 *
 * @param enabled false when the setting is {@code none}
 * @param limits the group defaults filled in, then the configured values; empty when disabled
 */
public record RateLimits(boolean enabled, Map<String, Integer> limits) {

  /** The default setting text. */
  public static final String DEFAULT_SETTING =
      "ipaddr:720; user:480; session:600; apikey:720; burst:150";

  private static final Map<String, Integer> GROUP_DEFAULTS =
      Map.of("ipaddr", 720, "user", 480, "session", 600, "apikey", 720, "burst", 150);

  public RateLimits {
    limits = Map.copyOf(limits);
  }

  /**
   * Parses the setting as the reference does: {@code none}, or {@code ;}-separated {@code
   * name:integer} pieces with all spaces removed; a trailing {@code ;} is an error.
   *
   * @throws InvalidConfigurationException when the setting is malformed
   */
  public static RateLimits parse(String setting) {
    if (setting.strip().toLowerCase(Locale.ROOT).equals("none")) {
      return new RateLimits(false, Map.of());
    }

    Map<String, Integer> limits = new LinkedHashMap<>(GROUP_DEFAULTS);
    for (String piece : setting.split(";", -1)) {
      String compact = piece.replace(" ", "");
      String[] parts = compact.split(":", -1);
      if (parts.length < 2 || parts[0].isEmpty()) {
        throw new InvalidConfigurationException(
            "ratelimits: every piece must be name:integer, separated by ';' (no trailing ';')");
      }
      try {
        limits.put(parts[0], Integer.parseInt(parts[1].strip()));
      } catch (NumberFormatException e) {
        throw new InvalidConfigurationException(
            "ratelimits: the limit of '" + parts[0] + "' is not an integer");
      }
    }
    return new RateLimits(true, limits);
  }
}
