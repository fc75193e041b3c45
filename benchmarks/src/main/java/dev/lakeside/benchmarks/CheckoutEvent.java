package dev.lakeside.benchmarks;

import dev.lakeside.annotations.Column;
import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The benchmarks' record: ten components of mixed types, compiled by the Lakeside processor in this module
 * ({@code CheckoutEventTableModel} is generated next to it).
 */
@LakehouseTable(name = "checkout_events")
public record CheckoutEvent(
        @EventId UUID eventId,
        String userId,
        long sequence,
        int durationMs,
        double score,
        Instant occurredAt,
        @Column(type = "DECIMAL(18,4)") BigDecimal amount,
        boolean converted,
        List<String> tags,
        Channel channel) {

    /** Where the checkout happened. */
    public enum Channel {
        WEB,
        IOS,
        ANDROID,
        EMAIL
    }

    private static final List<List<String>> TAGS =
            List.of(List.of(), List.of("promo"), List.of("promo", "returning"), List.of("gift", "express", "eu"));

    /** A deterministic, varied event; {@code eventId} as given (null lets the writer fill a UUIDv7). */
    static CheckoutEvent sample(long i, UUID eventId) {
        return new CheckoutEvent(
                eventId,
                "user-" + (i * 7919 % 50_000),
                i,
                (int) (i * 31 % 10_000),
                (i % 1000) / 8.0,
                Instant.ofEpochSecond(1_700_000_000L + i * 37, (i % 1_000_000) * 1000),
                BigDecimal.valueOf(i * 1237 % 10_000_000, 2),
                i % 3 == 0,
                TAGS.get((int) (i % TAGS.size())),
                Channel.values()[(int) (i % 4)]);
    }

    /** A fixed event id for sample {@code i}, so that writer baselines write the same bytes. */
    static UUID id(long i) {
        return new UUID(0x018f_0000_7000_0000L | i, 0x8000_0000_0000_0000L | i * 0x9E37_79B9L);
    }
}
