package dev.lakeside.client;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One result column from the second line of a {@code /query} response.
 *
 * @param name the column name
 * @param type the DuckDB type name as sent ({@code BIGINT}, {@code DECIMAL(10,2)}, {@code STRUCT(a INTEGER)}), or
 *     null when the server sends names only (the reference mock); cells of such columns decode as plain JSON
 */
public record Column(String name, @Nullable String type) {
    public Column {
        Objects.requireNonNull(name, "name == null");
    }
}
