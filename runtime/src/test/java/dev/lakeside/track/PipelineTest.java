package dev.lakeside.track;

import dev.lakeside.client.TableRef;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
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
    return TrackerConfig.builder().scheduler(scheduler).ticker(scheduler.ticker()).shutdownHook(false)
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
    assertThat(requests.get(2).at() - requests.get(0).at()).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(pipeline.stats().sent()).isEqualTo(2500);
    assertThat(pipeline.stats().sentBatches()).isEqualTo(3);
    assertThat(scheduler.pending()).as("an idle pipeline schedules nothing").isZero();
  }

  @Test
  void batchesRespectTheByteLimit() {
    Pipeline pipeline = pipeline(config().maxBatchBytes(100).linger(Duration.ZERO).build());
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
    Pipeline pipeline = pipeline(config().maxQueueBytes(1024).fullPolicy(FullPolicy.dropOldest()).build());
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
    assertThat(requests.get(2).at() - failedAt).isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(requests.get(3).at() - requests.get(2).at())
        .as("one probe per backoff period").isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(requests).hasSize(5);
    assertThat(requests.get(4).at()).as("the backlog goes as soon as the probe succeeds")
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
    server = sent -> sent.ids().size() > 100
        ? new Pipeline.SendResult.TooLarge("413") : new Pipeline.SendResult.Stored();
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
    server = sent -> new Pipeline.SendResult.Failed(DeadLetter.Reason.CLIENT_ERROR, "403 forbidden");
    Pipeline pipeline = pipeline(config().linger(Duration.ZERO).build());
    CompletableFuture<Void> ack = new CompletableFuture<>();
    pipeline.offer(EVENTS, row(7), ack);
    scheduler.runDue();
    assertThat(ack).isCompletedExceptionally();
    assertThat(deadLetters).singleElement().extracting(DeadLetter::reason).isEqualTo(DeadLetter.Reason.CLIENT_ERROR);
    assertIdentity(pipeline.stats());
  }

  @Test
  void rowsAreGivenUpAfterTheDeliveryTimeout() {
    server = sent -> new Pipeline.SendResult.Retry(null, new java.net.ConnectException("refused"));
    Pipeline pipeline = pipeline(config().linger(Duration.ZERO).deliveryTimeout(Duration.ofMinutes(1)).build());
    pipeline.offer(EVENTS, row(1), null);
    scheduler.advance(Duration.ofMinutes(2));
    assertThat(deadLetters).singleElement().extracting(DeadLetter::reason)
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
    Pipeline pipeline = pipeline(config().maxBatchRows(10).linger(Duration.ZERO).build());
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
    CompletableFuture<Void> flushed = pipeline.flush();
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
}
