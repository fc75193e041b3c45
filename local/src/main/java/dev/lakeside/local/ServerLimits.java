package dev.lakeside.local;

import java.time.Duration;

/**
 * What the HTTP server allows a client.
 *
 * @param headerTimeout how long a request's line and headers may take to arrive, from the connection's opening or
 *     from the first byte of a request on a kept-alive connection
 * @param idleTimeout how long a connection may send and receive nothing (between requests, or inside a request's
 *     body)
 * @param maxConnections open connections at once; further clients wait to be accepted
 * @param bodyBytesInFlight bytes of request bodies, and of the rows read from them, held in memory at once by all
 *     requests; one user may hold half. Default: a quarter of the JVM's maximum heap, between 64 MiB and 1 GiB
 */
record ServerLimits(Duration headerTimeout, Duration idleTimeout, int maxConnections, long bodyBytesInFlight) {
    static final ServerLimits DEFAULTS = new ServerLimits(
            Duration.ofSeconds(10),
            Duration.ofMinutes(2),
            1024,
            Math.min(1L << 30, Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4)));

    /** The bytes a second a request body must arrive at, on average, after its first 5 s: slower bodies are 408. */
    static final long MIN_BODY_RATE = 1024;

    long userBodyBytesInFlight() {
        return bodyBytesInFlight / 2;
    }
}
