package dev.lakeside.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.internal.UuidV7;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code track()} on one thread and its parts, round-robin in one JVM (robust to a busy shared machine), in ns per
 * call: {@code track} (a fresh tracker per round that sends nothing while measured, as in {@link TrackBenchmark}),
 * {@code encode} (the generated writer + {@code toByteArray}, null event id filled with a UUIDv7: the encoding part
 * of {@code track}), {@code encodeFixedId} (the same with the event id set), {@code uuidV7} and
 * {@code instantFormat} alone.
 *
 * <pre>java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.lakeside.benchmarks.TrackComparison [rounds] [calls]</pre>
 */
public final class TrackComparison {
    private TrackComparison() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Logger log = Logger.getLogger("dev.lakeside.track.Tracker");
        log.setLevel(Level.SEVERE);
        Blackhole bh = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        TableModel<CheckoutEvent> model = TableModels.of(CheckoutEvent.class);
        CheckoutEvent[] events = new CheckoutEvent[4096];
        CheckoutEvent[] withIds = new CheckoutEvent[4096];
        for (int i = 0; i < events.length; i++) {
            events[i] = CheckoutEvent.sample(i, null);
            withIds[i] = CheckoutEvent.sample(i, CheckoutEvent.id(i));
        }
        ByteArrayBuilder buffer = new ByteArrayBuilder(512);
        JsonGenerator generator = new JsonFactory().createGenerator(buffer);
        generator.setRootValueSeparator(null);
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .user("bench", "bench")
                .threads(2)
                .start()) {
            LakehouseClient client = LakehouseClient.builder()
                    .baseUri(lake.baseUri())
                    .credentials("bench", "bench")
                    .build();
            Tracker[] tracker = {TrackBenchmark.newTracker(client)};
            Map<String, RoundRobin.Task> tasks = new LinkedHashMap<>();
            tasks.put("track", () -> {
                Tracker t = tracker[0];
                for (int n = 0; n < calls; n++) {
                    if (t.track(events[n & 4095]) != TrackResult.ACCEPTED) {
                        throw new IllegalStateException("not accepted: " + t.stats());
                    }
                }
            });
            tasks.put("encode", () -> encode(model, generator, buffer, events, calls, bh));
            tasks.put("encodeFixedId", () -> encode(model, generator, buffer, withIds, calls, bh));
            tasks.put("uuidV7", () -> {
                for (int n = 0; n < calls; n++) {
                    bh.consume(UuidV7.next());
                }
            });
            tasks.put("instantFormat", () -> {
                for (int n = 0; n < calls; n++) {
                    bh.consume(DateTimeFormatter.ISO_INSTANT.format(events[n & 4095].occurredAt()));
                }
            });
            // Round-robin; the "track" round times only the calls: discarding its queued rows and creating the next
            // round's tracker happen after the clock stops.
            Map<String, double[]> times = new LinkedHashMap<>();
            tasks.keySet().forEach(name -> times.put(name, new double[rounds]));
            for (int round = -5; round < rounds; round++) {
                for (Map.Entry<String, RoundRobin.Task> task : tasks.entrySet()) {
                    long start = System.nanoTime();
                    task.getValue().run();
                    long nanos = System.nanoTime() - start;
                    if (round >= 0) {
                        times.get(task.getKey())[round] = nanos / (double) calls;
                    }
                    if (task.getKey().equals("track")) {
                        tracker[0].close(Duration.ZERO);
                        tracker[0] = TrackBenchmark.newTracker(client);
                    }
                }
            }
            RoundRobin.print("ns/call", times, Map.of(), false);
            tracker[0].close(Duration.ZERO);
        }
    }

    private static void encode(
            TableModel<CheckoutEvent> model,
            JsonGenerator generator,
            ByteArrayBuilder buffer,
            CheckoutEvent[] events,
            int calls,
            Blackhole bh)
            throws Exception {
        for (int n = 0; n < calls; n++) {
            model.write(generator, events[n & 4095]);
            generator.flush();
            bh.consume(buffer.toByteArray());
            buffer.reset();
        }
    }
}
