package dev.lakeside.internal;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered UUIDs, version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits.
 * Within one millisecond, ids from one generator keep increasing (a 12-bit counter in {@code rand_a},
 * RFC 9562 §6.2 method 1), so they sort in creation order; the JVM shares one generator.
 *
 * <p>No lock: the millisecond and counter advance together by compare-and-set, and the 62 random
 * bits of {@code rand_b} come from a per-thread buffer that a {@link SecureRandom} refills in bulk.
 */
public final class UuidV7 {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final UuidV7 SHARED = new UuidV7();
    private static final int BUFFERED = 64;

    /** Random bits handed out one long at a time; refilled {@value #BUFFERED} at a time. */
    private static final class RandomBits {
        private final long[] bits = new long[BUFFERED];
        private int next = BUFFERED;

        long nextLong() {
            if (next == BUFFERED) {
                byte[] bytes = new byte[BUFFERED * Long.BYTES];
                RANDOM.nextBytes(bytes);
                ByteBuffer.wrap(bytes).asLongBuffer().get(bits);
                next = 0;
            }
            return bits[next++];
        }
    }

    private static final ThreadLocal<RandomBits> BITS = ThreadLocal.withInitial(RandomBits::new);

    /** The last ({@code millis << 12 | counter}) handed out. */
    private final AtomicLong last = new AtomicLong();

    UuidV7() {}

    /** A fresh UUIDv7 for the current time. */
    public static UUID next() {
        return SHARED.next(System.currentTimeMillis());
    }

    /** The Unix milliseconds a UUIDv7 was created at. */
    public static long millis(UUID uuid) {
        if (uuid.version() != 7) {
            throw new IllegalArgumentException(
                    "expected a version 7 UUID, found version " + uuid.version() + ": " + uuid);
        }
        return uuid.getMostSignificantBits() >>> 16;
    }

    UUID next(long nowMillis) {
        long start = (nowMillis & 0xFFFF_FFFF_FFFFL) << 12;
        long previous;
        long stamp;
        do {
            previous = last.get();
            // A new millisecond starts the counter at 0; within one it counts up, and an overflow borrows the next.
            stamp = Math.max(previous + 1, start);
        } while (!last.compareAndSet(previous, stamp));
        long high = (stamp >>> 12) << 16 | 0x7000L | (stamp & 0xFFF);
        long low = (BITS.get().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
