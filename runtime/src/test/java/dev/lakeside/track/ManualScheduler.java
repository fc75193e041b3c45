package dev.lakeside.track;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A scheduler on simulated time: tasks run only in {@link #runDue()} and {@link #advance}, on the calling thread. */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        final long at;
        final long seq = sequence++;

        Task(Callable<V> callable, long at) {
            super(callable);
            this.at = at;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            return at != that.at ? Long.compare(at, that.at) : Long.compare(seq, that.seq);
        }
    }

    private final PriorityQueue<Task<?>> tasks = new PriorityQueue<>(Comparator.naturalOrder());
    private long now = 1_000_000_000L;
    private long sequence;
    private boolean shutdown;

    LongSupplier ticker() {
        return () -> now;
    }

    long now() {
        return now;
    }

    /** Runs every task that is due, including those that due tasks schedule for now. */
    void runDue() {
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.at > now) {
                    return;
                }
                tasks.poll();
            }
            next.run();
        }
    }

    /** Moves time forward step by step, running tasks at their due times. */
    void advance(Duration duration) {
        long end = now + duration.toNanos();
        while (true) {
            runDue();
            Task<?> next;
            synchronized (this) {
                next = tasks.peek();
            }
            if (next == null || next.at > end) {
                break;
            }
            now = Math.max(now, next.at);
        }
        now = end;
        runDue();
    }

    /** Scheduled tasks not yet run and not cancelled. */
    synchronized int pending() {
        tasks.removeIf(Task::isCancelled);
        return tasks.size();
    }

    private synchronized <V> Task<V> add(Callable<V> callable, long delayNanos) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task<V> task = new Task<>(callable, now + Math.max(0, delayNanos));
        tasks.add(task);
        return task;
    }

    @Override
    public void execute(Runnable command) {
        add(
                () -> {
                    command.run();
                    return null;
                },
                0);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(
                () -> {
                    command.run();
                    return null;
                },
                unit.toNanos(delay));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, unit.toNanos(delay));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the tracker never schedules at a fixed rate");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the tracker never schedules with a fixed delay");
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(tasks);
        tasks.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && tasks.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }
}
