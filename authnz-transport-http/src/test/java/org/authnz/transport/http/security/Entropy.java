package org.authnz.transport.http.security;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Random;

/**
 * Where generated requests get their choices from: the fuzzer's input (coverage-guided) or a seeded
 * {@link Random} (the bounded property run).
 */
interface Entropy {

  /** A number in {@code [0, bound)}. */
  int pick(int bound);

  /** A string of at most {@code maxLength} characters, any code points. */
  String text(int maxLength);

  /** At most {@code maxLength} bytes. */
  byte[] bytes(int maxLength);

  static Entropy of(FuzzedDataProvider data) {
    return new Entropy() {
      @Override
      public int pick(int bound) {
        return data.consumeInt(0, bound - 1);
      }

      @Override
      public String text(int maxLength) {
        return data.consumeString(maxLength);
      }

      @Override
      public byte[] bytes(int maxLength) {
        return data.consumeBytes(maxLength);
      }
    };
  }

  static Entropy of(Random random) {
    return new Entropy() {
      @Override
      public int pick(int bound) {
        return random.nextInt(bound);
      }

      @Override
      public String text(int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
          int kind = random.nextInt(10);
          if (kind < 6) {
            text.append((char) (' ' + random.nextInt(95)));
          } else if (kind < 8) {
            text.append((char) random.nextInt(0x800));
          } else if (kind < 9) {
            text.appendCodePoint(0x10000 + random.nextInt(0x100000));
          } else {
            text.append((char) (0xd800 + random.nextInt(0x800))); // unpaired surrogates too
          }
        }
        return text.toString();
      }

      @Override
      public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
      }
    };
  }
}
