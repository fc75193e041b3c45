package dev.lakeside.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Blocking on a future the way callers of a blocking method expect. */
public final class Futures {
    private Futures() {}

    /** Waits for {@code future} and returns its value; throws its failure itself, not wrapped. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
