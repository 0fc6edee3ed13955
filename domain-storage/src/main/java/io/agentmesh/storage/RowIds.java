package io.agentmesh.storage;

import java.security.SecureRandom;

/**
 * Ids for stored objects: a type prefix and a ULID (48-bit milliseconds, 80 random bits, Crockford base32), so ids
 * sort by creation time and serve as keyset pagination cursors, e.g. {@code usr_01JDX3S6W2Q8J9V7K4T5R3M2N1}.
 */
public final class RowIds {

  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private RowIds() {
  }

  public static String next(String prefix) {
    return prefix + "_" + ulid(System.currentTimeMillis());
  }

  static String ulid(long millis) {
    char[] out = new char[26];
    long time = millis;
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    byte[] random = new byte[10];
    RANDOM.nextBytes(random);
    long high = 0;
    long low = 0;
    for (int i = 0; i < 5; i++) {
      high = (high << 8) | (random[i] & 0xff);
      low = (low << 8) | (random[i + 5] & 0xff);
    }
    for (int i = 17; i >= 10; i--) {
      out[i] = ALPHABET[(int) (high & 31)];
      high >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = ALPHABET[(int) (low & 31)];
      low >>>= 5;
    }
    return new String(out);
  }
}
