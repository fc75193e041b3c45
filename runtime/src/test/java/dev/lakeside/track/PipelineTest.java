package dev.lakeside.track;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lakeside.client.TableRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private static final TableRef EVENTS = new TableRef("memory", "main", "events");
    private static final TableRef ORDERS = new TableRef("memory", "main", "orders");
    private static final JsonFactory JSON = new JsonFactory();

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Sent> requests = new CopyOnWriteArrayList<>();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private Function<Sent, Pipeline.SendResult> server = sent -> new Pipeline.SendResult.Stored();

    record Sent(TableRef table, List<Integer> ids, long at, boolean[] stored) {
        Sent(TableRef table, List<Integer> ids, long at) {
            this(table, ids, at, new boolean[1]);
        }
    }

    private TrackerConfig.Builder config() {
        return TrackerConfig.builder()
                .scheduler(scheduler)
                .ticker(scheduler.ticker())
                .shutdownHook(false)
                .listener(new TrackerListener() {
                    @Override
                    public void onDeadLetter(DeadLetter deadLetter) {
                        deadLetters.add(deadLetter);
                    }
                });
    }

    private Pipeline pipeline(TrackerConfig config) {
        return new Pipeline(config, (table, body, rows) -> {
            Sent sent = new Sent(table, ids(body), scheduler.now());
            assertThat(sent.ids()).hasSize(rows);
            requests.add(sent);
            Pipeline.SendResult result = server.apply(sent);
            sent.stored()[0] = result instanceof Pipeline.SendResult.Stored;
            return CompletableFuture.completedFuture(result);
        });
    }

    private static byte[] row(int id) {
        return ("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Integer> ids(byte[] body) {
        List<Integer> ids = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                parser.nextToken();
                parser.nextToken();
                ids.add(parser.getIntValue());
                parser.nextToken();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private static void assertIdentity(TrackerStats stats) {
        assertThat(stats.accepted()).isEqualTo(stats.sent() + stats.dropped() + stats.failed() + stats.pending());
    }

    private List<Integer> sentIds(TableRef table) {
        List<Integer> ids = new ArrayList<>();
        requests.stream().filter(r -> r.table().equals(table) && r.stored()[0]).forEach(r -> ids.addAll(r.ids()));
        return ids;
    }

    @Test
    void fullBatchesGoAtOnceAndTheRestAfterLinger() {
        Pipeline pipeline = pipeline(config().maxBatchRows(1000).build());
        for (int i = 0; i < 2500; i++) {
            assertThat(pipeline.offer(EVENTS, row(i), null)).isEqualTo(TrackResult.ACCEPTED);
        }
        scheduler.runDue();
        assertThat(requests).extracting(r -> r.ids().size()).containsExactly(1000, 1000);
        scheduler.advance(Duration.ofMillis(999));
        assertThat(requests).hasSize(2);
        scheduler.advance(Duration.ofMillis(1));
        assertThat(requests).extracting(r -> r.ids().size()).containsExactly(1000, 1000, 500);
        assertThat(requests.get(2).at() - requests.get(0).at())
                .isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(pipeline.stats().sent()).isEqualTo(2500);
        assertThat(pipeline.stats().sentBatches()).isEqualTo(3);
        assertThat(scheduler.pending()).as("an idle pipeline schedules nothing").isZero();
    }

    @Test
    void batchesRespectTheByteLimit() {
        Pipeline pipeline =
                pipeline(config().maxBatchBytes(100).linger(Duration.ZERO).build());
        for (int i = 10; i < 40; i++) {
            pipeline.offer(EVENTS, row(i), null);
        }
        scheduler.runDue();
        assertThat(sentIds(EVENTS)).hasSize(30);
        for (Sent sent : requests) {
            int size = 2 + sent.ids().size() * 9 - 1;
            assertThat(size).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void oversizeRowsAreRefusedAtOnce() {
        Pipeline pipeline = pipeline(config().maxBatchBytes(64).build());
        byte[] big = ("{\"s\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(pipeline.offer(EVENTS, big, null)).isEqualTo(TrackResult.REJECTED_OVERSIZE);
        assertThat(pipeline.stats().rejectedOversize()).isEqualTo(1);
        assertThat(pipeline.stats().accepted()).isZero();
    }

    @Test
    void dropNewestRefusesWhenFullAndKeepsTheIdentity() {
        Pipeline pipeline = pipeline(config().maxQueueBytes(1024).build());
        int accepted = 0;
        for (int i = 0; i < 300; i++) {
            if (pipeline.offer(EVENTS, row(i), null).accepted()) {
                accepted++;
            }
            assertIdentity(pipeline.stats());
        }
        TrackerStats stats = pipeline.stats();
        assertThat(stats.refusedQueueFull()).isEqualTo(300 - accepted);
        assertThat(stats.queueBytes()).isLessThanOrEqualTo(1024);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(sentIds(EVENTS)).hasSize(accepted).isSorted();
        assertIdentity(pipeline.stats());
    }

    @Test
    void dropOldestEvictsTheHeadOfTheQueue() {
        List<Integer> dropped = new CopyOnWriteArrayList<>();
        Pipeline pipeline = pipeline(
                config().maxQueueBytes(1024).fullPolicy(FullPolicy.dropOldest()).build());
        for (int i = 100; i < 400; i++) {
            assertThat(pipeline.offer(EVENTS, row(i), null)).isEqualTo(TrackResult.ACCEPTED);
            assertIdentity(pipeline.stats());
        }
        TrackerStats stats = pipeline.stats();
        assertThat(stats.dropped()).isPositive();
        scheduler.advance(Duration.ofSeconds(1));
        List<Integer> ids = sentIds(EVENTS);
        assertThat(ids).isSorted().endsWith(399);
        assertThat(ids.get(0)).isEqualTo(100 + (int) stats.dropped());
        assertThat(pipeline.stats().sent() + pipeline.stats().dropped()).isEqualTo(300);
        assertThat(dropped).isEmpty();
    }

    @Test
    void retryAfterPausesAllSendingAndOnlyOneProbeGoesDuringAnOutage() {
        int[] calls = {0};
        server = sent -> ++calls[0] <= 3
                ? new Pipeline.SendResult.Retry(Duration.ofSeconds(2), new java.io.IOException("503"))
                : new Pipeline.SendResult.Stored();
        Pipeline pipeline = pipeline(config().linger(Duration.ZERO).build());
        pipeline.offer(EVENTS, row(1), null);
        pipeline.offer(ORDERS, row(2), null);
        scheduler.runDue();
        assertThat(requests).hasSize(2);
        long failedAt = scheduler.now();
        scheduler.advance(Duration.ofMillis(1999));
        assertThat(requests).as("nothing before Retry-After").hasSize(2);
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(requests.get(2).at() - failedAt)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(requests.get(3).at() - requests.get(2).at())
                .as("one probe per backoff period")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(requests).hasSize(5);
        assertThat(requests.get(4).at())
                .as("the backlog goes as soon as the probe succeeds")
                .isEqualTo(requests.get(3).at());
        assertThat(sentIds(EVENTS)).containsExactly(1);
        assertThat(sentIds(ORDERS)).containsExactly(2);
        assertThat(pipeline.stats().retried()).isEqualTo(3);
        assertThat(pipeline.stats().sent()).isEqualTo(2);
    }

    @Test
    void aPoisonRowIsIsolatedByBisection() {
        server = sent -> sent.ids().contains(437)
                ? new Pipeline.SendResult.Rejected("invalid-data", "bad value")
                : new Pipeline.SendResult.Stored();
        Pipeline pipeline = pipeline(config().build());
        for (int i = 0; i < 1000; i++) {
            pipeline.offer(EVENTS, row(i), null);
        }
        scheduler.runDue();
        List<Integer> stored = new ArrayList<>();
        requests.stream().filter(r -> !r.ids().contains(437)).forEach(r -> stored.addAll(r.ids()));
        assertThat(stored).hasSize(999).doesNotContain(437).isSorted();
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.INVALID_DATA);
            assertThat(letter.rowsAsText()).containsExactly("{\"id\":437}");
            assertThat(letter.message()).contains("invalid-data");
        });
        TrackerStats stats = pipeline.stats();
        assertThat(stats.sent()).isEqualTo(999);
        assertThat(stats.failed()).isEqualTo(1);
        assertIdentity(stats);
    }

    @Test
    void tooLargeSplitsUntilAccepted() {
        server = sent ->
                sent.ids().size() > 100 ? new Pipeline.SendResult.TooLarge("413") : new Pipeline.SendResult.Stored();
        Pipeline pipeline = pipeline(config().build());
        for (int i = 0; i < 1000; i++) {
            pipeline.offer(EVENTS, row(i), null);
        }
        scheduler.runDue();
        assertThat(pipeline.stats().sent()).isEqualTo(1000);
        List<Integer> stored = new ArrayList<>();
        requests.stream().filter(r -> r.ids().size() <= 100).forEach(r -> stored.addAll(r.ids()));
        assertThat(stored).hasSize(1000).isSorted();
    }

    @Test
    void finalErrorsDeadLetterTheBatch() {
        server = sent -> new Pipeline.SendResult.Failed(DeadLetter.Reason.CLIENT_ERROR, "400 bad request", null);
        Pipeline pipeline = pipeline(config().linger(Duration.ZERO).build());
        CompletableFuture<Void> ack = new CompletableFuture<>();
        pipeline.offer(EVENTS, row(7), ack);
        scheduler.runDue();
        assertThat(ack).isCompletedExceptionally();
        assertThat(deadLetters)
                .singleElement()
                .extracting(DeadLetter::reason)
                .isEqualTo(DeadLetter.Reason.CLIENT_ERROR);
        assertIdentity(pipeline.stats());
    }

    @Test
    void rowsAreGivenUpAfterTheDeliveryTimeout() {
        server = sent -> new Pipeline.SendResult.Retry(null, new java.net.ConnectException("refused"));
        Pipeline pipeline = pipeline(config().linger(Duration.ZERO)
                .deliveryTimeout(Duration.ofMinutes(1))
                .build());
        pipeline.offer(EVENTS, row(1), null);
        scheduler.advance(Duration.ofMinutes(2));
        assertThat(deadLetters)
                .singleElement()
                .extracting(DeadLetter::reason)
                .isEqualTo(DeadLetter.Reason.DELIVERY_TIMEOUT);
        assertThat(pipeline.stats().failed()).isEqualTo(1);
        assertThat(pipeline.stats().retried()).isBetween(3L, 200L);
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void orderPerTableSurvivesRetries() {
        int[] calls = {0};
        server = sent -> ++calls[0] % 3 == 1
                ? new Pipeline.SendResult.Retry(null, new java.io.IOException("reset"))
                : new Pipeline.SendResult.Stored();
        Pipeline pipeline =
                pipeline(config().maxBatchRows(10).linger(Duration.ZERO).build());
        for (int i = 0; i < 200; i++) {
            pipeline.offer(i % 2 == 0 ? EVENTS : ORDERS, row(i), null);
            scheduler.runDue();
        }
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(sentIds(EVENTS)).hasSize(100).isSorted();
        assertThat(sentIds(ORDERS)).hasSize(100).isSorted();
    }

    @Test
    void flushCutsAtOnceAndCompletesWhenRowsAreAcknowledged() {
        List<CompletableFuture<Pipeline.SendResult>> responses = new ArrayList<>();
        Pipeline pipeline = new Pipeline(config().build(), (table, body, rows) -> {
            requests.add(new Sent(table, ids(body), scheduler.now()));
            CompletableFuture<Pipeline.SendResult> response = new CompletableFuture<>();
            responses.add(response);
            return response;
        });
        assertThat(pipeline.flush()).isDone();
        pipeline.offer(EVENTS, row(1), null);
        CompletableFuture<FlushResult> flushed = pipeline.flush();
        scheduler.runDue();
        pipeline.offer(EVENTS, row(2), null);
        scheduler.runDue();
        assertThat(requests).singleElement().extracting(Sent::ids).isEqualTo(List.of(1));
        assertThat(flushed).isNotDone();
        responses.get(0).complete(new Pipeline.SendResult.Stored());
        scheduler.runDue();
        assertThat(flushed).isDone();
        assertThat(pipeline.stats().pending()).isEqualTo(1);
    }

    @Test
    void closeDrainsThenRefusesAndIsIdempotent() {
        Pipeline pipeline = pipeline(config().build());
        for (int i = 0; i < 10; i++) {
            pipeline.offer(EVENTS, row(i), null);
        }
        CompletableFuture<CloseReport> closed = pipeline.close(Duration.ofSeconds(5));
        scheduler.runDue();
        assertThat(closed).isDone();
        CloseReport report = closed.join();
        assertThat(report.drained()).isTrue();
        assertThat(report.stats().sent()).isEqualTo(10);
        assertThat(pipeline.close(Duration.ofSeconds(5))).isSameAs(closed);
        assertThat(pipeline.offer(EVENTS, row(11), null)).isEqualTo(TrackResult.CLOSED);
        assertThat(pipeline.stats().rejectedClosed()).isEqualTo(1);
    }

    @Test
    void closeGivesUpAtItsDeadlineAndReportsTheRest() {
        server = sent -> new Pipeline.SendResult.Retry(null, new java.net.ConnectException("refused"));
        Pipeline pipeline = pipeline(config().build());
        for (int i = 0; i < 5; i++) {
            pipeline.offer(EVENTS, row(i), null);
        }
        CompletableFuture<CloseReport> closed = pipeline.close(Duration.ofSeconds(3));
        scheduler.advance(Duration.ofSeconds(3));
        CloseReport report = closed.join();
        assertThat(report.drained()).isFalse();
        assertThat(report.undelivered()).isEqualTo(5);
        assertThat(deadLetters).extracting(DeadLetter::reason).containsOnly(DeadLetter.Reason.CLOSED);
        assertIdentity(report.stats());
        assertThat(report.stats().pending()).isZero();
    }

    /** Writes {@code Integer} records as {@code {"id":n}}, refusing the ids in {@code refused}, and counts its calls. */
    private static class IdEncoder implements Pipeline.RowEncoder {
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final Set<Integer> refused = ConcurrentHashMap.newKeySet();
        final int estimate;

        IdEncoder(int estimate) {
            this.estimate = estimate;
        }

        @Override
        public int deferredSize(Object record) {
            return estimate;
        }

        @Override
        public Object eventId(Object record) {
            return null;
        }

        @Override
        public byte[] encode(Object record, Object eventId) {
            threads.add(Thread.currentThread());
            int id = (Integer) record;
            if (refused.contains(id)) {
                throw new IllegalArgumentException("cannot encode id " + id + ": refused");
            }
            return row(id);
        }
    }

    @Test
    void deferredRowsAreWrittenWhenTheirBatchIsCutAndCountedAtTheirActualSize() {
        Pipeline pipeline = pipeline(config().maxBatchRows(100).build());
        IdEncoder encoder = new IdEncoder(4);
        for (int i = 10; i < 60; i++) {
            assertThat(pipeline.offer(EVENTS, null, i, encoder, null)).isEqualTo(TrackResult.ACCEPTED);
        }
        assertThat(encoder.threads).as("nothing written on the calling thread").isEmpty();
        assertThat(pipeline.stats().queueBytes()).as("counted at the estimate").isEqualTo(50 * 4);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(encoder.threads).hasSize(50);
        assertThat(sentIds(EVENTS))
                .containsExactlyElementsOf(IntStream.range(10, 60).boxed().toList());
        assertThat(pipeline.stats().sentBytes()).isEqualTo(2 + 50 * 9 + 49);
        assertThat(pipeline.stats().queueBytes())
                .as("released at the written size")
                .isZero();
        assertIdentity(pipeline.stats());
    }

    @Test
    void deferredAndWrittenRowsShareTheByteLimitAtTheirActualSizes() {
        Pipeline pipeline =
                pipeline(config().maxBatchBytes(100).maxBatchRows(1000).build());
        IdEncoder encoder = new IdEncoder(1);
        for (int i = 10; i < 40; i++) {
            if (i % 2 == 0) {
                pipeline.offer(EVENTS, null, i, encoder, null);
            } else {
                pipeline.offer(EVENTS, row(i), null);
            }
        }
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(sentIds(EVENTS))
                .containsExactlyElementsOf(IntStream.range(10, 40).boxed().toList());
        for (Sent sent : requests) {
            assertThat(2 + sent.ids().size() * 9 - 1).isLessThanOrEqualTo(100);
        }
        assertThat(pipeline.stats().queueBytes()).isZero();
    }

    @Test
    void whenAFullBatchIsWaitingTheCallerWritesItsRow() {
        Pipeline pipeline = pipeline(config().maxBatchRows(10).build());
        IdEncoder encoder = new IdEncoder(9);
        for (int i = 0; i < 10; i++) {
            pipeline.offer(EVENTS, null, i, encoder, null);
        }
        assertThat(encoder.threads).isEmpty();
        pipeline.offer(EVENTS, null, 10, encoder, null);
        assertThat(encoder.threads).containsExactly(Thread.currentThread());
        encoder.refused.add(11);
        assertThat(pipeline.offer(EVENTS, null, 11, encoder, null))
                .as("a row its writer refuses on the calling thread is rejected at once")
                .isEqualTo(TrackResult.REJECTED_INVALID);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(sentIds(EVENTS)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(pipeline.stats().rejectedInvalid()).isEqualTo(1);
        assertThat(pipeline.stats().queueBytes()).isZero();
        assertIdentity(pipeline.stats());
    }

    @Test
    void producersWriteTheirRowsWhileTheDispatcherIsBehind() {
        List<CompletableFuture<Pipeline.SendResult>> inFlight = new CopyOnWriteArrayList<>();
        Pipeline pipeline = new Pipeline(config().maxBatchRows(10).build(), (table, body, rows) -> {
            requests.add(new Sent(table, ids(body), scheduler.now(), new boolean[] {true}));
            CompletableFuture<Pipeline.SendResult> response = new CompletableFuture<>();
            inFlight.add(response);
            return response;
        });
        IdEncoder encoder = new IdEncoder(9);
        for (int i = 0; i < 15; i++) {
            pipeline.offer(EVENTS, null, i, encoder, null);
        }
        assertThat(encoder.threads).as("the five past a full batch").hasSize(5);
        scheduler.runDue();
        assertThat(requests).extracting(r -> r.ids().size()).containsExactly(10);
        pipeline.offer(EVENTS, null, 15, encoder, null);
        assertThat(encoder.threads)
                .as("its latest cut left half a batch: the caller writes")
                .hasSize(16)
                .containsOnly(Thread.currentThread());
        inFlight.get(0).complete(new Pipeline.SendResult.Stored());
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(requests).extracting(r -> r.ids().size()).containsExactly(10, 6);
        pipeline.offer(EVENTS, null, 16, encoder, null);
        assertThat(encoder.threads)
                .as("its latest cut left nothing: deferred again")
                .hasSize(16);
        inFlight.get(1).complete(new Pipeline.SendResult.Stored());
        scheduler.advance(Duration.ofSeconds(1));
        inFlight.get(2).complete(new Pipeline.SendResult.Stored());
        scheduler.runDue();
        assertThat(sentIds(EVENTS))
                .containsExactlyElementsOf(IntStream.range(0, 17).boxed().toList());
        assertThat(pipeline.stats().queueBytes()).isZero();
    }

    @Test
    void aDeferredRowThatCannotBeWrittenIsGivenUpAloneAndTheOthersAreSent() {
        Pipeline pipeline = pipeline(config().build());
        IdEncoder encoder = new IdEncoder(9);
        encoder.refused.add(2);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks.add(ack);
            assertThat(pipeline.offer(EVENTS, null, i, encoder, ack)).isEqualTo(TrackResult.ACCEPTED);
        }
        CompletableFuture<FlushResult> flush = pipeline.flush();
        scheduler.runDue();
        assertThat(sentIds(EVENTS)).containsExactly(1, 3);
        assertThat(acks.get(0)).isCompleted();
        assertThat(acks.get(2)).isCompleted();
        assertThat(acks.get(1)).isCompletedExceptionally();
        Throwable error = acks.get(1).handle((ignored, e) -> e).join();
        assertThat(error).isInstanceOf(DeliveryException.class);
        assertThat(((DeliveryException) error).reason()).isEqualTo(DeadLetter.Reason.INVALID_DATA);
        assertThat(error).hasMessageContaining("cannot encode id 2");
        assertThat(deadLetters).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo(DeadLetter.Reason.INVALID_DATA);
            assertThat(letter.rows()).as("no bytes to keep").isEmpty();
        });
        assertThat(flush).isCompletedExceptionally();
        assertThat(pipeline.stats().failed()).isEqualTo(1);
        assertThat(pipeline.stats().sent()).isEqualTo(2);
        assertThat(pipeline.stats().queueBytes()).isZero();
        assertIdentity(pipeline.stats());
    }

    @Test
    void aRowThatMightNotFitABatchIsWrittenAtOnceAndJudgedByItsWrittenSize() {
        Pipeline pipeline = pipeline(config().maxBatchBytes(100).build());
        IdEncoder encoder = new IdEncoder(20);
        assertThat(pipeline.offer(EVENTS, null, 1, encoder, null))
                .as("an estimate of 20 could be 120 bytes of escapes, but the row is 8")
                .isEqualTo(TrackResult.ACCEPTED);
        assertThat(encoder.threads).containsExactly(Thread.currentThread());

        IdEncoder padded = new IdEncoder(20) {
            @Override
            public byte[] encode(Object record, Object eventId) {
                super.encode(record, eventId);
                return ("{\"id\":" + record + ",\"pad\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
            }
        };
        assertThat(pipeline.offer(EVENTS, null, 2, padded, null)).isEqualTo(TrackResult.REJECTED_OVERSIZE);
        assertThat(padded.threads).containsExactly(Thread.currentThread());
        assertThat(pipeline.stats().rejectedOversize()).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(sentIds(EVENTS)).containsExactly(1);
        assertThat(pipeline.stats().queueBytes()).isZero();
    }

    @Test
    void trackAsyncCompletesOnTheServersConfirmation() {
        Pipeline pipeline = pipeline(config().build());
        CompletableFuture<Void> ack = new CompletableFuture<>();
        pipeline.offer(EVENTS, row(1), ack);
        scheduler.runDue();
        assertThat(ack).isNotDone();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(ack).isCompleted();
    }

    @Test
    void oldestPendingAgeIsReported() {
        Pipeline pipeline = pipeline(config().build());
        pipeline.offer(EVENTS, row(1), null);
        scheduler.advance(Duration.ofMillis(400));
        assertThat(pipeline.stats().oldestPendingAgeMillis()).isEqualTo(400);
        scheduler.advance(Duration.ofMillis(600));
        assertThat(pipeline.stats().oldestPendingAgeMillis()).isZero();
    }

    @Test
    void aFlushThatCoveredLostRowsFailsWithTheirCountsAndFirstCause() {
        IllegalStateException cause = new IllegalStateException("HTTP 400: bad table");
        server = sent -> sent.ids().contains(3)
                ? new Pipeline.SendResult.Failed(DeadLetter.Reason.CLIENT_ERROR, "400 bad table", cause)
                : new Pipeline.SendResult.Stored();
        Pipeline pipeline = pipeline(config().maxBatchRows(2).build());
        for (int i = 0; i < 6; i++) {
            pipeline.offer(EVENTS, row(i), null);
        }
        CompletableFuture<FlushResult> flushed = pipeline.flush();
        scheduler.runDue();
        assertThat(flushed).isCompletedExceptionally();
        FlushException failure = failure(flushed);
        assertThat(failure.result()).isEqualTo(new FlushResult(4, 2, 0));
        assertThat(failure.result().allStored()).isFalse();
        assertThat(failure.getMessage())
                .startsWith("2 row(s) tracked before flush() were not stored: 2 CLIENT_ERROR")
                .contains("400 bad table");
        assertThat(failure.getCause().table()).isEqualTo(EVENTS);
        assertThat(failure.getCause().reason()).isEqualTo(DeadLetter.Reason.CLIENT_ERROR);
        assertThat(failure.getCause().getCause()).isSameAs(cause);

        CompletableFuture<FlushResult> again = pipeline.flush();
        scheduler.runDue();
        assertThat(again).as("a loss is reported once").isCompletedWithValue(new FlushResult(0, 0, 0));
        pipeline.offer(EVENTS, row(10), null);
        CompletableFuture<FlushResult> next = pipeline.flush();
        scheduler.runDue();
        assertThat(next).isCompletedWithValue(new FlushResult(1, 0, 0));
    }

    @Test
    void lossesBeforeAFlushAreReportedByTheNextOne() {
        server = sent -> new Pipeline.SendResult.Rejected("invalid-data", "bad value");
        Pipeline pipeline = pipeline(config().linger(Duration.ZERO).build());
        pipeline.offer(EVENTS, row(1), null);
        scheduler.runDue();
        assertThat(pipeline.stats().failed())
                .as("dead-lettered before anyone flushed")
                .isEqualTo(1);
        CompletableFuture<FlushResult> flushed = pipeline.flush();
        scheduler.runDue();
        assertThat(failure(flushed).result()).isEqualTo(new FlushResult(0, 1, 0));
        assertThat(failure(flushed).getCause().reason()).isEqualTo(DeadLetter.Reason.INVALID_DATA);
    }

    @Test
    void everyFlushWaitingForALostRowReportsIt() {
        List<CompletableFuture<Pipeline.SendResult>> responses = new ArrayList<>();
        Pipeline pipeline = new Pipeline(config().build(), (table, body, rows) -> {
            CompletableFuture<Pipeline.SendResult> response = new CompletableFuture<>();
            responses.add(response);
            return response;
        });
        pipeline.offer(EVENTS, row(1), null);
        CompletableFuture<FlushResult> first = pipeline.flush();
        scheduler.runDue();
        pipeline.offer(EVENTS, row(2), null);
        CompletableFuture<FlushResult> second = pipeline.flush();
        scheduler.runDue();
        responses.get(0).complete(new Pipeline.SendResult.Failed(DeadLetter.Reason.CLIENT_ERROR, "gone", null));
        scheduler.runDue();
        assertThat(first).isCompletedExceptionally();
        assertThat(second).as("still waits for row 2").isNotDone();
        responses.get(1).complete(new Pipeline.SendResult.Stored());
        scheduler.runDue();
        assertThat(failure(second).result()).isEqualTo(new FlushResult(1, 1, 0));
    }

    @Test
    void aFlushWaitsForRowsInFlightEvenWhenLaterRowsAreEvicted() {
        List<CompletableFuture<Pipeline.SendResult>> responses = new ArrayList<>();
        Pipeline pipeline = new Pipeline(
                config().maxQueueBytes(1024).fullPolicy(FullPolicy.dropOldest()).build(), (table, body, rows) -> {
                    requests.add(new Sent(table, ids(body), scheduler.now()));
                    CompletableFuture<Pipeline.SendResult> response = new CompletableFuture<>();
                    responses.add(response);
                    return response;
                });
        for (int i = 0; i < 5; i++) {
            pipeline.offer(EVENTS, row(10 + i), null);
        }
        CompletableFuture<FlushResult> flushed = pipeline.flush();
        scheduler.runDue();
        assertThat(requests).singleElement().extracting(Sent::ids).isEqualTo(List.of(10, 11, 12, 13, 14));
        for (int i = 0; i < 200; i++) {
            assertThat(pipeline.offer(EVENTS, row(100 + i), null)).isEqualTo(TrackResult.ACCEPTED);
        }
        scheduler.runDue();
        assertThat(pipeline.stats().dropped()).isPositive();
        assertThat(flushed).as("the five rows in flight are not resolved yet").isNotDone();
        responses.get(0).complete(new Pipeline.SendResult.Stored());
        scheduler.runDue();
        assertThat(flushed)
                .as("rows evicted after the flush are not its rows")
                .isCompletedWithValue(new FlushResult(5, 0, 0));
        CompletableFuture<FlushResult> next = pipeline.flush();
        scheduler.runDue();
        responses.get(1).complete(new Pipeline.SendResult.Stored());
        scheduler.runDue();
        FlushException failure = failure(next);
        assertThat(failure.result().dropped()).isEqualTo(pipeline.stats().dropped());
        assertThat(failure.result().stored() + failure.result().dropped()).isEqualTo(200);
        assertThat(failure.getCause().reason()).isEqualTo(DeadLetter.Reason.QUEUE_FULL);
    }

    @Test
    void refusedCredentialsSurfaceInHealthStatsAndTheFirstFlush() {
        RuntimeException refused = new RuntimeException("HTTP 401: the credentials were rejected");
        server = sent -> new Pipeline.SendResult.Failed(DeadLetter.Reason.UNAUTHORIZED, "refused", refused);
        Pipeline pipeline = pipeline(config().build());
        assertThat(pipeline.health().state()).isEqualTo(TrackerHealth.State.OK);
        pipeline.offer(EVENTS, row(1), null);
        CompletableFuture<FlushResult> flushed = pipeline.flush();
        scheduler.runDue();
        FlushException failure = failure(flushed);
        assertThat(failure.getCause().reason()).isEqualTo(DeadLetter.Reason.UNAUTHORIZED);
        assertThat(failure.getCause().getCause()).isSameAs(refused);
        TrackerHealth health = pipeline.health();
        assertThat(health.state()).isEqualTo(TrackerHealth.State.UNAUTHORIZED);
        assertThat(health.lastError()).isSameAs(refused);
        assertThat(health.consecutiveFailures()).isEqualTo(1);
        assertThat(health.stats().unauthorized()).isEqualTo(1);
        assertThat(health.stats().failed()).isEqualTo(1);

        server = sent -> new Pipeline.SendResult.Stored();
        pipeline.offer(EVENTS, row(2), null);
        CompletableFuture<FlushResult> next = pipeline.flush();
        scheduler.runDue();
        assertThat(next).isCompletedWithValue(new FlushResult(1, 0, 0));
        assertThat(pipeline.health().state()).as("back once a request succeeds").isEqualTo(TrackerHealth.State.OK);
        assertThat(pipeline.health().consecutiveFailures()).isZero();
    }

    @Test
    void healthSaysRetryingDuringAnOutageAndClosedAfterClose() {
        java.net.ConnectException down = new java.net.ConnectException("refused");
        server = sent -> new Pipeline.SendResult.Retry(null, down);
        Pipeline pipeline = pipeline(config().linger(Duration.ZERO).build());
        pipeline.offer(EVENTS, row(1), null);
        scheduler.runDue();
        assertThat(pipeline.health().state()).isEqualTo(TrackerHealth.State.RETRYING);
        assertThat(pipeline.health().lastError()).isSameAs(down);
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(pipeline.health().consecutiveFailures()).isGreaterThan(1);
        CompletableFuture<FlushResult> flushed = pipeline.flush();
        pipeline.close(Duration.ofSeconds(1));
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(failure(flushed).getCause().reason()).isEqualTo(DeadLetter.Reason.CLOSED);
        assertThat(pipeline.health().state()).isEqualTo(TrackerHealth.State.CLOSED);
    }

    @Test
    void aFlushCalledAfterALossThatAPendingFlushSawReportsItToo() {
        List<CompletableFuture<Pipeline.SendResult>> responses = new ArrayList<>();
        Pipeline pipeline = new Pipeline(config().build(), (table, body, rows) -> {
            CompletableFuture<Pipeline.SendResult> response = new CompletableFuture<>();
            responses.add(response);
            return response;
        });
        pipeline.offer(EVENTS, row(1), null);
        pipeline.offer(ORDERS, row(2), null);
        CompletableFuture<FlushResult> first = pipeline.flush();
        scheduler.runDue();
        responses.get(0).complete(new Pipeline.SendResult.Failed(DeadLetter.Reason.CLIENT_ERROR, "gone", null));
        scheduler.runDue();
        assertThat(first).as("still waits for the other table").isNotDone();
        CompletableFuture<FlushResult> second = pipeline.flush();
        scheduler.runDue();
        responses.get(1).complete(new Pipeline.SendResult.Stored());
        scheduler.runDue();
        assertThat(failure(first).result()).isEqualTo(new FlushResult(1, 1, 0));
        assertThat(failure(second).result())
                .as("row 1 was tracked before it and lost, and no flush had reported it")
                .isEqualTo(new FlushResult(1, 1, 0));
        CompletableFuture<FlushResult> third = pipeline.flush();
        scheduler.runDue();
        assertThat(third)
                .as("reported by flushes that completed before it")
                .isCompletedWithValue(new FlushResult(0, 0, 0));
    }

    @Test
    void codeChainedOnAFlushMayTrackAndFlushAgainAndBlock() throws Exception {
        Pipeline pipeline = new Pipeline(
                TrackerConfig.builder()
                        .shutdownHook(false)
                        .linger(Duration.ZERO)
                        .build(),
                (table, body, rows) -> CompletableFuture.completedFuture(new Pipeline.SendResult.Stored()));
        pipeline.offer(EVENTS, row(1), null);
        CompletableFuture<FlushResult> chained = pipeline.flush().thenApply(result -> {
            pipeline.offer(EVENTS, row(2), null);
            return pipeline.flush().join();
        });
        // Row 2 may be stored before the inner flush is taken in (linger zero, an instant sender): it counts only the
        // rows stored while it waited, so 0 or 1, and never a loss.
        FlushResult inner = chained.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(inner.stored()).isBetween(0L, 1L);
        assertThat(inner.deadLettered() + inner.dropped()).isZero();
        CompletableFuture<FlushResult> plain = pipeline.flush();
        assertThat(plain.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(new FlushResult(0, 0, 0));
        assertThat(pipeline.close(Duration.ofSeconds(5))
                        .get(10, java.util.concurrent.TimeUnit.SECONDS)
                        .drained())
                .isTrue();
    }

    @Test
    void rowsGivenUpAtTheDeliveryTimeoutCarryTheirOwnTablesError() {
        java.io.IOException eventsDown = new java.io.IOException("events: reset");
        java.io.IOException ordersDown = new java.io.IOException("orders: reset");
        server = sent -> new Pipeline.SendResult.Retry(null, sent.table().equals(EVENTS) ? eventsDown : ordersDown);
        Pipeline pipeline = pipeline(config().linger(Duration.ZERO)
                .deliveryTimeout(Duration.ofSeconds(30))
                .build());
        CompletableFuture<Void> event = new CompletableFuture<>();
        CompletableFuture<Void> order = new CompletableFuture<>();
        pipeline.offer(EVENTS, row(1), event);
        pipeline.offer(ORDERS, row(2), order);
        scheduler.advance(Duration.ofMinutes(2));
        assertThat(event)
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DeadLetter.Reason.DELIVERY_TIMEOUT);
                    assertThat(e.getCause()).isSameAs(eventsDown);
                });
        assertThat(order)
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingCause()
                .satisfies(e -> assertThat(e.getCause()).isSameAs(ordersDown));
    }

    @Test
    void itsThreadIsANamedDaemonStartedByTheFirstRowAndGoneAfterClose() throws Exception {
        List<Thread> before = trackerThreads();
        Pipeline pipeline = new Pipeline(
                TrackerConfig.builder()
                        .shutdownHook(false)
                        .linger(Duration.ZERO)
                        .build(),
                (table, body, rows) -> CompletableFuture.completedFuture(new Pipeline.SendResult.Stored()));
        assertThat(trackerThreads()).as("nothing before the first row").isEqualTo(before);
        pipeline.offer(EVENTS, row(1), null);
        pipeline.flush().get(10, java.util.concurrent.TimeUnit.SECONDS);
        List<Thread> started = new ArrayList<>(trackerThreads());
        started.removeAll(before);
        assertThat(started)
                .as("the dispatcher, and the thread that completes callers' futures")
                .extracting(thread -> thread.getName().replaceAll("\\d+", "N"))
                .containsExactlyInAnyOrder("lakeside-tracker-N", "lakeside-tracker-N-callbacks-N");
        assertThat(started).allMatch(Thread::isDaemon);
        assertThat(pipeline.close(Duration.ofSeconds(5))
                        .get(10, java.util.concurrent.TimeUnit.SECONDS)
                        .drained())
                .isTrue();
        for (Thread thread : started) {
            thread.join(15_000);
            assertThat(thread.isAlive()).as(thread.getName()).isFalse();
        }
    }

    private static List<Thread> trackerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("lakeside-tracker-"))
                .toList();
    }

    private static FlushException failure(CompletableFuture<FlushResult> flushed) {
        assertThat(flushed).isCompletedExceptionally();
        try {
            flushed.join();
        } catch (java.util.concurrent.CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(FlushException.class);
            return (FlushException) e.getCause();
        }
        throw new AssertionError("not failed");
    }
}
