package dev.lakeside.track;

/**
 * A snapshot of a tracker's counters and gauges. At every sample {@code accepted == sent + dropped + failed + pending}:
 * every accepted row is in exactly one of those states. With a {@linkplain SpoolConfig spool}, {@code accepted}
 * includes the rows found in it on start, and rows still pending when the tracker closes stay in the spool.
 *
 * @param accepted rows queued by {@link Tracker#track}
 * @param sent rows the server confirmed as stored
 * @param dropped accepted rows discarded to make room ({@link FullPolicy#dropOldest()})
 * @param failed accepted rows given up (dead-lettered)
 * @param pending accepted rows queued or being sent
 * @param refusedQueueFull records refused because the queue was full
 * @param rejectedOversize records refused because they were too large
 * @param rejectedInvalid records refused because they could not be encoded
 * @param rejectedClosed records refused because the tracker was closed
 * @param refusedSpool records refused because the spool could not be written ({@link TrackResult#SPOOL_FAILED})
 * @param sentBatches {@code /append} requests that succeeded
 * @param sentBytes bytes of the request bodies that succeeded
 * @param retried requests retried after a retriable failure
 * @param unauthorized requests the lakehouse refused with 401 or 403 (see {@link Tracker#health()})
 * @param queueBytes bytes held for pending rows
 * @param oldestPendingAgeMillis age of the oldest pending row, 0 when none
 */
public record TrackerStats(
        long accepted,
        long sent,
        long dropped,
        long failed,
        long pending,
        long refusedQueueFull,
        long rejectedOversize,
        long rejectedInvalid,
        long rejectedClosed,
        long refusedSpool,
        long sentBatches,
        long sentBytes,
        long retried,
        long unauthorized,
        long queueBytes,
        long oldestPendingAgeMillis) {}
