package dev.lakeside.client;

import java.net.URI;

/**
 * Run in a forked JVM with a small heap by {@link QueryMemoryTest}: streams a query's rows through the typed
 * iterator and prints the row count and the sum of the first column.
 * Arguments: base URI, user, password, statement.
 */
public final class StreamManyRows {
    private StreamManyRows() {}

    public static void main(String[] args) {
        LakehouseClient client = LakehouseClient.builder()
                .baseUri(URI.create(args[0]))
                .credentials(args[1], args[2])
                .build();
        long rows = 0;
        long sum = 0;
        try (QueryStream result = client.query(args[3])) {
            for (Row row : result) {
                rows++;
                sum += row.get(0, Long.class);
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println("rows=" + rows + " sum=" + sum + " maxHeapMB=" + runtime.maxMemory() / (1024 * 1024));
    }
}
