package dev.lakeside.track;

import dev.lakeside.client.TableRef;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The delivery engine behind {@link Tracker}: a byte-bounded intake of pre-encoded rows, one FIFO
 * lane per table, and a dispatcher that cuts batches and sends them.
 *
 * <p>Producers only touch lock-free structures (a queue per lane and counters). Everything else, the
 * batches, retries, backoff and flush bookkeeping, is confined to the dispatcher, which runs as one
 * task at a time on the scheduler and is woken only when there is work: a batch threshold crossed,
 * a linger or backoff deadline reached, or a response arrived. An idle pipeline schedules nothing.
 */
final class Pipeline {
  private static final System.Logger LOG = System.getLogger("dev.lakeside.track.Tracker");
  private static final long MAX_RETRY_AFTER_NANOS = TimeUnit.MINUTES.toNanos(5);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /** Sends one {@code /append} body and tells how it went. */
  interface Sender {
    CompletableFuture<SendResult> send(TableRef table, byte[] body, int rows);

    /** Releases what the sender holds; called once, when the pipeline has closed. */
    default void close() {}
  }

  /** The outcome of one send. */
  sealed interface SendResult {
    /** The server confirmed the rows as stored. */
    record Stored() implements SendResult {}

    /** The server refused the data ({@code invalid-data}, {@code incompatible-schema}): bisect to find the culprits. */
    record Rejected(String code, String message) implements SendResult {}

    /** 413: split the batch. */
    record TooLarge(String message) implements SendResult {}

    /** Try again later; {@code retryAfter} is the server's {@code Retry-After}, or null. */
    record Retry(Duration retryAfter, Throwable cause) implements SendResult {}

    /** Give the rows up. */
    record Failed(DeadLetter.Reason reason, String message) implements SendResult {}
  }

  private record Row(byte[] json, long enqueuedAt, CompletableFuture<Void> ack) {}

  private static final class Batch {
    final List<Row> rows;
    final byte[] body;
    boolean abandoned;

    Batch(List<Row> rows, byte[] body) {
      this.rows = rows;
      this.body = body;
    }

    long firstEnqueuedAt() {
      return rows.get(0).enqueuedAt();
    }
  }

  private record Completion(Lane lane, Batch batch, SendResult result) {}

  private record FlushWaiter(Map<Lane, Long> targets, CompletableFuture<Void> future) {}

  private static final class Lane {
    final TableRef table;
    final ConcurrentLinkedQueue<Row> queue = new ConcurrentLinkedQueue<>();
    final AtomicInteger queuedRows = new AtomicInteger();
    final AtomicLong queuedBytes = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong removed = new AtomicLong();
    final AtomicLong completed = new AtomicLong();
    final AtomicLong flushTarget = new AtomicLong();
    volatile long inProgressSince = Long.MAX_VALUE;
    final ArrayDeque<Batch> ready = new ArrayDeque<>();
    Batch inFlight;

    Lane(TableRef table) {
      this.table = table;
    }
  }

