package org.authnz.transport.http.internal;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code allowedhosts} check of {@code spec/wire-protocol.md} section 2: the {@code Host}
 * header, lower-cased and without a {@code :port} suffix, must equal one of the configured names
 * exactly. Configured names are compared as given (an upper-case entry never matches, as in the
 * reference). {@code X-Forwarded-Host} plays no part.
 *
 * @param names the allowed host names, without ports
 */
public record HostAllowList(List<String> names) {

  private static final Pattern PORT_SUFFIX = Pattern.compile(":\\d+$");

  /** Copies {@code names}. */
  public HostAllowList {
    names = List.copyOf(names);
  }

  /** Whether a request with this {@code Host} header value may be served. */
  public boolean allows(String hostHeader) {
    requireNonNull(hostHeader, "hostHeader");
    String host = PORT_SUFFIX.matcher(hostHeader.strip().toLowerCase(Locale.ROOT)).replaceFirst("");
    return names.contains(host);
  }
}
