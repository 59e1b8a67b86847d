package org.authnz.transport.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.authnz.transport.http.protocol.EmailVerificationTokens.Item;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Golden case G115 ({@code spec/golden-cases.md} section 13): the verification token helper. */
class EmailVerificationTokensTest {
  static final Instant NOW = Instant.parse("2031-05-06T07:08:09.123456Z");
  static final String IP = "1.1.1.1";
  static final String AGENT = "Mozzarella Killerwhale";
  static final String EMAIL = "testuser@test.org";
  static final String SESSION = "session-token-T";
  static final Set<Item> ALL = EnumSet.allOf(Item.class);

  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  String key;
  String token;

  @BeforeEach
  void setUp() {
    key = Fernet.generateKey();
    token = EmailVerificationTokens.generate(IP, AGENT, EMAIL, SESSION, key, clock);
  }

  private boolean verify(String ip, String agent, Set<Item> items, Duration ttl, Clock at) {
    return EmailVerificationTokens.verify(token, ip, agent, SESSION, EMAIL, key, items, ttl, at);
  }

  @Test
  void verify_sameValuesAllItems_isTrue() {
    assertThat(verify(IP, AGENT, ALL, EmailVerificationTokens.DEFAULT_TTL, clock)).isTrue();
    assertThat(token).matches("[A-Za-z0-9+/]+=*").hasSizeGreaterThan(70);
  }

  @Test
  void verify_otherIpDefaultItems_isFalse() {
    assertThat(
            verify(
                "2.2.2.2",
                AGENT,
                EmailVerificationTokens.DEFAULT_ITEMS,
                EmailVerificationTokens.DEFAULT_TTL,
                clock))
        .isFalse();
  }

  @Test
  void verify_otherUserAgentDefaultItems_isTrue() {
    assertThat(
            verify(
                IP,
                "Another Browser",
                EmailVerificationTokens.DEFAULT_ITEMS,
                EmailVerificationTokens.DEFAULT_TTL,
                clock))
        .isTrue();
  }

  @Test
  void verify_otherKey_isFalse() {
    assertThat(
            EmailVerificationTokens.verify(
                token,
                IP,
                AGENT,
                SESSION,
                EMAIL,
                Fernet.generateKey(),
                ALL,
                EmailVerificationTokens.DEFAULT_TTL,
                clock))
        .isFalse();
  }

  @Test
  void verify_afterTheTtl_isFalse() {
    Clock later = Clock.fixed(NOW.plusSeconds(3), ZoneOffset.UTC);

    assertThat(verify(IP, AGENT, ALL, Duration.ofSeconds(1), later)).isFalse();
    assertThat(verify(IP, AGENT, ALL, Duration.ofSeconds(5), later)).isTrue();
  }

  @Test
  void verify_oneCharacterChanged_isFalse() {
    char[] chars = token.toCharArray();
    int middle = chars.length / 2;
    chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
    token = new String(chars);

    assertThat(verify(IP, AGENT, ALL, EmailVerificationTokens.DEFAULT_TTL, clock)).isFalse();
  }

  @Test
  void verify_notAToken_isFalse() {
    token = "not base64 at all";

    assertThat(verify(IP, AGENT, ALL, EmailVerificationTokens.DEFAULT_TTL, clock)).isFalse();
  }
}
