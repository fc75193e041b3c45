package dev.lakeside.samples;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Synthetic traffic of a small SaaS product over two weeks: visitors view pages, some sign up, some
 * customers order. Fully determined by the seed and the event count (a {@link SplittableRandom} and a
 * fixed start instant; never the clock), so every run, and the tests, see the same events.
 *
 * <p>Events come visitor by visitor, each visitor's in time order. Traffic grows 4 % a day and
 * halves at weekends; a visitor who saw {@code /pricing} signs up more often.
 */
final class EventGenerator {
    /** Midnight UTC of the first day (a Monday). */
    static final Instant START = Instant.parse("2026-11-02T00:00:00Z");

    static final int DAYS = 14;
    /** The instant after the last day; every event is before it. */
    static final Instant END = START.plus(Duration.ofDays(DAYS));

    private static final String[] LANDING = {"/", "/blog/lakehouse-101", "/docs/quickstart", "/features", "/pricing"};
    private static final int[] LANDING_WEIGHTS = {40, 20, 15, 15, 10};
    private static final String[] NEXT = {
        "/pricing", "/docs", "/features", "/docs/quickstart", "/changelog", "/blog/lakehouse-101", "/careers", "/"
    };
    private static final int[] NEXT_WEIGHTS = {25, 20, 20, 10, 10, 8, 4, 3};

    private final long seed;
    private final int events;
    private final double[] cumulativeDayWeights = new double[DAYS + 1];

    /**
     * @param seed the random seed
     * @param events how many events to make, at least 1
     */
    EventGenerator(long seed, int events) {
        if (events < 1) {
            throw new IllegalArgumentException("expected at least 1 event, found " + events);
        }
        this.seed = seed;
        this.events = events;
        for (int day = 0; day < DAYS; day++) {
            boolean weekend = day % 7 >= 5;
            double weight = (1 + 0.04 * day) * (weekend ? 0.5 : 1.0);
            cumulativeDayWeights[day + 1] = cumulativeDayWeights[day] + weight;
        }
    }

    int events() {
        return events;
    }

    long seed() {
        return seed;
    }

    /** Hands every event ({@link PageViewed}, {@link SignedUp}, {@link OrderPlaced}) to {@code sink}, in order. */
    void generate(Consumer<? super Record> sink) {
        SplittableRandom random = new SplittableRandom(seed);
        int emitted = 0;
        int visitors = 0;
        int customers = 0;
        int orders = 0;
        while (emitted < events) {
            String visitorId = String.format("v%06d", ++visitors);
            Instant at = arrival((double) emitted / events, random);
            int views = 1;
            while (views < 12 && random.nextDouble() < 0.55) {
                views++;
            }
            boolean sawPricing = false;
            for (int i = 0; i < views && emitted < events; i++) {
                String path = i == 0 ? pick(LANDING, LANDING_WEIGHTS, random) : pick(NEXT, NEXT_WEIGHTS, random);
                sawPricing |= path.equals("/pricing");
                int durationMs = 2_000 + random.nextInt(58_000);
                sink.accept(new PageViewed(null, visitorId, path, at, durationMs));
                emitted++;
                at = at.plusMillis(durationMs + random.nextInt(5_000));
            }
            if (emitted == events || random.nextDouble() >= (sawPricing ? 0.22 : 0.04)) {
                continue;
            }
            String customerId = String.format("c%05d", ++customers);
            double r = random.nextDouble();
            Plan plan = r < 0.6 ? Plan.FREE : r < 0.9 ? Plan.PRO : Plan.TEAM;
            at = at.plusSeconds(20 + random.nextInt(100));
            sink.accept(new SignedUp(null, visitorId, customerId, plan, at));
            emitted++;
            double buys = switch (plan) {
                case FREE -> 0.15;
                case PRO -> 0.55;
                case TEAM -> 0.8;
            };
            int count = random.nextDouble() < buys ? 1 + (random.nextDouble() < 0.3 ? 1 : 0) : 0;
            for (int i = 0; i < count && emitted < events; i++) {
                at = at.plusSeconds(60 + random.nextInt(600));
                long cents = switch (plan) {
                    case FREE -> 900 + random.nextInt(5_001);
                    case PRO -> 4_900 + random.nextInt(15_001);
                    case TEAM -> 19_900 + random.nextInt(80_001);
                };
                sink.accept(new OrderPlaced(
                        null,
                        String.format("o%06d", ++orders),
                        customerId,
                        BigDecimal.valueOf(cents, 2),
                        1 + random.nextInt(5),
                        at));
                emitted++;
            }
        }
    }

    /** The arrival of the visitor whose first event is at {@code fraction} of all events: days weighted by traffic. */
    private Instant arrival(double fraction, SplittableRandom random) {
        double target = fraction * cumulativeDayWeights[DAYS];
        int day = 0;
        while (day < DAYS - 1 && cumulativeDayWeights[day + 1] <= target) {
            day++;
        }
        double withinDay =
                (target - cumulativeDayWeights[day]) / (cumulativeDayWeights[day + 1] - cumulativeDayWeights[day]);
        // Spread visitors over the day (but leave the last hour for their sessions to end inside the day).
        long second = (long) (withinDay * 23 * 3600) + random.nextInt(60);
        return START.plus(Duration.ofDays(day)).plusSeconds(second);
    }

    private static String pick(String[] values, int[] weights, SplittableRandom random) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
        throw new AssertionError("weights " + Arrays.toString(weights));
    }
}
