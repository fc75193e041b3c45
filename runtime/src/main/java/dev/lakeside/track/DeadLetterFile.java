package dev.lakeside.track;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.lakeside.client.TableRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The dead-letter sink: rows given up are appended to {@code dead-letters-<time>.ndjson} in the configured
 * directory, one JSON object per line naming the table, the record type, the reason, the message, the time
 * and the row itself, and synced before the spool forgets them. {@link #read} reads such a file back for
 * {@link Tracker#replayDeadLetters}.
 */
final class DeadLetterFile {
    private static final JsonFactory JSON = new JsonFactory();

    /** One line of a dead-letter file. */
    record Line(TableRef table, String type, byte[] row) {}

    private final Path directory;
    private final Function<TableRef, String> types;
    private Path file;
    private FileChannel channel;
    private OutputStream out;

    DeadLetterFile(Path directory, Function<TableRef, String> types) {
        this.directory = directory;
        this.types = types;
    }

    /** Appends {@code letter}'s rows and syncs; false (after logging) when the file cannot be written. */
    synchronized boolean write(DeadLetter letter, Instant at) {
        if (letter.rows().isEmpty()) {
            return true; // a record that could not be written: no row to keep
        }
        try {
            if (channel == null) {
                open();
            }
            ByteArrayBuilder bytes = new ByteArrayBuilder(256);
            try (JsonGenerator json = JSON.createGenerator(bytes)) {
                json.setRootValueSeparator(null);
                String type = types.apply(letter.table());
                for (byte[] row : letter.rows()) {
                    json.writeStartObject();
                    json.writeObjectFieldStart("table");
                    json.writeStringField("catalog", letter.table().catalog());
                    json.writeStringField("schema", letter.table().schema());
                    json.writeStringField("name", letter.table().table());
                    json.writeEndObject();
                    if (type != null) {
                        json.writeStringField("record", type);
                    }
                    json.writeStringField("reason", letter.reason().name());
                    json.writeStringField("message", letter.message());
                    json.writeStringField("at", at.toString());
                    json.writeFieldName("row");
                    json.writeRawValue(new String(row, StandardCharsets.UTF_8));
                    json.writeEndObject();
                    json.writeRaw('\n');
                }
            }
            out.write(bytes.toByteArray());
            out.flush();
            channel.force(false);
            return true;
        } catch (IOException | RuntimeException e) {
            System.getLogger("dev.lakeside.track.Tracker")
                    .log(
                            System.Logger.Level.ERROR,
                            "cannot write " + letter.rows().size() + " dead letter(s) for " + letter.table() + " to "
                                    + (file != null ? file : directory) + ": " + e);
            closeQuietly();
            return false;
        }
    }

    /** The file being written, or null before the first letter. */
    synchronized Path current() {
        return file;
    }

    /** Starts a new file with the next letter (so that the current one can be replayed). */
    synchronized void rotate() {
        closeQuietly();
    }

    synchronized void close() {
        closeQuietly();
    }

    private void open() throws IOException {
        Files.createDirectories(directory);
        long stamp = System.currentTimeMillis();
        while (true) {
            Path candidate = directory.resolve("dead-letters-" + stamp + ".ndjson");
            try {
                channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                file = candidate;
                out = Channels.newOutputStream(channel);
                return;
            } catch (FileAlreadyExistsException e) {
                stamp++;
            }
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
        channel = null;
        out = null;
        file = null;
    }

    /** Reads a dead-letter file: every line, in order. */
    static List<Line> read(Path file) {
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank()) {
                    lines.add(line(file, number, text));
                }
            }
        } catch (IOException e) {
            throw new SpoolException(file, "cannot read the dead-letter file " + file + ": " + e, e);
        }
        return lines;
    }

    private static Line line(Path file, int number, String text) {
        String catalog = null;
        String schema = null;
        String name = null;
        String type = null;
        byte[] row = null;
        try (JsonParser parser = JSON.createParser(text)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, file, number, "a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "table" -> {
                        expect(value == JsonToken.START_OBJECT, file, number, "\"table\" to be an object");
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String part = parser.currentName();
                            parser.nextToken();
                            switch (part) {
                                case "catalog" -> catalog = parser.getValueAsString();
                                case "schema" -> schema = parser.getValueAsString();
                                case "name" -> name = parser.getValueAsString();
                                default -> parser.skipChildren();
                            }
                        }
                    }
                    case "record" -> type = parser.getValueAsString();
                    case "row" -> {
                        expect(value == JsonToken.START_OBJECT, file, number, "\"row\" to be a JSON object");
                        // the row's own text, so that no number is re-encoded
                        int start = (int) parser.currentTokenLocation().getCharOffset();
                        parser.skipChildren();
                        int end = (int) parser.currentLocation().getCharOffset();
                        row = text.substring(start, end).getBytes(StandardCharsets.UTF_8);
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new SpoolException(
                    file, "line " + number + " of the dead-letter file " + file + " is not valid JSON: " + e, e);
        }
        expect(catalog != null && schema != null && name != null, file, number, "\"table\" with catalog, schema, name");
        expect(row != null, file, number, "a \"row\" object");
        return new Line(TableRef.of(catalog, schema, name), type, row);
    }

    private static void expect(boolean condition, Path file, int number, String what) {
        if (!condition) {
            throw new SpoolException(
                    file, "line " + number + " of the dead-letter file " + file + ": expected " + what, null);
        }
    }
}
