package dev.lakeside.track;

import dev.lakeside.client.LakehouseException;

/** Completes a {@link Tracker#trackAsync} future whose record was not queued at all. */
public final class TrackRejectedException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    private final TrackResult result;

    TrackRejectedException(TrackResult result, String detail) {
        super("record was not tracked: " + result + (detail == null ? "" : ": " + detail), null);
        this.result = result;
    }

    /** Why: anything but {@link TrackResult#ACCEPTED}. */
    public TrackResult result() {
        return result;
    }
}
