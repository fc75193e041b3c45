package dev.lakeside.client;

import java.util.Locale;

/** The {@code mode} of {@code POST /upsert} as the API documents it; unset means {@link #UPSERT}. */
public enum UpsertMode {
    /** Create the table from the file; fails if it exists. */
    CREATE,
    /** Append to the existing table. */
    APPEND,
    /** Update rows with the same primary key and insert the others; needs a primary key. */
    UPSERT,
    /** Drop and recreate the table from the file. */
    OVERWRITE;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
