package dev.lakeside.benchmarks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakeside.client.QueryStream;
import dev.lakeside.client.Row;
import dev.lakeside.client.RowCursor;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rows per second decoded from a captured {@code /query} body of 1 million rows with 6 mixed columns (BIGINT,
 * VARCHAR, DOUBLE, BOOLEAN, TIMESTAMP, DECIMAL), in the local lakehouse's encoding. The score is rows/s.
 *
 * <ul>
 *   <li>{@code lakesideRows}: this client's typed decoding into {@link Row}s;
 *   <li>{@code lakesideCursor}: the row-token API a generated row mapper uses, decoding each cell by type;
 *   <li>{@code readTreePerLine}: the official SDKs' approach, {@code BufferedReader.readLine} then
 *       {@code ObjectMapper.readTree} per line, cells left as {@link JsonNode}s (the baseline);
 *   <li>{@code readTreePerLineTyped}: the baseline plus the conversions a user then needs for typed values.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(QueryDecodeBenchmark.ROWS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class QueryDecodeBenchmark {
    static final int ROWS = 1_000_000;

    private byte[] body;
    private final ObjectMapper mapper = new ObjectMapper();

    @Setup(Level.Trial)
    public void capture() throws IOException {
        body = body(ROWS);
    }

    /** The body as the local lakehouse writes it for a 6-column table. */
    public static byte[] body(int rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows * 96);
        out.write(
                ("{\"statement\":\"SELECT * FROM events\",\"rows_limit\":null,\"rows_offset\":null,\"init_time_ms\":3,"
                                + "\"connections_errors\":{},\"session_id\":\"4b1e3c52-7f0e-4f61-9a53-0d1e2f3a4b5c\","
                                + "\"query_id\":\"0b7c5f0e-2f5e-4a53-9d0e-8f2f5d8e5c11\",\"worker_slug\":\"lakeside-local\"}\n"
                                + "[{\"name\":\"id\",\"type\":\"BIGINT\"},{\"name\":\"user_name\",\"type\":\"VARCHAR\"},"
                                + "{\"name\":\"score\",\"type\":\"DOUBLE\"},{\"name\":\"active\",\"type\":\"BOOLEAN\"},"
                                + "{\"name\":\"created_at\",\"type\":\"TIMESTAMP\"},{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"}]\n")
                        .getBytes(StandardCharsets.UTF_8));
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < rows; i++) {
            line.setLength(0);
            line.append('[')
                    .append(1_000_000_000L + i)
                    .append(",\"user-")
                    .append(i % 50_000)
                    .append("\",")
                    .append((i % 1000) / 8.0)
                    .append(',')
                    .append(i % 3 == 0)
                    .append(",\"2024-")
                    .append(two(1 + i % 12))
                    .append('-')
                    .append(two(1 + i % 28))
                    .append('T')
                    .append(two(i % 24))
                    .append(':')
                    .append(two(i % 60))
                    .append(':')
                    .append(two((i / 60) % 60))
                    .append('.')
                    .append(100_000 + i % 900_000)
                    .append("\",")
                    .append(i % 100_000)
                    .append('.')
                    .append(two(i % 100))
                    .append("]\n");
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    @Benchmark
    public void lakesideRows(Blackhole bh) {
        try (QueryStream result = QueryStream.read(new ByteArrayInputStream(body))) {
            for (Row row : result) {
                bh.consume(row);
            }
        }
    }

    @Benchmark
    public void lakesideCursor(Blackhole bh) throws IOException {
        try (QueryStream result = QueryStream.read(new ByteArrayInputStream(body))) {
            RowCursor rows = result.cursor();
            while (rows.next()) {
                JsonParser p = rows.parser();
                for (int i = 0; i < 6; i++) {
                    p.nextToken();
                    bh.consume(rows.read(i));
                }
            }
        }
    }

    @Benchmark
    public void readTreePerLine(Blackhole bh) throws IOException {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
            bh.consume(mapper.readTree(reader.readLine())); // metadata
            bh.consume(mapper.readTree(reader.readLine())); // columns
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode row = mapper.readTree(line);
                List<JsonNode> cells = new ArrayList<>(row.size());
                row.forEach(cells::add);
                bh.consume(cells);
            }
        }
    }

    @Benchmark
    public void readTreePerLineTyped(Blackhole bh) throws IOException {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
            reader.readLine();
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode row = mapper.readTree(line);
                bh.consume(row.get(0).asLong());
                bh.consume(row.get(1).asText());
                bh.consume(row.get(2).asDouble());
                bh.consume(row.get(3).asBoolean());
                bh.consume(LocalDateTime.parse(row.get(4).asText()));
                bh.consume(new BigDecimal(row.get(5).asText()).setScale(2));
            }
        }
    }
}
