package dev.lakeside.integration;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.track.FlushResult;
import dev.lakeside.track.SpoolConfig;
import dev.lakeside.track.SyncPolicy;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Run in a child JVM by {@link SpoolCrashTest}: tracks events on a spool and prints the id of each one
 * {@code track} accepted, until it is killed ({@code load}); or sends what the spool holds and exits
 * ({@code drain}).
 *
 * <p>Arguments: lakehouse URI, user, password, spool directory, {@code load} or {@code drain}, producer
 * number, sync policy ({@code always}, {@code every} or {@code os}).
 */
public final class SpoolChild {
    private SpoolChild() {}

    public static void main(String[] args) throws IOException {
        LakehouseClient client = LakehouseClient.builder()
                .baseUri(URI.create(args[0]))
                .credentials(args[1], args[2])
                .build();
        SyncPolicy sync = switch (args[6]) {
            case "always" -> SyncPolicy.always();
            case "os" -> SyncPolicy.os();
            default -> SyncPolicy.every(Duration.ofMillis(20));
        };
        TrackerConfig config = TrackerConfig.builder()
                .spool(SpoolConfig.builder(Path.of(args[3])).sync(sync).build())
                .linger(Duration.ofMillis(50))
                .maxBatchRows(500)
                .initialBackoff(Duration.ofMillis(50))
                .maxBackoff(Duration.ofMillis(200))
                .shutdownHook(false)
                .build();
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        try (Lakeside lakeside = Lakeside.builder(client).tracker(config).build()) {
            Tracker tracker = lakeside.tracker();
            out.write("ready " + tracker.spoolRecovery().orElseThrow() + "\n");
            out.flush();
            if (args[4].equals("drain")) {
                FlushResult flushed = tracker.flush().join();
                out.write("drained " + flushed.stored() + "\n");
                out.flush();
                return;
            }
            int producer = Integer.parseInt(args[5]);
            for (long seq = 0; ; seq++) {
                UUID id = UUID.randomUUID();
                TrackedEvent event = new TrackedEvent(id, producer, seq, "p" + producer + "-" + seq, Instant.now());
                if (tracker.track(event) == TrackResult.ACCEPTED) {
                    out.write(id.toString());
                    out.write('\n');
                }
                if (seq % 20 == 19) {
                    out.flush();
                    LockSupport.parkNanos(4_000_000);
                }
            }
        }
    }
}
