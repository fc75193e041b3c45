package dev.lakeside.local;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Closes a connection whose request line and headers have not arrived within the header timeout: counted from the
 * connection's opening for its first request, and from the first byte of a later request on a kept-alive
 * connection. Jetty reads headers without holding a thread, so a slow client costs a connection, not a worker;
 * this bounds how long it keeps even that. Idle kept-alive connections are left to the idle timeout.
 */
final class HeaderDeadlines implements AutoCloseable {
    private final ServerConnector connector;
    private final long timeoutNanos;
    private final Map<Connection, Track> tracks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    private static final class Track {
        volatile boolean handling;
        volatile long bytesAtEnd;
        volatile long partialSince;
    }

    HeaderDeadlines(ServerConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeoutNanos = timeout.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakeside-local-header-deadlines");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(20, Math.min(250, timeout.toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** A request's headers arrived on {@code connection}, and it is being handled. */
    void started(Connection connection) {
        Track track = tracks.computeIfAbsent(connection, c -> new Track());
        track.handling = true;
        track.partialSince = 0;
    }

    /** The request on {@code connection} was answered. */
    void ended(Connection connection) {
        Track track = tracks.get(connection);
        if (track != null) {
            track.bytesAtEnd = connection.getBytesIn();
            track.handling = false;
        }
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                Connection connection = endPoint.getConnection();
                if (connection == null) {
                    continue;
                }
                Track track = tracks.get(connection);
                if (track == null) {
                    long age = TimeUnit.MILLISECONDS.toNanos(
                            System.currentTimeMillis() - connection.getCreatedTimeStamp());
                    if (age > timeoutNanos) {
                        endPoint.close();
                    }
                } else if (!track.handling && connection.getBytesIn() > track.bytesAtEnd) {
                    if (track.partialSince == 0) {
                        track.partialSince = now;
                    } else if (now - track.partialSince > timeoutNanos) {
                        endPoint.close();
                    }
                }
            }
            tracks.keySet().removeIf(connection -> !connection.getEndPoint().isOpen());
        } catch (RuntimeException e) {
            // the next sweep tries again; a sweep must never stop the schedule
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
