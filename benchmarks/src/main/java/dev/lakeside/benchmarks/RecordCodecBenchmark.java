package dev.lakeside.benchmarks;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.lakeside.client.AppendRequest;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.QueryRequest;
import dev.lakeside.client.TableRef;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.mapping.RowMapper;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * The generated writer and row reader of {@link CheckoutEvent} (10 mixed components) against Jackson databind on
 * the same record, in ns per record. See README.md "RecordCodecBenchmark" for exactly what is compared.
 *
 * <ul>
 *   <li>{@code writeGenerated}: {@code model.write(generator, r)} into a reused buffer (the bytes are left there);
 *   <li>{@code writeGeneratedToBytes}: the same, then {@code toByteArray()}: what {@code Tracker.track} does;
 *   <li>{@code writeDatabind}: {@code ObjectMapper.writeValueAsBytes(r)} (the baseline);
 *   <li>{@code writeDatabindReused}: databind's {@code ObjectWriter} into the same reused generator and buffer;
 *   <li>{@code readGenerated}: the generated {@code RowMapper} on a parser positioned on each row array;
 *   <li>{@code readDatabind}: databind mapping the same row arrays into the record (array shape, the baseline).
 * </ul>
 *
 * <p>The rows read are what the local lakehouse's {@code /query} returns for the written records: they are
 * captured once from a real {@link LocalLakehouse} in {@link #setUp()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(RecordCodecBenchmark.RECORDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RecordCodecBenchmark {
    static final int RECORDS = 1024;
    private static final JsonFactory JSON = new JsonFactory();

    /** Class-level databind configuration of the record for reading rows: a JSON array in column order. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({
        "event_id",
        "user_id",
        "sequence",
        "duration_ms",
        "score",
        "occurred_at",
        "amount",
        "converted",
        "tags",
        "channel"
    })
    abstract static class ArrayShape {}

    private final TableModel<CheckoutEvent> model = TableModels.of(CheckoutEvent.class);
    private CheckoutEvent[] events;
    private ByteArrayBuilder buffer;
    private JsonGenerator generator;
    private ObjectMapper writeMapper;
    private ObjectWriter objectWriter;
    private byte[] rows;
    private RowMapper<CheckoutEvent> rowMapper;
    private ObjectReader rowReader;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        events = new CheckoutEvent[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            events[i] = CheckoutEvent.sample(i, CheckoutEvent.id(i));
        }
        buffer = new ByteArrayBuilder(1024);
        generator = JSON.createGenerator(buffer);
        generator.setRootValueSeparator(null);
        writeMapper = databind().enable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        objectWriter = writeMapper.writerFor(CheckoutEvent.class);
        ObjectMapper readMapper = databind().addMixIn(CheckoutEvent.class, ArrayShape.class);
        rowReader = readMapper.readerFor(CheckoutEvent.class);

        Captured captured = capture(events);
        rows = captured.rows;
        rowMapper = model.reader().bind(captured.columns);
        check();
    }

    /**
     * Databind configured to write the generated writer's JSON for this record: snake_case names, plain decimals,
     * and {@code Instant} as ISO-8601 text. Without jackson-datatype-jsr310 (not an allowed dependency), databind
     * refuses {@code Instant}; the serializer and deserializer here do what jsr310's {@code InstantSerializer} /
     * {@code InstantDeserializer} do with {@code WRITE_DATES_AS_TIMESTAMPS} off ({@code ISO_INSTANT}).
     */
    static ObjectMapper databind() {
        SimpleModule instants = new SimpleModule("instants");
        instants.addSerializer(Instant.class, new StdScalarSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
            }
        });
        instants.addDeserializer(Instant.class, new StdScalarDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return DateTimeFormatter.ISO_INSTANT.parse(p.getText(), Instant::from);
            }
        });
        ObjectMapper mapper = new ObjectMapper();
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.registerModule(instants);
        return mapper;
    }

    private record Captured(List<String> columns, byte[] rows) {}

    /** Appends the events to a fresh local lakehouse with the generated writer and captures the /query rows. */
    private Captured capture(CheckoutEvent[] records) throws IOException {
        try (LocalLakehouse lake = LocalLakehouse.builder()
                .port(0)
                .user("bench", "bench")
                .threads(2)
                .start()) {
            LakehouseClient client = LakehouseClient.builder()
                    .baseUri(lake.baseUri())
                    .credentials("bench", "bench")
                    .build();
            client.queryAll(model.ddl("memory", "main"));
            ByteArrayBuilder body = new ByteArrayBuilder(RECORDS * 300);
            try (JsonGenerator g = JSON.createGenerator(body)) {
                g.writeStartArray();
                for (CheckoutEvent event : records) {
                    model.write(g, event);
                }
                g.writeEndArray();
            }
            TableRef table = TableRef.of("memory", "main", model.name());
            if (!client.append(AppendRequest.ofJson(table, body.toByteArray()).withSync(true))
                    .ok()) {
                throw new IllegalStateException("the local lakehouse refused the benchmark rows");
            }
            byte[] answer;
            try (InputStream in = client.queryRaw(
                    QueryRequest.of("SELECT * FROM memory.main." + model.name() + " ORDER BY sequence"))) {
                answer = in.readAllBytes();
            }
            String[] lines = new String(answer, StandardCharsets.UTF_8).split("\n");
            List<String> columns = new ArrayList<>();
            for (JsonNode column : new ObjectMapper().readTree(lines[1])) {
                columns.add(column.get("name").asText());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(answer.length);
            int count = 0;
            for (int i = 2; i < lines.length; i++) {
                if (lines[i].startsWith("[")) {
                    out.write(lines[i].getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                    count++;
                }
            }
            if (count != records.length) {
                throw new IllegalStateException("expected " + records.length + " rows, found " + count);
            }
            return new Captured(columns, out.toByteArray());
        }
    }

    /** Both sides must do the same work: same JSON written, same records read. */
    private void check() throws IOException {
        ObjectMapper tree = new ObjectMapper();
        for (CheckoutEvent event : events) {
            model.write(generator, event);
            generator.flush();
            JsonNode generated = tree.readTree(buffer.toByteArray());
            buffer.reset();
            JsonNode databind = tree.readTree(writeMapper.writeValueAsBytes(event));
            if (!generated.equals(databind)) {
                throw new IllegalStateException("the writers differ:\n" + generated + "\n" + databind);
            }
        }
        List<CheckoutEvent> generated = new ArrayList<>();
        List<CheckoutEvent> databind = new ArrayList<>();
        try (JsonParser p = JSON.createParser(rows)) {
            long n = 0;
            while (p.nextToken() == JsonToken.START_ARRAY) {
                generated.add(rowMapper.read(p, ++n));
            }
        }
        try (JsonParser p = JSON.createParser(rows)) {
            while (p.nextToken() == JsonToken.START_ARRAY) {
                databind.add(rowReader.readValue(p));
            }
        }
        if (!generated.equals(databind) || generated.size() != RECORDS) {
            throw new IllegalStateException("the readers differ: " + generated.get(0) + " / " + databind.get(0));
        }
        for (int i = 0; i < RECORDS; i++) {
            CheckoutEvent read = generated.get(i);
            if (!Objects.equals(read.eventId(), events[i].eventId())
                    || !read.occurredAt().equals(events[i].occurredAt())
                    || read.amount().compareTo(events[i].amount()) != 0
                    || !read.tags().equals(events[i].tags())) {
                throw new IllegalStateException("row " + i + " did not round-trip: " + read + " / " + events[i]);
            }
        }
    }

    @Benchmark
    public void writeGenerated(Blackhole bh) throws IOException {
        for (CheckoutEvent event : events) {
            model.write(generator, event);
            generator.flush();
            bh.consume(buffer.size());
            buffer.reset();
        }
    }

    @Benchmark
    public void writeGeneratedToBytes(Blackhole bh) throws IOException {
        for (CheckoutEvent event : events) {
            model.write(generator, event);
            generator.flush();
            bh.consume(buffer.toByteArray());
            buffer.reset();
        }
    }

    @Benchmark
    public void writeDatabind(Blackhole bh) throws IOException {
        for (CheckoutEvent event : events) {
            bh.consume(writeMapper.writeValueAsBytes(event));
        }
    }

    @Benchmark
    public void writeDatabindReused(Blackhole bh) throws IOException {
        for (CheckoutEvent event : events) {
            objectWriter.writeValue(generator, event);
            bh.consume(buffer.size());
            buffer.reset();
        }
    }

    @Benchmark
    public void readGenerated(Blackhole bh) throws IOException {
        try (JsonParser p = JSON.createParser(rows)) {
            long n = 0;
            while (p.nextToken() == JsonToken.START_ARRAY) {
                bh.consume(rowMapper.read(p, ++n));
            }
        }
    }

    @Benchmark
    public void readDatabind(Blackhole bh) throws IOException {
        try (JsonParser p = JSON.createParser(rows)) {
            while (p.nextToken() == JsonToken.START_ARRAY) {
                bh.consume(rowReader.<CheckoutEvent>readValue(p));
            }
        }
    }
}
