package org.authnz.internal.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.authnz.spi.PasswordHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idHasherTest {

  /** Small parameters for tests that do not need the default cost. */
  private static final Argon2idHasher FAST = Argon2idHasher.of(64, 1, 1);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Argon2 reference implementation vectors (phc-winner-argon2 test suite).
        "password | $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "password | $argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
        "password | $argon2i$v=19$m=256,t=2,p=2$c29tZXNhbHQ$T/XOJ2mh1/TIpJHfCdQan76Q5esCFVoT5MAeIM1Oq2E",
        // Version 0x10: no "v=" segment.
        "password | $argon2i$m=65536,t=2,p=1$c29tZXNhbHQ$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ",
        // argon2-cffi 18.2-21.1 defaults (the recorded reference's shape): m=102400, t=2, p=8,
        // 16-byte hash; the example of argon2-cffi's documentation.
        "s3kr3tp4ssw0rd | $argon2id$v=19$m=102400,t=2,p=8$tSm+JOWigOgPZx/g44K5fQ$WDyus6py50bVFIPkjA28lQ",
        // argon2-cffi 21.2+ defaults (RFC 9106 low-memory: m=65536, t=3, p=4, 32-byte hash).
        "TestPass123 | $argon2id$v=19$m=65536,t=3,p=4$2m5CBWkA489bnIwyY5iaWQ$w3ujhnFOTF63QwaBVK950q/NxCwyTVQF4LLTeHAEt/Y"
      })
  void verify_publishedHash_takesParametersFromTheString(String password, String encoded) {
    PasswordHash hash = PasswordHash.of(encoded);

    assertThat(FAST.verify(password, hash)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
        "$argon2i$v=19$m=256,t=2,p=2$c29tZXNhbHQ$T/XOJ2mh1/TIpJHfCdQan76Q5esCFVoT5MAeIM1Oq2E"
      })
  void verify_publishedHashWrongPassword_isFalse(String encoded) {
    PasswordHash hash = PasswordHash.of(encoded);

    assertThat(FAST.verify("Password", hash)).isFalse();
    assertThat(FAST.verify("password ", hash)).isFalse();
    assertThat(FAST.verify("", hash)).isFalse();
  }

  @Test
  void hash_defaults_areTheRfc9106LowMemoryProfileAndVerify() {
    Argon2idHasher hasher = Argon2idHasher.withDefaults();

    PasswordHash hash = hasher.hash("aROwQin9L8nNtPTEMLXd");

    assertThat(hash.reveal())
        .startsWith("$argon2id$v=19$m=65536,t=3,p=4$")
        .hasSize(97)
        .matches("\\$argon2id\\$v=19\\$m=65536,t=3,p=4\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.verify("aROwQin9L8nNtPTEMLXd", hash)).isTrue();
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  void hash_roundTrip_verifiesOnlyTheSamePassword() {
    PasswordHash hash = FAST.hash("correct horse");

    assertThat(FAST.verify("correct horse", hash)).isTrue();
    assertThat(FAST.verify("correct horsf", hash)).isFalse();
    assertThat(FAST.verify("", hash)).isFalse();
    assertThat(hash.reveal()).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
  }

  @Test
  void hash_samePasswordTwice_usesFreshSalt() {
    assertThat(FAST.hash("same").reveal()).isNotEqualTo(FAST.hash("same").reveal());
  }

  @Test
  void hash_unicodePassword_isHashedAsUtf8() {
    PasswordHash hash = FAST.hash("pässwörd \uD83D\uDE00");

    assertThat(FAST.verify("pässwörd \uD83D\uDE00", hash)).isTrue();
    assertThat(FAST.verify("pa\u0308sswo\u0308rd \uD83D\uDE00", hash)).isFalse();
  }

  @Test
  void hash_passwordLongerThan256CodePoints_isCutBeforeHashing() {
    String base = "\uD83D\uDE00".repeat(256);

    PasswordHash hash = FAST.hash(base + "tail");

    assertThat(FAST.verify(base, hash)).isTrue();
    assertThat(FAST.verify(base + "other tail", hash)).isTrue();
    assertThat(FAST.verify("\uD83D\uDE00".repeat(255), hash)).isFalse();
  }

  @Test
  void dummyHash_verifiesNothingAndHasTheCurrentParameters() {
    PasswordHash dummy = FAST.dummyHash();

    assertThat(FAST.verify("", dummy)).isFalse();
    assertThat(FAST.verify("password", dummy)).isFalse();
    assertThat(FAST.needsRehash(dummy)).isFalse();
    assertThat(FAST.dummyHash()).isNotEqualTo(dummy);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // Old argon2-cffi parameters, other memory / passes / lanes, salt or hash length, variant
        // and version: each differs from FAST (m=64, t=1, p=1, 16-byte salt, 32-byte hash).
        "$argon2id$v=19$m=102400,t=2,p=8$tSm+JOWigOgPZx/g44K5fQ$WDyus6py50bVFIPkjA28lQ",
        "$argon2id$v=19$m=128,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=64,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=64,t=1,p=2$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
        "$argon2i$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2d$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "not a hash"
      })
  void needsRehash_otherParameters_isTrue(String encoded) {
    assertThat(FAST.needsRehash(PasswordHash.of(encoded))).isTrue();
  }

  @Test
  void needsRehash_currentParameters_isFalse() {
    String same =
        "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    assertThat(FAST.needsRehash(PasswordHash.of(same))).isFalse();
    assertThat(Argon2idHasher.withDefaults().needsRehash(PasswordHash.of(same))).isTrue();
  }

  @Test
  void needsRehash_underDefaults_followsTheArgon2CffiShapes() {
    // G24: a hash of the old argon2-cffi defaults is rehashed at login; one of the new is not.
    Argon2idHasher defaults = Argon2idHasher.withDefaults();
    PasswordHash old =
        PasswordHash.of(
            "$argon2id$v=19$m=102400,t=2,p=8$tSm+JOWigOgPZx/g44K5fQ$WDyus6py50bVFIPkjA28lQ");
    PasswordHash current =
        PasswordHash.of(
            "$argon2id$v=19$m=65536,t=3,p=4$2m5CBWkA489bnIwyY5iaWQ"
                + "$w3ujhnFOTF63QwaBVK950q/NxCwyTVQF4LLTeHAEt/Y");

    assertThat(defaults.needsRehash(old)).isTrue();
    assertThat(defaults.needsRehash(current)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "password",
        "$argon2id$",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$",
        "$argon2x$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=18$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$t=2,m=65536,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=0,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=0$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=7,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=99999999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ=$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc=",
        "$argon2id$v=19$m=65536,t=2,p=1$c29t_XNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$AAA",
        " $argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc\n"
      })
  void verify_malformedHash_isFalseWithoutThrowing(String encoded) {
    assertThat(FAST.verify("password", PasswordHash.of(encoded))).isFalse();
  }

  @Test
  void parse_storedString_exposesItsParameters() {
    Argon2Phc old =
        Argon2Phc.parse(
                "$argon2id$v=19$m=102400,t=2,p=8$tSm+JOWigOgPZx/g44K5fQ$WDyus6py50bVFIPkjA28lQ")
            .orElseThrow();

    assertThat(old.memoryKib()).isEqualTo(102_400);
    assertThat(old.iterations()).isEqualTo(2);
    assertThat(old.parallelism()).isEqualTo(8);
    assertThat(old.version()).isEqualTo(0x13);
    assertThat(old.saltLength()).isEqualTo(16);
    assertThat(old.hashLength()).isEqualTo(16);
    assertThat(old.toString()).doesNotContain("tSm+JOWigOgPZx").doesNotContain("WDyus6py50bV");
  }

  @Test
  void parse_withoutVersion_isVersion0x10() {
    Argon2Phc phc =
        Argon2Phc.parse(
                "$argon2i$m=65536,t=2,p=1$c29tZXNhbHQ$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ")
            .orElseThrow();

    assertThat(phc.version()).isEqualTo(0x10);
    assertThat(phc.encode())
        .isEqualTo(
            "$argon2i$m=65536,t=2,p=1$c29tZXNhbHQ$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ");
  }

  @Test
  void of_parameters_areUsedForNewHashes() {
    Argon2idHasher hasher = Argon2idHasher.of(256, 2, 2);

    assertThat(hasher.hash("x").reveal()).startsWith("$argon2id$v=19$m=256,t=2,p=2$");
    assertThat(hasher.memoryKib()).isEqualTo(256);
    assertThat(hasher.iterations()).isEqualTo(2);
    assertThat(hasher.parallelism()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({"7, 1, 1", "15, 1, 2", "64, 0, 1", "64, 1, 0", "4194305, 1, 1"})
  void of_outOfRangeParameters_isRejected(int memoryKib, int iterations, int parallelism) {
    assertThatThrownBy(() -> Argon2idHasher.of(memoryKib, iterations, parallelism))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_showsParametersOnly() {
    assertThat(Argon2idHasher.withDefaults().toString())
        .isEqualTo("Argon2idHasher[m=65536, t=3, p=4]");
  }
}
