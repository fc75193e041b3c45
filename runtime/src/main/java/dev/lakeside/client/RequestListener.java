package dev.lakeside.client;

/**
 * Hears of every API call a {@link LakehouseClient} makes, once the call is settled: for request metrics.
 *
 * <pre>{@code
 * LakehouseClient client = LakehouseClient.builder()
 *     .requestListener(event ->
 *         System.out.println(event.operation() + " " + event.outcome() + " in " + event.elapsed()))
 *     .build();
 * }</pre>
 *
 * <p>It runs on the calling thread (for the tracker, on its sender's threads) right before the call returns or
 * throws: keep it short and never block. An exception it throws is ignored (logged at {@code DEBUG}); the call goes on
 * as if there were no listener. It is told nothing that holds credentials.
 *
 * @see LakehouseClient.Builder#requestListener(RequestListener)
 */
@FunctionalInterface
public interface RequestListener {
    /** One API call ended, after its retries; see {@link RequestEvent} for what it tells. */
    void onRequest(RequestEvent event);
}
