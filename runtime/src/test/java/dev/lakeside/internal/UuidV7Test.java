package dev.lakeside.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {
    @Test
    void version7_variant2_carriesTheMillis() {
        UUID id = new UuidV7().next(1_700_000_000_123L);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(UuidV7.millis(id)).isEqualTo(1_700_000_000_123L);
    }

    @Test
    void idsOfOneJvmIncrease_evenWithinOneMillisecond() {
        UuidV7 generator = new UuidV7();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.next(1_800_000_000_000L));
        }
        for (int i = 1; i < ids.size(); i++) {
            // UUIDv7 order is the unsigned order of the high 64 bits here (the counter lives there).
            assertThat(Long.compareUnsigned(
                            ids.get(i).getMostSignificantBits(), ids.get(i - 1).getMostSignificantBits()))
                    .as("id %d", i)
                    .isPositive();
        }
    }

    @Test
    void randomBits_differBetweenIdsAndThreads() throws InterruptedException {
        Set<Long> bits = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            bits.add(UuidV7.next().getLeastSignificantBits());
        }
        Thread other = new Thread(() -> {
            for (int i = 0; i < 10_000; i++) {
                synchronized (bits) {
                    bits.add(UuidV7.next().getLeastSignificantBits());
                }
            }
        });
        other.start();
        other.join();
        assertThat(bits).hasSize(20_000);
        // 62 random bits: each of them is set in about half the ids.
        for (int bit = 0; bit < 62; bit++) {
            long mask = 1L << bit;
            assertThat(bits.stream().filter(b -> (b & mask) != 0).count())
                    .as("bit %d", bit)
                    .isBetween(9_000L, 11_000L);
        }
    }

    @Test
    void millisRejectsOtherVersions() {
        assertThatThrownBy(() -> UuidV7.millis(UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected a version 7 UUID, found version 4");
    }
}
