package org.authnz.transport.http.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The configuration items of {@code spec/server-config.md} section 2, in the order of its table,
 * with their flag, environment variables and fixed default.
 *
 * <p>A null default means "required" when {@link #required} is set, otherwise a default computed at
 * resolution time (working directory, OS user, bundled file, host name).
 */
enum ConfigItem {
  ALLOWEDHOSTS("allowedhosts", "localhost;127.0.0.1", "AUTHNZERVER_ALLOWEDHOSTS"),
  AUTHDB("authdb", null, "AUTHNZERVER_AUTHDB"),
  BASEDIR("basedir", null, "AUTHNZERVER_BASEDIR"),
  DEBUGMODE("debugmode", "0", "AUTHNZERVER_DEBUGMODE"),
  LISTEN("listen", "127.0.0.1", "AUTHNZERVER_LISTEN"),
  PERMISSIONS("permissions", null, "AUTHNZERVER_PERMISSIONS"),
  PORT("port", "13431", "PORT", "AUTHNZERVER_PORT"),
  SECRET("secret", null, "AUTHNZERVER_SECRET"),
  PIISALT("piisalt", null, "AUTHNZERVER_PIISALT"),
  SESSIONEXPIRY("sessionexpiry", "30", "AUTHNZERVER_SESSIONEXPIRY"),
  USERLOCKTRIES("userlocktries", "10", "AUTHNZERVER_USERLOCKTRIES"),
  USERLOCKTIME("userlocktime", "3600", "AUTHNZERVER_USERLOCKTIME"),
  PASSPOLICY(
      "passpolicy",
      "min_pass_length:12; max_unsafe_similarity:50; max_char_frequency:0.3; min_pwned_matches:25",
      "AUTHNZERVER_PASSPOLICY"),
  RATELIMITS("ratelimits", RateLimits.DEFAULT_SETTING, "AUTHNZERVER_RATELIMITS"),
  /** Not an item of the reference: where rate-limit and failed-login counts are kept. */
  RATELIMITSTORE("ratelimitstore", "memory", "AUTHNZERVER_RATELIMITSTORE"),
  /** Not an item of the reference: where Prometheus metrics are served, or off. */
  METRICS("metrics", "on", "AUTHNZERVER_METRICS"),
  WORKERS("workers", "4", "AUTHNZERVER_WORKERS"),
  EMAILSERVER("emailserver", "localhost", "AUTHNZERVER_EMAILSERVER"),
  EMAILPORT("emailport", "25", "AUTHNZERVER_EMAILPORT"),
  EMAILUSER("emailuser", null, "AUTHNZERVER_EMAILUSER"),
  EMAILPASS("emailpass", "", "AUTHNZERVER_EMAILPASS"),
  EMAILSENDER("emailsender", "Authnzerver <authnzerver@localhost>", "AUTHNZERVER_EMAILSENDER"),
  TLSCERTFILE("tlscertfile", "", "AUTHNZERVER_TLSCERTFILE"),
  TLSCERTKEY("tlscertkey", "", "AUTHNZERVER_TLSCERTKEY"),
  /** Not an item of the reference (spec section 3, "Server FQDN"): an optional addition. */
  FQDN("fqdn", null, "AUTHNZERVER_FQDN");

  final String flag;
  final @Nullable String fixedDefault;
  final List<String> envNames;
  final boolean required;

  /** Whether the value is an integer, which a flag must then be when it is parsed. */
  final boolean integer;

  ConfigItem(String flag, @Nullable String fixedDefault, String... envNames) {
    this.flag = flag;
    this.fixedDefault = fixedDefault;
    this.envNames = List.of(envNames);
    this.required = flag.equals("authdb") || flag.equals("secret") || flag.equals("piisalt");
    this.integer =
        List.of(
                "debugmode",
                "port",
                "sessionexpiry",
                "userlocktries",
                "userlocktime",
                "workers",
                "emailport")
            .contains(flag);
  }
}
