package dev.lakeside.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A file body for {@code /upload} and {@code /upsert}: bytes, a file or a stream, sent as is (a file or stream is
 * streamed, never read into memory). The {@code Content-Type} is the one given with {@link #withContentType}, else
 * inferred: from the file extension ({@code .csv}, {@code .json}, {@code .jsonl}, {@code .ndjson},
 * {@code .parquet}), else from the first bytes ({@code PAR1} is Parquet, a leading <code>{</code> or {@code [} is JSON,
 * anything else CSV).
 *
 * <p>A stream body can be sent once, so a call with one is never retried.
 */
public final class IngestBody {
    static final String CSV = "text/csv";
    static final String JSON = "application/json";
    static final String PARQUET = "application/parquet";

    private final byte[] bytes;
    private final Path file;
    private final InputStream stream;
    private final String contentType;

    private IngestBody(byte[] bytes, Path file, InputStream stream, String contentType) {
        this.bytes = bytes;
        this.file = file;
        this.stream = stream;
        this.contentType = contentType;
    }

    /** The bytes, not copied: do not change them until the call returns. */
    public static IngestBody of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes == null");
        return new IngestBody(bytes, null, null, sniff(bytes, bytes.length));
    }

    /**
     * A file, streamed.
     *
     * @throws IllegalArgumentException if it is not a readable regular file
     */
    public static IngestBody of(Path file) {
        Objects.requireNonNull(file, "file == null");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("expected a readable file, found " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".csv")
                ? CSV
                : name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")
                        ? JSON
                        : name.endsWith(".parquet") ? PARQUET : null;
        if (type == null) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(64);
                type = sniff(head, head.length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new IngestBody(null, file, null, type);
    }

    /** A stream, read once while sending; the client closes it. */
    public static IngestBody of(InputStream stream) {
        Objects.requireNonNull(stream, "stream == null");
        InputStream in = stream.markSupported() ? stream : new BufferedInputStream(stream);
        try {
            in.mark(64);
            byte[] head = in.readNBytes(64);
            in.reset();
            return new IngestBody(null, null, in, sniff(head, head.length));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the start of the stream", e);
        }
    }

    /** The same body with an explicit {@code Content-Type}. */
    public IngestBody withContentType(String contentType) {
        Objects.requireNonNull(contentType, "contentType == null");
        if (contentType.isBlank() || contentType.indexOf('\n') >= 0 || contentType.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("expected a media type, found '" + contentType + "'");
        }
        return new IngestBody(bytes, file, stream, contentType);
    }

    public String contentType() {
        return contentType;
    }

    boolean replayable() {
        return stream == null;
    }

    HttpRequest.BodyPublisher publisher() {
        if (bytes != null) {
            return HttpRequest.BodyPublishers.ofByteArray(bytes);
        }
        if (file != null) {
            try {
                return HttpRequest.BodyPublishers.ofFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return HttpRequest.BodyPublishers.ofInputStream(() -> stream);
    }

    static String sniff(byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
            return PARQUET;
        }
        for (int i = 0; i < length; i++) {
            byte b = head[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            if (i == 0
                    && length >= 3
                    && (head[0] & 0xff) == 0xEF
                    && (head[1] & 0xff) == 0xBB
                    && (head[2] & 0xff) == 0xBF) {
                i += 2; // UTF-8 byte order mark
                continue;
            }
            return b == '{' || b == '[' ? JSON : CSV;
        }
        return CSV;
    }

    @Override
    public String toString() {
        String source = bytes != null ? bytes.length + " bytes" : file != null ? file.toString() : "a stream";
        return "IngestBody{" + source + ", " + contentType + "}";
    }
}
