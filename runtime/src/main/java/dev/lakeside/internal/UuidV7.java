package dev.lakeside.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-ordered UUIDs, version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits.
 * Within one millisecond, ids from one generator keep increasing (a 12-bit counter in {@code rand_a},
 * RFC 9562 §6.2 method 1), so they sort in creation order; the JVM shares one generator.
 *
 * <p>No lock: the millisecond and counter advance together by compare-and-set, and the 62 random
 * bits of {@code rand_b} come from a per-thread CSPRNG: AES-256 in counter mode under a key and counter
 * drawn from {@link SecureRandom} (the construction of NIST SP 800-90A's CTR_DRBG), a few ns per id with
 * AES instructions where {@code SecureRandom}'s default takes ~80 ns per 8 bytes.
 */
public final class UuidV7 {
    private static final SecureRandom SEED = new SecureRandom();
    private static final UuidV7 SHARED = new UuidV7();
    private static final int BUFFERED_BYTES = 512;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Random bits handed out one long at a time; the keystream is refilled {@value #BUFFERED_BYTES} bytes at a time. */
    private static final class RandomBits {
        private final Cipher keystream;
        private final byte[] zeros = new byte[BUFFERED_BYTES];
        private final byte[] bytes = new byte[BUFFERED_BYTES];
        private int next = BUFFERED_BYTES;

        RandomBits() {
            byte[] key = new byte[32];
            byte[] counter = new byte[16];
            SEED.nextBytes(key);
            SEED.nextBytes(counter);
            try {
                keystream = Cipher.getInstance("AES/CTR/NoPadding");
                keystream.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/CTR/NoPadding is required of every Java platform", e);
            }
        }

        long nextLong() {
            if (next == BUFFERED_BYTES) {
                try {
                    keystream.update(zeros, 0, BUFFERED_BYTES, bytes, 0);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
                next = 0;
            }
            long bits = (long) LONGS.get(bytes, next);
            next += Long.BYTES;
            return bits;
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
