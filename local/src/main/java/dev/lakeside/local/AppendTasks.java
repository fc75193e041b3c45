package dev.lakeside.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One user's {@code /append} tasks: an ordered queue per table (a table's tasks run one at a time,
 * in order; different tables run in parallel on a small pool), and the bounded log that {@code GET
 * /tasks/{id}} reads. {@link #close()} stops intake and waits for every queued task.
 */
final class AppendTasks implements AutoCloseable {
    /** Completed tasks are forgotten after this long, or when more than {@link #RETAINED} are kept. */
    static final long RETENTION_NANOS = TimeUnit.HOURS.toNanos(1);

    static final int RETAINED = 100_000;
    /** Queued tasks per user beyond which {@code /append} answers 429 instead of holding more bodies in memory. */
    static final int MAX_PENDING = 10_000;

    private static final int POOL_THREADS = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserSpace user;
    private final ThreadPoolExecutor pool;
    /** Callers that may write their own task at a time, besides the pool's threads. */
    private final Semaphore callers = new Semaphore(POOL_THREADS);

    private final Map<String, TableQueue> queues = new ConcurrentHashMap<>();
    private final Map<UUID, Task> tasks = new ConcurrentHashMap<>();
    private final AppendWriter.ColumnCache columns = new AppendWriter.ColumnCache();

    private final ConcurrentLinkedQueue<Task> completed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger completedCount = new AtomicInteger();
    private int pending;
    private boolean closed;

    AppendTasks(UserSpace user) {
        this.user = user;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(
                POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "lakeside-local-append-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /** One append request. Its fields are written by the worker and read by any thread. */
    static final class Task {
        final UUID id;
        final CompletableFuture<Task> done = new CompletableFuture<>();
        volatile String errorCode;
        volatile String errorMessage;
        volatile long completedAt;
        private final String catalog;
        private final String schema;
        private final String table;
        /** Dropped when the task completes: the log keeps tasks for an hour, not their bodies. */
        private volatile List<ObjectNode> rows;

        private Task(UUID id, String catalog, String schema, String table, List<ObjectNode> rows) {
            this.id = id;
            this.catalog = catalog;
            this.schema = schema;
            this.table = table;
            this.rows = rows;
        }

        boolean isDone() {
            return done.isDone();
        }

        /** Whether the task still holds its rows (only until it completes). */
        boolean holdsRows() {
            return rows != null;
        }
    }

    private static final class TableQueue {
        final ArrayDeque<Task> waiting = new ArrayDeque<>();
        boolean scheduled;
    }

    /** Queues the rows for the table; they are written after every earlier task of that table. */
    Task submit(String catalog, String schema, String table, List<ObjectNode> rows) {
        return submit(catalog, schema, table, rows, false);
    }

    /**
     * As {@link #submit(String, String, String, List)}; with {@code here}, a task whose table has nothing queued is
     * written on the calling thread before this returns (a caller that waits for the task anyway saves two thread
     * hand-overs), as long as fewer than {@value #POOL_THREADS} callers of this user are doing so.
     */
    Task submit(String catalog, String schema, String table, List<ObjectNode> rows, boolean here) {
        Task task = new Task(uuidV7(), catalog, schema, table, rows);
        synchronized (this) {
            if (closed) {
                throw new ApiException(
                        503, "shutting-down", "the local lakehouse is shutting down; append not accepted");
            }
            if (pending >= MAX_PENDING) {
                throw new ApiException(
                        429,
                        "too-many-tasks",
                        "user " + user.name() + " already has " + pending
                                + " append tasks waiting; retry when some have completed");
            }
            pending++;
        }
        tasks.put(task.id, task);
        if (rows.isEmpty()) {
            finish(task, null, null);
            return task;
        }
        String key = AppendWriter.key(catalog, schema, table);
        TableQueue queue = queues.computeIfAbsent(key, k -> new TableQueue());
        boolean runHere = false;
        synchronized (queue) {
            queue.waiting.add(task);
            if (!queue.scheduled) {
                queue.scheduled = true;
                runHere = here && callers.tryAcquire();
                if (!runHere) {
                    pool.execute(() -> runNext(queue));
                }
            }
        }
        if (runHere) {
            try {
                runNext(queue);
            } finally {
                callers.release();
            }
        }
        return task;
    }

    /** Runs one task of the queue, then yields the thread so that other tables get their turn. */
    private void runNext(TableQueue queue) {
        Task task;
        synchronized (queue) {
            task = queue.waiting.poll();
            if (task == null) {
                queue.scheduled = false;
                return;
            }
        }
        try {
            run(task);
        } finally {
            synchronized (queue) {
                if (queue.waiting.isEmpty()) {
                    queue.scheduled = false;
                } else {
                    pool.execute(() -> runNext(queue));
                }
            }
        }
    }

    private void run(Task task) {
        try {
            AppendWriter.write(user, columns, task.catalog, task.schema, task.table, task.rows);
            finish(task, null, null);
        } catch (AppendValues.Rejected e) {
            finish(task, e.code, e.getMessage());
        } catch (SQLException e) {
            if (isConflict(e)) {
                finish(
                        task,
                        WRITE_CONFLICT,
                        "another request changed " + task.table + " at the same time, nothing was "
                                + "stored; send the rows again (" + duckMessage(e) + ")");
                return;
            }
            finish(task, AppendValues.INVALID_DATA, "DuckDB refused the batch, nothing was stored: " + duckMessage(e));
        } catch (RuntimeException | Error e) {
            finish(task, AppendValues.INVALID_DATA, "internal error, nothing was stored: " + e);
        }
    }

    /** The error code of a write that lost a race with another transaction on the same table: retrying can succeed. */
    static final String WRITE_CONFLICT = "write-conflict";

    /** Whether DuckDB refused a write because another transaction changed the same table or rows first. */
    static boolean isConflict(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("TransactionContext Error")
                && message.toLowerCase(Locale.ROOT).contains("conflict");
    }

    /** DuckDB's message without the JDBC wrapper that execution-time errors get. */
    static String duckMessage(SQLException e) {
        String message = String.valueOf(e.getMessage());
        String wrapper = "Attempting to execute an unsuccessful or closed pending query result";
        int at = message.indexOf(wrapper);
        if (at >= 0) {
            int error = message.indexOf("Error: ", at + wrapper.length());
            if (error >= 0) {
                message = message.substring(error + "Error: ".length());
            }
        }
        // DuckDB's CSV sniffer appends its search space and fixes that name its own options: not the client's to set.
        for (String tail : new String[] {"\nThe search space used was:", "\nPossible fixes:"}) {
            int cut = message.indexOf(tail);
            if (cut >= 0) {
                message = message.substring(0, cut);
            }
        }
        return message.strip();
    }

    private void finish(Task task, String code, String message) {
        task.rows = null;
        task.errorCode = code;
        task.errorMessage = QueryLog.truncated(message);
        task.completedAt = System.nanoTime();
        completed.add(task);
        completedCount.incrementAndGet();
        evict(task.completedAt);
        task.done.complete(task);
        synchronized (this) {
            pending--;
            notifyAll();
        }
    }

    private void evict(long now) {
        while (true) {
            Task oldest = completed.peek();
            if (oldest == null || (completedCount.get() <= RETAINED && now - oldest.completedAt < RETENTION_NANOS)) {
                return;
            }
            if (completed.remove(oldest)) {
                completedCount.decrementAndGet();
                tasks.remove(oldest.id);
            }
        }
    }

    /**
     * Marks a change of one table by other means (a file ingest) while it runs, so that no append relies on columns
     * cached before it; close it when the change is committed or abandoned.
     */
    AppendWriter.Change change(String catalog, String schema, String table) {
        return columns.change(AppendWriter.key(catalog, schema, table));
    }

    /**
     * As {@link #change(String, String, String)} for any table: user SQL that is not a plain read ({@code ALTER},
     * {@code DROP}, {@code CREATE OR REPLACE}, {@code COMMIT}, {@code ATTACH}, …) may change any of them.
     */
    AppendWriter.Change changeAll() {
        return columns.change(null);
    }

    Optional<Task> find(UUID id) {
        Task task = tasks.get(id);
        if (task != null && task.isDone() && System.nanoTime() - task.completedAt >= RETENTION_NANOS) {
            return Optional.empty();
        }
        return Optional.ofNullable(task);
    }

    /** Stops intake and waits until every queued task has run. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            boolean interrupted = false;
            while (pending > 0) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        pool.shutdown();
    }

    /** A time-ordered UUID (version 7): 48 bits of Unix milliseconds, then random bits. */
    static UUID uuidV7() {
        long millis = System.currentTimeMillis();
        long random = RANDOM.nextLong();
        long high = (millis << 16) | 0x7000L | (random & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
