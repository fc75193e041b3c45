package dev.lakeside.track;

/**
 * What a tracker found in its spool when it started: rows a previous process accepted and that may not
 * have been stored. They are sent again, in their order per table, before any row tracked since; a row
 * stored just before the crash is stored twice, with the same event id.
 *
 * @param segments segment files read
 * @param rows rows replayed
 * @param corruptRegions torn or corrupt stretches skipped (a crash in the middle of a write leaves one at a
 *     segment's tail; a row in one was never acknowledged as accepted, unless the disk itself failed)
 * @param skippedBytes the bytes of those stretches
 */
public record SpoolRecovery(int segments, long rows, int corruptRegions, long skippedBytes) {
    /** Whether nothing was skipped. */
    public boolean clean() {
        return corruptRegions == 0;
    }
}
