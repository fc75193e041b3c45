package dev.lakeside.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The server's one JSON configuration. */
final class Json {
    /** Strings may be as long as a body may be large; the default 20 MB cap would reject big statements. */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(10_000)
                    .build())
            .build();

    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
