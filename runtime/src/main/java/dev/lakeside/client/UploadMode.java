package dev.lakeside.client;

import java.util.Locale;

/** How {@code POST /upload} writes a file into its table. */
public enum UploadMode {
    /** Create the table from the file; fails if it exists. */
    CREATE,
    /** Append to an existing table. */
    APPEND,
    /** Create the table if missing, then append. */
    CREATE_APPEND,
    /** Drop and recreate the table from the file. */
    OVERWRITE;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
