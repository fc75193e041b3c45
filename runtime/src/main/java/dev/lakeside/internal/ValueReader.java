package dev.lakeside.internal;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Reads one value at the parser's current token (null for a JSON null). */
@FunctionalInterface
public interface ValueReader<T> {
    T read(JsonParser parser) throws IOException;
}
