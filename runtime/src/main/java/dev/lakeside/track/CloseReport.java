package dev.lakeside.track;

/**
 * How {@link Tracker#close(java.time.Duration)} ended.
 *
 * @param drained whether every accepted row was delivered or finally failed within the deadline
 * @param undelivered rows given up at the deadline, handed to the listener as {@link DeadLetter.Reason#CLOSED};
 *     a row that was in flight then may still have been stored
 * @param stats the counters after closing
 */
public record CloseReport(boolean drained, long undelivered, TrackerStats stats) {}
