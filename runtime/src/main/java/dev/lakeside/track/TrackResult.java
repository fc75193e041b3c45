package dev.lakeside.track;

/** What {@link Tracker#track} did with a record. It never blocks for transport reasons and never throws for them. */
public enum TrackResult {
    /** Queued for delivery; counted in {@link TrackerStats#accepted()}. */
    ACCEPTED,
    /** Not queued: the queue was full and the policy is {@link FullPolicy#dropNewest()} (or a block timed out). */
    DROPPED_QUEUE_FULL,
    /** Not queued: the encoded row is larger than {@link TrackerConfig#maxBatchBytes()}. */
    REJECTED_OVERSIZE,
    /** Not queued: the record could not be encoded (for example a non-null component was null). */
    REJECTED_INVALID,
    /** Not queued: the tracker is closed. */
    CLOSED,
    /**
     * Not queued: the {@linkplain SpoolConfig spool} cannot be written (a full disk, a directory that became
     * unwritable); {@link Tracker#health()} names the error. Rows accepted before are not affected.
     */
    SPOOL_FAILED;

    /** Whether the record was queued. */
    public boolean accepted() {
        return this == ACCEPTED;
    }
}
