package dev.lakeside.client;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The query-string options of {@code POST /upsert}: the table, the mode, the primary key (one column or a composite
 * key) and the optional cursor columns that pick the newest row per key.
 *
 * <pre>{@code
 * UpsertRequest request = UpsertRequest.builder(TableRef.of("shop", "main", "users"))
 *     .primaryKey("tenant", "id").cursorField("updated_at").build();
 * client.upsert(request, IngestBody.of(Path.of("users.parquet")));
 * }</pre>
 */
public final class UpsertRequest {
    private final TableRef table;
    private final UpsertMode mode;
    private final List<String> primaryKey;
    private final List<String> cursorField;

    private UpsertRequest(Builder b) {
        this.table = b.table;
        this.mode = b.mode;
        this.primaryKey = b.primaryKey;
        this.cursorField = b.cursorField;
    }

    public static Builder builder(TableRef table) {
        return new Builder(table);
    }

    public TableRef table() {
        return table;
    }

    /** The mode, or null to let the server default to {@code upsert}. */
    public @Nullable UpsertMode mode() {
        return mode;
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public List<String> cursorField() {
        return cursorField;
    }

    @Override
    public String toString() {
        return "UpsertRequest{" + table + (mode == null ? "" : ", mode=" + mode) + ", primaryKey=" + primaryKey
                + (cursorField.isEmpty() ? "" : ", cursorField=" + cursorField) + "}";
    }

    /** Builds an {@link UpsertRequest}; each option can be set once. */
    public static final class Builder {
        private final TableRef table;
        private UpsertMode mode;
        private List<String> primaryKey = List.of();
        private List<String> cursorField = List.of();
        private boolean primaryKeySet;
        private boolean cursorFieldSet;

        private Builder(TableRef table) {
            this.table = Objects.requireNonNull(table, "table == null");
        }

        public Builder mode(UpsertMode mode) {
            if (this.mode != null) {
                throw new IllegalStateException("mode was already set");
            }
            this.mode = Objects.requireNonNull(mode, "mode == null");
            return this;
        }

        /** The key columns: one, or several for a composite key. */
        public Builder primaryKey(String... columns) {
            if (primaryKeySet) {
                throw new IllegalStateException("primaryKey was already set");
            }
            primaryKey = columns("primaryKey", columns);
            primaryKeySet = true;
            return this;
        }

        /** Columns ordering rows with the same key: the newest wins, null cursors never win. */
        public Builder cursorField(String... columns) {
            if (cursorFieldSet) {
                throw new IllegalStateException("cursorField was already set");
            }
            cursorField = columns("cursorField", columns);
            cursorFieldSet = true;
            return this;
        }

        private static List<String> columns(String option, String... columns) {
            Objects.requireNonNull(columns, option + " == null");
            if (columns.length == 0) {
                throw new IllegalArgumentException(option + " needs at least one column");
            }
            for (String column : columns) {
                Objects.requireNonNull(column, option + " column == null");
                if (column.isBlank() || column.indexOf(',') >= 0) {
                    throw new IllegalArgumentException(
                            option + " columns must be non-blank and contain no comma, found '" + column + "' in "
                                    + Arrays.toString(columns));
                }
            }
            return List.of(columns);
        }

        /**
         * @throws IllegalStateException if the mode is {@code upsert} (or unset) and no primary key was given
         */
        public UpsertRequest build() {
            if ((mode == null || mode == UpsertMode.UPSERT) && primaryKey.isEmpty()) {
                throw new IllegalStateException(
                        "mode " + (mode == null ? "(default upsert)" : "upsert") + " needs a primaryKey");
            }
            return new UpsertRequest(this);
        }
    }
}
