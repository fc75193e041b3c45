package dev.lakeside.track;

/**
 * What a {@link Tracker#flush()} saw: the rows it covered, by outcome.
 *
 * <p>A flush covers every row accepted before it was called. Its future completes normally with this
 * result when none of those rows was lost; otherwise it fails with a {@link FlushException} that
 * carries it. A loss is counted by every flush that covers the row, unless a flush that completed
 * before this one was called reported it already.
 *
 * @param stored covered rows the lakehouse confirmed as stored while the flush waited
 * @param deadLettered covered rows given up (handed to {@link TrackerListener#onDeadLetter})
 * @param dropped covered rows discarded from a full queue ({@link FullPolicy#dropOldest()})
 */
public record FlushResult(long stored, long deadLettered, long dropped) {
    /** Whether no covered row was lost. */
    public boolean allStored() {
        return deadLettered == 0 && dropped == 0;
    }
}
