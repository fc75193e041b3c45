package dev.lakeside.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code POST /upsert} or {@code POST /upload}. The API documents only the 200 status; servers that
 * say more (the local lakehouse answers {@code {"ok": true, "rows": n}}) fill the fields.
 *
 * @param rows the rows written, or null when the server does not say
 * @param fields the whole JSON answer, empty when the body was empty
 */
public record IngestResult(@Nullable Long rows, Map<String, Object> fields) {
    public IngestResult {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
