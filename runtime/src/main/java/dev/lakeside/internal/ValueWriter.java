package dev.lakeside.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes one non-null value; generated writers pass these for list elements and map values. */
@FunctionalInterface
public interface ValueWriter<T> {
    void write(JsonGenerator generator, T value) throws IOException;
}
