package dev.lakeside.track;

/** What the tracker does about a table's schema before the first append to it. */
public enum SchemaMode {
    /** Run the generated {@code CREATE TABLE IF NOT EXISTS} and add missing columns. The default. */
    CREATE,
    /** Compare the table with the record through {@code information_schema}; a drift fails the table's rows. */
    VALIDATE,
    /** Do nothing; the server infers the schema on first append. */
    NONE
}
