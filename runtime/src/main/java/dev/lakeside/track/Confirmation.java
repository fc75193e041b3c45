package dev.lakeside.track;

/** When a row counts as sent. */
public enum Confirmation {
    /** Appends go with {@code sync=true}: the response arrives once the rows are stored. The default. */
    SYNC,
    /** Appends go asynchronously and the tracker polls {@code GET /tasks/{id}} until the task completes. */
    POLL_TASKS
}
