package dev.lakeside.repository;

import dev.lakeside.client.ErrorCode;
import dev.lakeside.client.LakehouseException;
import dev.lakeside.client.TableRef;
import org.jspecify.annotations.Nullable;

/**
 * The lakehouse answered a repository write ({@code insert…}, {@code upsert…}) but did not store
 * the rows: {@code /append} said {@code ok: false}, or {@code /upsert} did. Nothing of the request
 * was stored. Transport failures are {@link dev.lakeside.client.LakehouseException}s instead.
 */
public final class WriteRejectedException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final transient TableRef table;
    private final String endpoint;
    private final String serverCode;
    private final ErrorCode code;

    /**
     * @param table the table written to
     * @param endpoint {@code /append} or {@code /upsert}
     * @param errorCode the server's error class ({@code invalid-data}, {@code incompatible-schema}), or null
     * @param errorMessage the server's explanation, or null
     */
    public WriteRejectedException(
            TableRef table, String endpoint, @Nullable String errorCode, @Nullable String errorMessage) {
        super(
                endpoint + " refused the rows for " + table + ": expected ok, found "
                        + (errorCode == null ? "an error" : "error " + errorCode)
                        + (errorMessage == null ? "" : ": " + errorMessage) + ". Nothing of this request was stored.",
                null);
        this.table = table;
        this.endpoint = endpoint;
        this.serverCode = errorCode;
        this.code = ErrorCode.of(errorCode, errorMessage);
    }

    /** The table written to. */
    public TableRef table() {
        return table;
    }

    /** {@code /append} or {@code /upsert}. */
    public String endpoint() {
        return endpoint;
    }

    /** What the server's refusal means. */
    @Override
    public ErrorCode errorCode() {
        return code;
    }

    /** The server's error class as it sent it, such as {@code invalid-data}, or null when it gave none. */
    public @Nullable String serverCode() {
        return serverCode;
    }
}
