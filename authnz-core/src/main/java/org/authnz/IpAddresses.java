package org.authnz;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses IP address text into the canonical form that the reference stores. Stateless. */
final class IpAddresses {
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpAddresses() {}

  /**
   * The canonical text: a dotted quad without leading zeros for IPv4, or lower-case compressed IPv6
   * (the longest run of two or more zero groups, the first on a tie, becomes {@code ::}).
   *
   * @return the canonical text, or empty when {@code text} is no IP address
   */
  static Optional<String> canonical(String text) {
    Matcher v4 = IPV4.matcher(text);
    if (v4.matches()) {
      for (int i = 1; i <= 4; i++) {
        String octet = v4.group(i);
        if ((octet.length() > 1 && octet.startsWith("0")) || Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
      return Optional.of(text);
    }
    if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      // Only literal text reaches here (hex digits, colons, dots), so no name lookup happens.
      InetAddress address = InetAddress.getByName(text);
      if (address instanceof Inet4Address) {
        return Optional.of("::ffff:" + address.getHostAddress());
      }
      return Optional.of(compress(((Inet6Address) address).getAddress()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String compress(byte[] bytes) {
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int start = i;
      while (i < 8 && groups[i] == 0) {
        i++;
      }
      if (i - start > bestLength) {
        bestStart = start;
        bestLength = i - start;
      }
    }
    if (bestLength < 2) {
      bestStart = -1;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append(i == 0 ? "::" : ":");
        i += bestLength - 1;
        continue;
      }
      out.append(Integer.toHexString(groups[i]));
      if (i < 7) {
        out.append(':');
      }
    }
    return out.toString();
  }
}
