package dev.lakeside.track;

import dev.lakeside.client.AppendRequest;
import dev.lakeside.client.AppendResult;
import dev.lakeside.client.AuthException;
import dev.lakeside.client.ErrorCode;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.LakehouseException;
import dev.lakeside.client.TableRef;
import dev.lakeside.internal.Tables;
import dev.lakeside.mapping.TableModel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the pipeline's batches with {@link LakehouseClient#appendAsync}, after the table has been
 * prepared (the tables service remembers prepared tables), and classifies each outcome for the pipeline.
 */
final class ClientSender implements Pipeline.Sender {
    private final LakehouseClient client;
    private final TrackerConfig config;
    private final Tables tables;
    private final Map<TableRef, TableModel<?>> models = new ConcurrentHashMap<>();

    private ExecutorService pollers;

    ClientSender(LakehouseClient client, TrackerConfig config, Tables tables) {
        this.client = client;
        this.config = config;
        this.tables = tables;
    }

    void register(TableRef table, TableModel<?> model) {
        models.putIfAbsent(table, model);
    }

    @Override
    public CompletableFuture<Pipeline.SendResult> send(TableRef table, byte[] body, int rows) {
        TableModel<?> model = models.get(table);
        // A row replayed from a spool or a dead-letter file whose record class is gone: its table exists.
        CompletableFuture<Void> ready = config.schemaMode() == SchemaMode.NONE || model == null
                ? CompletableFuture.completedFuture(null)
                : tables.prepare(table, model, config.schemaMode());
        return ready.handle((ok, error) -> error).thenCompose(error -> {
            if (error != null) {
                return CompletableFuture.completedFuture(classifyPrepare(unwrap(error)));
            }
            boolean sync = config.confirmation() == Confirmation.SYNC;
            return client.appendAsync(AppendRequest.ofJson(table, body).withSync(sync))
                    .thenCompose(result -> confirm(table, result))
                    .exceptionally(e -> classify(table, unwrap(e)));
        });
    }

    private CompletableFuture<Pipeline.SendResult> confirm(TableRef table, AppendResult result) {
        if (!result.ok()) {
            return CompletableFuture.completedFuture(rejected(table, result.errorCode(), result.errorMessage()));
        }
        if (config.confirmation() == Confirmation.SYNC || result.taskId() == null) {
            tables.written(table);
            return CompletableFuture.completedFuture(new Pipeline.SendResult.Stored());
        }
        return CompletableFuture.supplyAsync(
                        () -> client.waitForTask(result.taskId(), config.deliveryTimeout()), pollers())
                .thenApply(task -> {
                    if (task.errorCode() != null) {
                        return rejected(table, task.errorCode(), task.errorMessage());
                    }
                    tables.written(table);
                    return new Pipeline.SendResult.Stored();
                });
    }

    /** Threads that wait for tasks in {@link Confirmation#POLL_TASKS} mode: at most one per request in flight. */
    private synchronized ExecutorService pollers() {
        if (pollers == null) {
            AtomicInteger count = new AtomicInteger();
            pollers = Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "lakeside-tracker-tasks-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return pollers;
    }

    @Override
    public synchronized void close() {
        if (pollers != null) {
            pollers.shutdown();
        }
    }

    private Pipeline.SendResult rejected(TableRef table, String code, String message) {
        switch (ErrorCode.of(code, message)) {
            case INVALID_DATA, INCOMPATIBLE_SCHEMA -> {
                return new Pipeline.SendResult.Rejected(code, message);
            }
            case WRITE_CONFLICT -> {
                // Another write to the same table won a race on the server; nothing was stored, sending again can
                // succeed.
                return new Pipeline.SendResult.Retry(null, new IllegalStateException(code + ": " + message));
            }
            case TABLE_NOT_FOUND -> {
                tables.forget(table);
                return new Pipeline.SendResult.Retry(Duration.ZERO, new IllegalStateException(message));
            }
            default -> {
                // below
            }
        }
        return new Pipeline.SendResult.Failed(DeadLetter.Reason.CLIENT_ERROR, code + ": " + message, null);
    }

    private Pipeline.SendResult classify(TableRef table, Throwable error) {
        if (error instanceof AuthException e) {
            return unauthorized(e);
        }
        if (error instanceof LakehouseException e) {
            if (e.status() == 413) {
                return new Pipeline.SendResult.TooLarge(e.getMessage());
            }
            // The client's one classification of transient failures (Transport): the tracker never keeps its own.
            if (e.retriable()) {
                return new Pipeline.SendResult.Retry(e.retryAfter().orElse(null), e);
            }
            if (e.errorCode() == ErrorCode.TABLE_NOT_FOUND) {
                tables.forget(table);
                return new Pipeline.SendResult.Retry(Duration.ZERO, e);
            }
            return new Pipeline.SendResult.Failed(DeadLetter.Reason.CLIENT_ERROR, e.getMessage(), e);
        }
        return new Pipeline.SendResult.Retry(null, error);
    }

    private Pipeline.SendResult classifyPrepare(Throwable error) {
        if (error instanceof AuthException e) {
            return unauthorized(e);
        }
        if (error instanceof LakehouseException e && e.retriable()) {
            return new Pipeline.SendResult.Retry(e.retryAfter().orElse(null), e);
        }
        return new Pipeline.SendResult.Failed(DeadLetter.Reason.SCHEMA, String.valueOf(error.getMessage()), error);
    }

    /** 401 and 403 are configuration errors: retrying the same credentials cannot succeed. */
    private Pipeline.SendResult unauthorized(AuthException e) {
        return new Pipeline.SendResult.Failed(
                DeadLetter.Reason.UNAUTHORIZED,
                "the lakehouse at "
                        + client.baseUri() + " refused the credentials (" + e.getMessage()
                        + "); check the user and password or "
                        + "token given to LakehouseClient.builder() or the ALTERTABLE_* environment variables",
                e);
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
