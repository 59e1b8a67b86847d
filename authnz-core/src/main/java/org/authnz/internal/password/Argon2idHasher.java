package org.authnz.internal.password;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.authnz.spi.PasswordHash;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes and verifies passwords with Argon2id (Bouncy Castle), in PHC string form.
 *
 * <p>New hashes use the current parameters: by default the RFC 9106 "second recommended"
 * (low-memory) profile, memory 65536 KiB, 3 passes, 4 lanes, a 16-byte salt and a 32-byte hash, as
 * {@code spec/actions-passwords-email.md} section 1.1 requires. Verification takes variant
 * (argon2id, argon2i, argon2d), version, memory, passes, lanes, salt and hash length from the
 * stored string, so hashes of either argon2-cffi parameter set verify.
 *
 * <p>Every password is first cut to its first {@value #MAX_PASSWORD_CODE_POINTS} code points, as
 * every reference action does before hashing or verifying, and then encoded as UTF-8.
 *
 * <p><b>Security:</b> hashes are compared in constant time; a malformed stored string simply does
 * not verify. Passwords, salts and hashes never appear in exceptions or logs. Stored strings beyond
 * sanity bounds (memory over 4 GiB, more than 65536 passes) are treated as malformed.
 *
 * <p>Thread-safe. Hashes and verifications of all instances together hold at most {@code
 * MEMORY_BUDGET_KIB} of Argon2 memory at once (one default computation per processor, capped by the
 * heap); further callers wait their turn.
 */
public final class Argon2idHasher {

  /** Memory of the default profile, in KiB (64 MiB). */
  public static final int DEFAULT_MEMORY_KIB = 65_536;

  /** Passes of the default profile. */
  public static final int DEFAULT_ITERATIONS = 3;

  /** Lanes of the default profile. */
  public static final int DEFAULT_PARALLELISM = 4;

  /** Length of every new salt, in bytes. */
  public static final int SALT_BYTES = 16;

  /** Length of every new hash, in bytes. */
  public static final int HASH_BYTES = 32;

  /** Passwords are cut to this many code points before hashing and verifying. */
  public static final int MAX_PASSWORD_CODE_POINTS = 256;

  private static final int DUMMY_PASSWORD_BYTES = 32;

  /** Heap kept free of Argon2 memory for everything else, in KiB. */
  private static final long HEAP_RESERVE_KIB = 48 * 1024;

  /**
   * The Argon2 memory, in KiB, that computations may hold at once: one default computation per
   * processor (more at once would finish no sooner, each keeps a processor busy), but no more than
   * the heap has beyond {@link #HEAP_RESERVE_KIB}, and at least one default computation.
   */
  static final int MEMORY_BUDGET_KIB =
      (int)
          Math.max(
              DEFAULT_MEMORY_KIB,
              Math.min(
                  (long) Runtime.getRuntime().availableProcessors() * DEFAULT_MEMORY_KIB,
                  Runtime.getRuntime().maxMemory() / 1024 - HEAP_RESERVE_KIB));

  /**
   * Each computation takes its memory in KiB from here (at most the whole budget, so a stored hash
   * of any size still runs, alone) and waits while the budget is spent: the heap never has to hold
   * more Argon2 memory than that. Fair, so no request waits forever.
   */
  private static final Semaphore MEMORY = new Semaphore(MEMORY_BUDGET_KIB, true);

  private static final Argon2idHasher DEFAULTS =
      new Argon2idHasher(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);

  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  private final SecureRandom random = new SecureRandom();

  private Argon2idHasher(int memoryKib, int iterations, int parallelism) {
    this.memoryKib = memoryKib;
    this.iterations = iterations;
    this.parallelism = parallelism;
  }

  /** A hasher with the configured default parameters. */
  public static Argon2idHasher withDefaults() {
    return DEFAULTS;
  }

  /**
   * A hasher with other current parameters (16-byte salt and 32-byte hash stay fixed).
   *
   * @param memoryKib memory in KiB, at least 8 × {@code parallelism}, at most 4 GiB
   * @param iterations passes, 1 to 65536
   * @param parallelism lanes, 1 to 2<sup>24</sup> − 1
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public static Argon2idHasher of(int memoryKib, int iterations, int parallelism) {
    if (parallelism < 1 || parallelism > Argon2Phc.MAX_PARALLELISM) {
      throw new IllegalArgumentException("parallelism out of range: " + parallelism);
    }
    if (iterations < 1 || iterations > Argon2Phc.MAX_ITERATIONS) {
      throw new IllegalArgumentException("iterations out of range: " + iterations);
    }
    if (memoryKib < 8L * parallelism || memoryKib > Argon2Phc.MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("memory (KiB) out of range: " + memoryKib);
    }
    return new Argon2idHasher(memoryKib, iterations, parallelism);
  }

  /** The memory of new hashes, in KiB. */
  public int memoryKib() {
    return memoryKib;
  }

  /** The passes of new hashes. */
  public int iterations() {
    return iterations;
  }

  /** The lanes of new hashes. */
  public int parallelism() {
    return parallelism;
  }

  /** Hashes a password with fresh random salt and the current parameters. */
  public PasswordHash hash(String password) {
    requireNonNull(password, "password");
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);

    byte[] hash =
        compute(
            Argon2Parameters.ARGON2_id,
            Argon2Parameters.ARGON2_VERSION_13,
            memoryKib,
            iterations,
            parallelism,
            salt,
            password,
            HASH_BYTES);
    Argon2Phc phc =
        new Argon2Phc(
            Argon2Parameters.ARGON2_id,
            Argon2Parameters.ARGON2_VERSION_13,
            memoryKib,
            iterations,
            parallelism,
            salt,
            hash);
    Arrays.fill(hash, (byte) 0);
    return PasswordHash.of(phc.encode());
  }

  /**
   * Hashes a random password nobody knows, with the current parameters. Verifying anything against
   * it fails but costs as much as a real verification, which evens out the time of logins for
   * unknown users.
   */
  public PasswordHash dummyHash() {
    byte[] secret = new byte[DUMMY_PASSWORD_BYTES];
    random.nextBytes(secret);
    String password = Base64.getEncoder().encodeToString(secret);
    Arrays.fill(secret, (byte) 0);
    return hash(password);
  }

  /**
   * Verifies a password against an encoded hash, taking the parameters from the hash. A malformed
   * hash verifies as false.
   */
  public boolean verify(String password, PasswordHash hash) {
    requireNonNull(password, "password");
    requireNonNull(hash, "hash");
    Optional<Argon2Phc> parsed = Argon2Phc.parse(hash.reveal());
    if (parsed.isEmpty()) {
      return false;
    }

    Argon2Phc stored = parsed.get();
    byte[] expected = stored.hash();
    byte[] actual =
        compute(
            stored.type(),
            stored.version(),
            stored.memoryKib(),
            stored.iterations(),
            stored.parallelism(),
            stored.salt(),
            password,
            expected.length);
    boolean matches = MessageDigest.isEqual(expected, actual);
    Arrays.fill(expected, (byte) 0);
    Arrays.fill(actual, (byte) 0);
    return matches;
  }

  /**
   * Whether the hash was made with other parameters than the current ones: variant, version,
   * memory, passes, lanes, salt length or hash length ({@code spec/actions-passwords-email.md}
   * section 1.4). A malformed hash needs a rehash.
   */
  public boolean needsRehash(PasswordHash hash) {
    requireNonNull(hash, "hash");
    Optional<Argon2Phc> parsed = Argon2Phc.parse(hash.reveal());
    if (parsed.isEmpty()) {
      return true;
    }

    Argon2Phc stored = parsed.get();
    return stored.type() != Argon2Parameters.ARGON2_id
        || stored.version() != Argon2Parameters.ARGON2_VERSION_13
        || stored.memoryKib() != memoryKib
        || stored.iterations() != iterations
        || stored.parallelism() != parallelism
        || stored.saltLength() != SALT_BYTES
        || stored.hashLength() != HASH_BYTES;
  }

  private static byte[] compute(
      int type,
      int version,
      int memoryKib,
      int iterations,
      int parallelism,
      byte[] salt,
      String password,
      int hashLength) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(type)
            .withVersion(version)
            .withMemoryAsKB(memoryKib)
            .withIterations(iterations)
            .withParallelism(parallelism)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);

    byte[] passwordBytes =
        PythonText.truncate(password, MAX_PASSWORD_CODE_POINTS).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[hashLength];
    int weight = Math.min(memoryKib, MEMORY_BUDGET_KIB);
    MEMORY.acquireUninterruptibly(weight);
    try {
      generator.generateBytes(passwordBytes, out);
    } finally {
      MEMORY.release(weight);
      Arrays.fill(passwordBytes, (byte) 0);
      parameters.clear();
    }
    return out;
  }

  @Override
  public String toString() {
    return "Argon2idHasher[m=" + memoryKib + ", t=" + iterations + ", p=" + parallelism + "]";
  }
}
