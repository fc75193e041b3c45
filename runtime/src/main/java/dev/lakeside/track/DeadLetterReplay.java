package dev.lakeside.track;

/**
 * What {@link Tracker#replayDeadLetters} did with a dead-letter file.
 *
 * @param rows rows read from the file
 * @param stored rows the lakehouse stored
 * @param failed rows given up again (written to a new dead-letter file when the tracker has a directory)
 * @param refused rows the tracker did not accept (a queue still full at the timeout, or closed), or accepted and then
 *     dropped to make room in a full queue ({@link FullPolicy#dropOldest()}): they are in no new dead-letter file
 * @param pending rows accepted but not yet stored or given up at the timeout; they are still delivered
 * @param done whether the file was renamed with the suffix {@code .replayed}: every row was stored, or given up
 *     into a new dead-letter file
 */
public record DeadLetterReplay(long rows, long stored, long failed, long refused, long pending, boolean done) {}
