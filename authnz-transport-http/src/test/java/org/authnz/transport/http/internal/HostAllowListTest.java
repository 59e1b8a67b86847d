package org.authnz.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostAllowListTest {

  private final HostAllowList defaults = new HostAllowList(List.of("localhost", "127.0.0.1"));

  @Test
  void allows_allowedNamesWithOrWithoutPortAnyCase_areAllowed() {
    assertThat(defaults.allows("localhost")).isTrue();
    assertThat(defaults.allows("localhost:13431")).isTrue();
    assertThat(defaults.allows("LocalHost:9999")).isTrue();
    assertThat(defaults.allows("127.0.0.1:80")).isTrue();
  }

  @Test
  void allows_namesThatOnlyStartOrEndWithAnAllowedName_areRefused() {
    assertThat(defaults.allows("localhost.evil.example.com")).isFalse();
    assertThat(defaults.allows("evil-localhost")).isFalse();
    assertThat(defaults.allows("127.0.0.1.evil.example.com:80")).isFalse();
    assertThat(defaults.allows("localhost:")).isFalse();
    assertThat(defaults.allows("")).isFalse();
  }

  @Test
  void allows_upperCaseConfiguredName_neverMatchesAsInTheReference() {
    assertThat(new HostAllowList(List.of("Example.org")).allows("Example.org")).isFalse();
  }

  @Test
  void allows_ipv6LiteralKeepsItsBrackets() {
    HostAllowList ipv6 = new HostAllowList(List.of("[::1]"));

    assertThat(ipv6.allows("[::1]:13431")).isTrue();
    assertThat(ipv6.allows("[::1]")).isTrue();
    assertThat(ipv6.allows("::1")).isFalse();
  }
}
