package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.lakeside.client.TableRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Random traffic, server answers and flushes over two tables, with a queue small enough to evict:
 * every loss is reported by exactly one of a sequence of flushes, a flush fails exactly when it
 * reports a loss, and the counters always add up.
 */
class FlushAccountingPropertyTest {
    private static final TableRef[] TABLES = {new TableRef("memory", "main", "a"), new TableRef("memory", "main", "b")};

    @Test
    void everyLossIsReportedByOneFlushAndOnlyLossesFailAFlush() {
        qt().withExamples(200)
                .withShrinkCycles(30)
                .forAll(lists().of(integers().between(0, 99)).ofSizeBetween(1, 300), longs().all())
                .checkAssert(FlushAccountingPropertyTest::run);
    }

    private static void run(List<Integer> ops, long seed) {
        ManualScheduler scheduler = new ManualScheduler();
        SplittableRandom answers = new SplittableRandom(seed);
        FullPolicy policy = (seed & 1) == 0 ? FullPolicy.dropOldest() : FullPolicy.dropNewest();
        TrackerConfig config = TrackerConfig.builder()
                .scheduler(scheduler)
                .ticker(scheduler.ticker())
                .shutdownHook(false)
                .maxQueueBytes(1024)
                .maxBatchRows(8)
                .linger(Duration.ofMillis(5))
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(40))
                .deliveryTimeout(Duration.ofSeconds(2))
                .fullPolicy(policy)
                .build();
        Pipeline pipeline = new Pipeline(config, (table, body, rows) -> {
            int answer = answers.nextInt(10);
            Pipeline.SendResult result = switch (answer) {
                case 0 -> new Pipeline.SendResult.Rejected("invalid-data", "bad row");
                case 1 -> new Pipeline.SendResult.Failed(DeadLetter.Reason.CLIENT_ERROR, "400", null);
                case 2, 3 -> new Pipeline.SendResult.Retry(null, new java.io.IOException("reset"));
                case 4 -> new Pipeline.SendResult.TooLarge("413");
                default -> new Pipeline.SendResult.Stored();
            };
            return CompletableFuture.completedFuture(result);
        });
        long reportedLosses = 0;
        long reportedStored = 0;
        int id = 0;
        for (int op : ops) {
            if (op < 70) {
                pipeline.offer(TABLES[op % 2], ("{\"id\":" + id++ + "}").getBytes(StandardCharsets.UTF_8), null);
            } else if (op < 85) {
                scheduler.advance(Duration.ofMillis(op - 70));
            } else {
                CompletableFuture<FlushResult> flushed = pipeline.flush();
                for (int i = 0; i < 1000 && !flushed.isDone(); i++) {
                    scheduler.advance(Duration.ofMillis(10));
                }
                FlushResult result = outcome(flushed);
                reportedLosses += result.deadLettered() + result.dropped();
                reportedStored += result.stored();
            }
            TrackerStats stats = pipeline.stats();
            assertThat(stats.accepted()).isEqualTo(stats.sent() + stats.dropped() + stats.failed() + stats.pending());
        }
        pipeline.close(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(2));
        CompletableFuture<FlushResult> lastFlush = pipeline.flush();
        scheduler.runDue();
        FlushResult last = outcome(lastFlush);
        reportedLosses += last.deadLettered() + last.dropped();
        TrackerStats stats = pipeline.stats();
        assertThat(stats.pending()).isZero();
        assertThat(reportedLosses).isEqualTo(stats.failed() + stats.dropped());
        assertThat(reportedStored).isLessThanOrEqualTo(stats.sent());
    }

    /** The result a flush carries, checking that it failed exactly when it counted a loss. */
    private static FlushResult outcome(CompletableFuture<FlushResult> flushed) {
        assertThat(flushed).as("a flush completes once its rows are resolved").isDone();
        try {
            FlushResult result = flushed.join();
            assertThat(result.allStored()).isTrue();
            return result;
        } catch (CompletionException e) {
            FlushResult result = ((FlushException) e.getCause()).result();
            assertThat(result.allStored()).isFalse();
            return result;
        }
    }
}