  private final TrackerConfig config;
  private final Sender sender;
  private final LongSupplier ticker;
  private final String name = "lakeside-tracker-" + INSTANCES.incrementAndGet();
  private final Map<TableRef, Lane> lanes = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<FlushWaiter> waiters = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicInteger producers = new AtomicInteger();
  private final AtomicLong queueBytes = new AtomicLong();
  private final ReentrantLock spaceLock = new ReentrantLock();
  private final Condition space = spaceLock.newCondition();
  private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1));

  private final LongAdder accepted = new LongAdder();
  private final LongAdder refusedQueueFull = new LongAdder();
  private final LongAdder rejectedOversize = new LongAdder();
  private final LongAdder rejectedInvalid = new LongAdder();
  private final LongAdder rejectedClosed = new LongAdder();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong sentBatches = new AtomicLong();
  private final AtomicLong sentBytes = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();

  private volatile boolean closed;
  private volatile ScheduledExecutorService executor;
  private Thread shutdownHook;
  private final CompletableFuture<CloseReport> closeResult = new CompletableFuture<>();

  // Dispatcher-confined state.
  private int inFlightCount;
  private int failures;
  private long pausedUntil;
  private boolean outage;
  private boolean probeInFlight;
  private boolean closing;
  private long closeDeadline;
  private ScheduledFuture<?> wakeup;
  private long wakeupAt = Long.MAX_VALUE;
  private int rotation;

  Pipeline(TrackerConfig config, Sender sender) {
    this.config = config;
    this.sender = sender;
    this.ticker = config.ticker();
    this.executor = config.scheduler();
  }

  /** Queues one encoded row (a JSON object) for {@code table}. Never blocks unless the policy is BLOCK. */
  TrackResult offer(TableRef table, byte[] json, CompletableFuture<Void> ack) {
    producers.incrementAndGet();
    try {
      if (closed) {
        rejectedClosed.increment();
        return TrackResult.CLOSED;
      }
      if (json.length + 2 > config.maxBatchBytes()) {
        rejectedOversize.increment();
        return TrackResult.REJECTED_OVERSIZE;
      }
      if (!reserve(json.length)) {
        refusedQueueFull.increment();
        warnings.warn("queue-full", () -> "tracker queue is full (" + config.maxQueueBytes()
            + " bytes); refusing rows under policy " + config.fullPolicy());
        return TrackResult.DROPPED_QUEUE_FULL;
      }
      Lane lane = lanes.get(table);
      if (lane == null) {
        lane = lanes.computeIfAbsent(table, Lane::new);
      }
      accepted.increment();
      lane.accepted.incrementAndGet();
      lane.queue.offer(new Row(json, ticker.getAsLong(), ack));
      int rows = lane.queuedRows.incrementAndGet();
      long bytes = lane.queuedBytes.addAndGet(json.length + 1L);
      if (rows == 1 || rows >= config.maxBatchRows() || bytes >= config.maxBatchBytes()) {
        wake();
      }
      return TrackResult.ACCEPTED;
    } finally {
      producers.decrementAndGet();
    }
  }

  void countInvalid() {
    rejectedInvalid.increment();
  }

  boolean isClosed() {
    return closed;
  }

  private boolean reserve(int bytes) {
    long max = config.maxQueueBytes();
    if (queueBytes.addAndGet(bytes) <= max) {
      return true;
    }
    queueBytes.addAndGet(-bytes);
    switch (config.fullPolicy().kind()) {
      case DROP_OLDEST:
        while (true) {
          if (queueBytes.addAndGet(bytes) <= max) {
            return true;
          }
          queueBytes.addAndGet(-bytes);
          if (!evictOldest()) {
            return false;
          }
        }
      case BLOCK:
        long deadline = System.nanoTime() + config.fullPolicy().maxWait().toNanos();
        spaceLock.lock();
        try {
          while (true) {
            if (queueBytes.addAndGet(bytes) <= max) {
              return true;
            }
            queueBytes.addAndGet(-bytes);
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed) {
              return false;
            }
            space.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        } finally {
          spaceLock.unlock();
        }
      default:
        return false;
    }
  }

  /** Drops the oldest queued (not yet batched) row of any table; false when there is none. */
  private boolean evictOldest() {
    Lane oldest = null;
    long oldestAt = Long.MAX_VALUE;
    for (Lane lane : lanes.values()) {
      Row head = lane.queue.peek();
      if (head != null && head.enqueuedAt() < oldestAt) {
        oldest = lane;
        oldestAt = head.enqueuedAt();
      }
    }
    if (oldest == null) {
      return false;
    }
    Row row = oldest.queue.poll();
    if (row == null) {
      return true;
    }
    oldest.queuedRows.decrementAndGet();
    oldest.queuedBytes.addAndGet(-(row.json().length + 1L));
    oldest.removed.incrementAndGet();
    dropped.incrementAndGet();
    release(row.json().length);
    oldest.completed.incrementAndGet();
    if (row.ack() != null) {
      row.ack().completeExceptionally(new DeliveryException(oldest.table, DeadLetter.Reason.QUEUE_FULL,
          "dropped to make room in a full queue"));
    }
    TableRef table = oldest.table;
    notifySafely(l -> l.onDropped(table, 1));
    wake();
    return true;
  }

  private void release(long bytes) {
    queueBytes.addAndGet(-bytes);
    if (config.fullPolicy().kind() == FullPolicy.Kind.BLOCK) {
      spaceLock.lock();
      try {
        space.signalAll();
      } finally {
        spaceLock.unlock();
      }
    }
  }

  /** Completes once every row accepted before this call has been delivered or finally failed. */
  CompletableFuture<Void> flush() {
    Map<Lane, Long> targets = new ConcurrentHashMap<>();
    for (Lane lane : lanes.values()) {
      long target = lane.accepted.get();
      if (lane.completed.get() < target) {
        targets.put(lane, target);
        lane.flushTarget.accumulateAndGet(target, Math::max);
      }
    }
    if (targets.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiters.add(new FlushWaiter(targets, future));
    wake();
    return future;
  }

  /** Stops intake and drains within {@code timeout}; the same future for every call. */
  CompletableFuture<CloseReport> close(Duration timeout) {
    synchronized (closeResult) {
      if (closed) {
        return closeResult;
      }
      closed = true;
    }
    while (producers.get() > 0) {
      Thread.onSpinWait();
    }
    long deadline = ticker.getAsLong() + timeout.toNanos();
    if (executor == null && accepted.sum() == 0) {
      finishClose(true, 0);
      return closeResult;
    }
    submit(() -> {
      closing = true;
      closeDeadline = deadline;
      drain();
    });
    return closeResult;
  }

  private void wake() {
    if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
      submit(this::drain);
    }
  }

  private void submit(Runnable task) {
    try {
      executor().execute(task);
    } catch (RejectedExecutionException e) {
      // closed: the final drain has run and no more work will be done
    }
  }

  private ScheduledExecutorService executor() {
    ScheduledExecutorService current = executor;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (executor == null) {
        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, r -> {
          Thread thread = new Thread(r, name);
          thread.setDaemon(true);
          return thread;
        });
        own.setRemoveOnCancelPolicy(true);
        own.setKeepAliveTime(10, TimeUnit.SECONDS);
        own.allowCoreThreadTimeOut(true);
        if (config.shutdownHook()) {
          shutdownHook = new Thread(() -> close(config.closeTimeout()).join(), name + "-shutdown");
          try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
          } catch (IllegalStateException e) {
            shutdownHook = null;
          }
        }
        executor = own;
      }
      return executor;
    }
  }

  private synchronized void drain() {
    scheduled.set(false);
    if (closeResult.isDone()) {
      return;
    }
    long now = ticker.getAsLong();
    Completion completion;
    while ((completion = completions.poll()) != null) {
      complete(completion, now);
    }
    if (closing && now >= closeDeadline) {
      abandonAll();
    }
    List<Lane> all = new ArrayList<>(lanes.values());
    int count = all.size();
    rotation++;
    for (int i = 0; i < count; i++) {
      dispatch(all.get(Math.floorMod(rotation + i, count)), now);
    }
    settleWaiters();
    if (closing && idle(all)) {
      finishClose(true, 0);
      return;
    }
    scheduleWakeup(nextDeadline(all, now), now);
  }

  private void dispatch(Lane lane, long now) {
    while (lane.inFlight == null) {
      Batch next = lane.ready.peekFirst();
      if (next == null) {
        if (!shouldCut(lane, now)) {
          break;
        }
        next = cut(lane);
        if (next == null) {
          break;
        }
        lane.ready.add(next);
      }
      if (now - next.firstEnqueuedAt() > config.deliveryTimeout().toNanos()) {
        lane.ready.pollFirst();
        fail(lane, next, DeadLetter.Reason.DELIVERY_TIMEOUT, "not delivered within " + config.deliveryTimeout());
        continue;
      }
      if (now < pausedUntil || (outage && probeInFlight) || inFlightCount >= config.maxInFlight()) {
        break;
      }
      lane.ready.pollFirst();
      send(lane, next);
    }
    updateProgress(lane);
  }

  private boolean shouldCut(Lane lane, long now) {
    int rows = lane.queuedRows.get();
    if (rows == 0) {
      return false;
    }
    if (closing || rows >= config.maxBatchRows() || lane.queuedBytes.get() >= config.maxBatchBytes()
        || lane.removed.get() < lane.flushTarget.get()) {
      return true;
    }
    Row head = lane.queue.peek();
    return head != null && now - head.enqueuedAt() >= config.linger().toNanos();
  }

  private Batch cut(Lane lane) {
    List<Row> rows = new ArrayList<>(Math.min(lane.queuedRows.get(), config.maxBatchRows()));
    long size = 2;
    while (rows.size() < config.maxBatchRows()) {
      Row head = lane.queue.peek();
      if (head == null || (!rows.isEmpty() && size + head.json().length + 1 > config.maxBatchBytes())) {
        break;
      }
      Row row = lane.queue.poll();
      if (row == null) {
        break;
      }
      rows.add(row);
      size += row.json().length + (rows.size() > 1 ? 1 : 0);
      lane.queuedRows.decrementAndGet();
      lane.queuedBytes.addAndGet(-(row.json().length + 1L));
      lane.removed.incrementAndGet();
    }
    return rows.isEmpty() ? null : new Batch(rows, body(rows, (int) size));
  }

  private static byte[] body(List<Row> rows, int size) {
    byte[] body = new byte[size];
    body[0] = '[';
    int at = 1;
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        body[at++] = ',';
      }
      byte[] json = rows.get(i).json();
      System.arraycopy(json, 0, body, at, json.length);
      at += json.length;
    }
    body[at] = ']';
    return body;
  }

  private void send(Lane lane, Batch batch) {
    lane.inFlight = batch;
    inFlightCount++;
    if (outage) {
      probeInFlight = true;
    }
    CompletableFuture<SendResult> future;
    try {
      future = sender.send(lane.table, batch.body, batch.rows.size());
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete((result, error) -> {
      SendResult outcome = error != null ? new SendResult.Retry(null, error) : result;
      completions.add(new Completion(lane, batch, outcome));
      wake();
    });
  }

  private void complete(Completion completion, long now) {
    Lane lane = completion.lane();
    Batch batch = completion.batch();
    if (lane.inFlight == batch) {
      lane.inFlight = null;
      inFlightCount--;
    }
    if (batch.abandoned) {
      return;
    }
    SendResult result = completion.result();
    if (result instanceof SendResult.Retry retry) {
      retried.incrementAndGet();
      lane.ready.addFirst(batch);
      long delay = backoff(failures++, retry.retryAfter());
      pausedUntil = Math.max(pausedUntil, now + delay);
      outage = true;
      probeInFlight = false;
      warnings.warn("retry", () -> "append to " + lane.table + " failed, retrying in "
          + Duration.ofNanos(delay).toMillis() + " ms: " + retry.cause());
      Duration wait = Duration.ofNanos(delay);
      notifySafely(l -> l.onRetry(lane.table, batch.rows.size(), wait, retry.cause()));
      return;
    }
    failures = 0;
    outage = false;
    probeInFlight = false;
    pausedUntil = 0;
    if (result instanceof SendResult.Stored) {
      sent.addAndGet(batch.rows.size());
      sentBatches.incrementAndGet();
      sentBytes.addAndGet(batch.body.length);
      resolve(lane, batch);
      for (Row row : batch.rows) {
        if (row.ack() != null) {
          row.ack().complete(null);
        }
      }
      notifySafely(l -> l.onSent(lane.table, batch.rows.size(), batch.body.length));
    } else if (result instanceof SendResult.Rejected rejected) {
      splitOrFail(lane, batch, DeadLetter.Reason.INVALID_DATA, rejected.code() + ": " + rejected.message());
    } else if (result instanceof SendResult.TooLarge tooLarge) {
      splitOrFail(lane, batch, DeadLetter.Reason.TOO_LARGE, tooLarge.message());
    } else if (result instanceof SendResult.Failed failure) {
      fail(lane, batch, failure.reason(), failure.message());
    }
  }

  private void splitOrFail(Lane lane, Batch batch, DeadLetter.Reason reason, String message) {
    int n = batch.rows.size();
    if (n == 1) {
      fail(lane, batch, reason, message);
      return;
    }
    List<Row> first = batch.rows.subList(0, n / 2);
    List<Row> second = batch.rows.subList(n / 2, n);
    lane.ready.addFirst(new Batch(second, body(second, size(second))));
    lane.ready.addFirst(new Batch(first, body(first, size(first))));
  }

  private static int size(List<Row> rows) {
    int size = 1 + rows.size();
    for (Row row : rows) {
      size += row.json().length;
    }
    return size;
  }

  private void fail(Lane lane, Batch batch, DeadLetter.Reason reason, String message) {
    failed.addAndGet(batch.rows.size());
    resolve(lane, batch);
    DeliveryException error = new DeliveryException(lane.table, reason, message);
    List<byte[]> rows = new ArrayList<>(batch.rows.size());
    for (Row row : batch.rows) {
      rows.add(row.json());
      if (row.ack() != null) {
        row.ack().completeExceptionally(error);
      }
    }
    warnings.warn("dead-letter-" + reason, () -> batch.rows.size() + " row(s) for " + lane.table
        + " dead-lettered (" + reason + "): " + message);
    DeadLetter letter = new DeadLetter(lane.table, rows, reason, message);
    notifySafely(l -> l.onDeadLetter(letter));
  }

  private void resolve(Lane lane, Batch batch) {
    long bytes = 0;
    for (Row row : batch.rows) {
      bytes += row.json().length;
    }
    release(bytes);
    lane.completed.addAndGet(batch.rows.size());
  }

  private void abandonAll() {
    long undelivered = 0;
    for (Lane lane : lanes.values()) {
      List<Batch> batches = new ArrayList<>(lane.ready);
      lane.ready.clear();
      if (lane.inFlight != null) {
        lane.inFlight.abandoned = true;
        batches.add(0, lane.inFlight);
        lane.inFlight = null;
        inFlightCount--;
      }
      Batch rest;
      while ((rest = cut(lane)) != null) {
        batches.add(rest);
      }
      for (Batch batch : batches) {
        undelivered += batch.rows.size();
        fail(lane, batch, DeadLetter.Reason.CLOSED, "tracker closed before delivery");
      }
      updateProgress(lane);
    }
    settleWaiters();
    finishClose(false, undelivered);
  }

  private void finishClose(boolean drained, long undelivered) {
    if (wakeup != null) {
      wakeup.cancel(false);
    }
    sender.close();
    if (config.scheduler() == null && executor != null) {
      executor.shutdown();
    }
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down, possibly through this very hook
      }
    }
    closeResult.complete(new CloseReport(drained, undelivered, stats()));
  }

  private static boolean idle(List<Lane> lanes) {
    for (Lane lane : lanes) {
      if (lane.inFlight != null || !lane.ready.isEmpty() || lane.queuedRows.get() > 0) {
        return false;
      }
    }
    return true;
  }

  private void settleWaiters() {
    for (FlushWaiter waiter : waiters) {
      boolean done = true;
      for (Map.Entry<Lane, Long> target : waiter.targets().entrySet()) {
        if (target.getKey().completed.get() < target.getValue()) {
          done = false;
          break;
        }
      }
      if (done) {
        waiters.remove(waiter);
        waiter.future().complete(null);
      }
    }
  }

  private long nextDeadline(List<Lane> all, long now) {
    long next = Long.MAX_VALUE;
    for (Lane lane : all) {
      if (lane.inFlight != null) {
        continue;
      }
      Batch ready = lane.ready.peekFirst();
      if (ready != null) {
        next = Math.min(next, Math.max(pausedUntil, now));
        next = Math.min(next, ready.firstEnqueuedAt() + config.deliveryTimeout().toNanos() + 1);
      } else {
        Row head = lane.queue.peek();
        if (head != null) {
          next = Math.min(next, head.enqueuedAt() + config.linger().toNanos());
        }
      }
    }
    if (closing) {
      next = Math.min(next, closeDeadline);
    }
    return next;
  }

  private void scheduleWakeup(long at, long now) {
    if (at == Long.MAX_VALUE) {
      return;
    }
    if (wakeup != null && !wakeup.isDone()) {
      if (wakeupAt <= at) {
        return;
      }
      wakeup.cancel(false);
    }
    wakeupAt = at;
    try {
      wakeup = executor().schedule(this::wake, Math.max(0, at - now), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing: no more wake-ups
    }
  }

  private long backoff(int attempt, Duration retryAfter) {
    long base = config.initialBackoff().toNanos();
    long cap = config.maxBackoff().toNanos();
    long ceiling = attempt >= 30 ? cap : Math.min(cap, base << Math.min(attempt, 30));
    long delay = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    if (retryAfter != null) {
      delay = Math.max(delay, Math.min(retryAfter.toNanos(), MAX_RETRY_AFTER_NANOS));
    }
    return delay;
  }

  private void updateProgress(Lane lane) {
    long since = Long.MAX_VALUE;
    if (lane.inFlight != null) {
      since = lane.inFlight.firstEnqueuedAt();
    }
    Batch ready = lane.ready.peekFirst();
    if (ready != null) {
      since = Math.min(since, ready.firstEnqueuedAt());
    }
    lane.inProgressSince = since;
  }

  TrackerStats stats() {
    long s = sent.get();
    long d = dropped.get();
    long f = failed.get();
    long a = accepted.sum();
    long oldest = Long.MAX_VALUE;
    for (Lane lane : lanes.values()) {
      oldest = Math.min(oldest, lane.inProgressSince);
      Row head = lane.queue.peek();
      if (head != null) {
        oldest = Math.min(oldest, head.enqueuedAt());
      }
    }
    long age = oldest == Long.MAX_VALUE ? 0 : Math.max(0, TimeUnit.NANOSECONDS.toMillis(ticker.getAsLong() - oldest));
    return new TrackerStats(a, s, d, f, Math.max(0, a - s - d - f), refusedQueueFull.sum(), rejectedOversize.sum(),
        rejectedInvalid.sum(), rejectedClosed.sum(), sentBatches.get(), sentBytes.get(), retried.get(),
        queueBytes.get(), age);
  }

  private void notifySafely(java.util.function.Consumer<TrackerListener> event) {
    try {
      event.accept(config.listener());
    } catch (RuntimeException e) {
      warnings.warn("listener", () -> "tracker listener threw " + e);
    }
  }
}
