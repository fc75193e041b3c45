package dev.lakeside.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs, version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits.
 * Within one millisecond, ids from one JVM keep increasing (a 12-bit counter in {@code rand_a},
 * RFC 9562 §6.2 method 1), so they sort in creation order.
 */
public final class UuidV7 {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final UuidV7 SHARED = new UuidV7();

  private long lastMillis = -1;
  private int counter;

  UuidV7() {}

  /** A fresh UUIDv7 for the current time. */
  public static UUID next() {
    return SHARED.next(System.currentTimeMillis());
  }

  /** The Unix milliseconds a UUIDv7 was created at. */
  public static long millis(UUID uuid) {
    if (uuid.version() != 7) {
      throw new IllegalArgumentException("expected a version 7 UUID, found version " + uuid.version() + ": " + uuid);
    }
    return uuid.getMostSignificantBits() >>> 16;
  }

  synchronized UUID next(long nowMillis) {
    if (nowMillis > lastMillis) {
      lastMillis = nowMillis;
      counter = RANDOM.nextInt(1 << 11);   // leaves room to count up within the millisecond
    } else if (++counter >= (1 << 12)) {
      lastMillis++;                        // the counter overflowed: borrow the next millisecond
      counter = 0;
    }
    long high = (lastMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
    long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low);
  }
}
