package dev.lakeside.integration;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.track.TrackerConfig;
import java.net.URI;
import java.time.Duration;

/**
 * Run in a child JVM: tracks rows with a linger far longer than its life and returns from {@code main}
 * without closing anything. Only the tracker's shutdown hook can deliver them.
 */
public final class TrackAndExit {
    private TrackAndExit() {}

    public static void main(String[] args) {
        LakehouseClient client = LakehouseClient.builder()
                .baseUri(URI.create(args[0]))
                .credentials(args[1], args[2])
                .build();
        Lakeside lakeside = Lakeside.builder(client)
                .tracker(TrackerConfig.builder()
                        .linger(Duration.ofHours(1))
                        .schemaMode(dev.lakeside.track.SchemaMode.NONE)
                        .build())
                .build();
        int rows = Integer.parseInt(args[3]);
        for (int i = 0; i < rows; i++) {
            lakeside.tracker().track(TrackedEvent.of(77, i));
        }
        System.out.println("tracked " + rows);
    }
}
