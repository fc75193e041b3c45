package dev.lakeside.client;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a server error means, read once from the wire: the {@code error_code} the API sends, or for errors it sends
 * only as text, the DuckDB message. Callers branch on this, never on message text.
 */
public enum ErrorCode {
    /** {@code invalid-data}: a value does not fit its column. */
    INVALID_DATA,
    /** {@code incompatible-schema}: the rows do not match the table. */
    INCOMPATIBLE_SCHEMA,
    /** {@code write-conflict}: another write to the table won a race; nothing was stored, sending again can succeed. */
    WRITE_CONFLICT,
    /** The table (or its catalog or schema) does not exist. */
    TABLE_NOT_FOUND,
    /** Anything else, or no error. */
    OTHER;

    /** The meaning of a server's {@code code} and message; either may be null. */
    public static ErrorCode of(@Nullable String code, @Nullable String message) {
        if (code != null) {
            switch (code.toLowerCase(Locale.ROOT)) {
                case "invalid-data":
                    return INVALID_DATA;
                case "incompatible-schema":
                    return INCOMPATIBLE_SCHEMA;
                case "write-conflict":
                    return WRITE_CONFLICT;
                case "table-not-found":
                    return TABLE_NOT_FOUND;
                default:
                    break;
            }
        }
        // DuckDB: "Catalog Error: Table with name t does not exist!", "… Schema with name s does not exist!"
        if (message != null
                && message.contains(" does not exist")
                && (message.contains("Table with name")
                        || message.contains("Schema with name")
                        || message.contains("Catalog \""))) {
            return TABLE_NOT_FOUND;
        }
        return OTHER;
    }
}
