package org.authnz.internal.password;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Argon2 hash in PHC string form: {@code $<variant>[$v=<version>]$m=<KiB>,t=<passes>,
 * p=<lanes>$<salt>$<hash>}, salt and hash in standard base64 without padding ({@code
 * spec/actions-passwords-email.md} sections 1.2 and 1.3).
 *
 * <p>Not a record: salt and hash must not reach a {@code toString}. Immutable apart from the arrays
 * it hands out copies of; thread-safe.
 */
final class Argon2Phc {

  /** Argon2's own minimum salt length in bytes. */
  static final int MIN_SALT_BYTES = 8;

  /** Argon2's own minimum tag (hash) length in bytes. */
  static final int MIN_HASH_BYTES = 4;

  // Bounds beyond which a stored string is treated as malformed instead of being computed: a
  // corrupt or planted row must not make a verification allocate or run without limit.
  static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  static final int MAX_ITERATIONS = 1 << 16;
  static final int MAX_PARALLELISM = (1 << 24) - 1;
  private static final int MAX_BYTES = 1024;

  private static final Pattern FORMAT =
      Pattern.compile(
          "\\$(argon2id|argon2i|argon2d)(?:\\$v=([0-9]{1,10}))?"
              + "\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,10})"
              + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

  private final int type;
  private final int version;
  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final byte[] salt;
  private final byte[] hash;

  Argon2Phc(
      int type,
      int version,
      int memoryKib,
      int iterations,
      int parallelism,
      byte[] salt,
      byte[] hash) {
    this.type = type;
    this.version = version;
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
    this.salt = salt.clone();
    this.hash = hash.clone();
  }

  /** Parses an encoded hash; empty when it is malformed or outside the sanity bounds. */
  static Optional<Argon2Phc> parse(String encoded) {
    Matcher m = FORMAT.matcher(encoded);
    if (!m.matches()) {
      return Optional.empty();
    }

    int type = typeOf(m.group(1));
    long version =
        m.group(2) == null ? Argon2Parameters.ARGON2_VERSION_10 : Long.parseLong(m.group(2));
    long memory = Long.parseLong(m.group(3));
    long iterations = Long.parseLong(m.group(4));
    long parallelism = Long.parseLong(m.group(5));
    if (version != Argon2Parameters.ARGON2_VERSION_10
        && version != Argon2Parameters.ARGON2_VERSION_13) {
      return Optional.empty();
    }
    if (parallelism < 1
        || parallelism > MAX_PARALLELISM
        || iterations < 1
        || iterations > MAX_ITERATIONS
        || memory < 8 * parallelism
        || memory > MAX_MEMORY_KIB) {
      return Optional.empty();
    }

    byte[] salt = decode(m.group(6));
    byte[] hash = decode(m.group(7));
    if (salt == null
        || hash == null
        || salt.length < MIN_SALT_BYTES
        || hash.length < MIN_HASH_BYTES
        || salt.length > MAX_BYTES
        || hash.length > MAX_BYTES) {
      return Optional.empty();
    }
    return Optional.of(
        new Argon2Phc(
            type, (int) version, (int) memory, (int) iterations, (int) parallelism, salt, hash));
  }

  /** The PHC string of these parameters, salt and hash. */
  String encode() {
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return "$"
        + variantName()
        + (version == Argon2Parameters.ARGON2_VERSION_10 ? "" : "$v=" + version)
        + "$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(hash);
  }

  /** Bouncy Castle's type constant ({@link Argon2Parameters#ARGON2_id} and so on). */
  int type() {
    return type;
  }

  int version() {
    return version;
  }

  int memoryKib() {
    return memoryKib;
  }

  int iterations() {
    return iterations;
  }

  int parallelism() {
    return parallelism;
  }

  int saltLength() {
    return salt.length;
  }

  int hashLength() {
    return hash.length;
  }

  byte[] salt() {
    return salt.clone();
  }

  byte[] hash() {
    return hash.clone();
  }

  private String variantName() {
    return switch (type) {
      case Argon2Parameters.ARGON2_d -> "argon2d";
      case Argon2Parameters.ARGON2_i -> "argon2i";
      default -> "argon2id";
    };
  }

  private static int typeOf(String variant) {
    return switch (variant) {
      case "argon2d" -> Argon2Parameters.ARGON2_d;
      case "argon2i" -> Argon2Parameters.ARGON2_i;
      default -> Argon2Parameters.ARGON2_id;
    };
  }

  private static byte @Nullable [] decode(String base64) {
    // Unpadded standard base64 never has a length of 1 modulo 4.
    if (base64.length() % 4 == 1) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "Argon2Phc["
        + variantName()
        + ", v="
        + version
        + ", m="
        + memoryKib
        + ", t="
        + iterations
        + ", p="
        + parallelism
        + ", salt and hash redacted]";
  }
}
