/**
 * The tracker: {@link dev.lakeside.track.Tracker#track} hands a record to a bounded pipeline that batches rows per
 * table into {@code /append} calls, retries transient failures with backoff, dead-letters what cannot be delivered
 * ({@link dev.lakeside.track.TrackerListener}) and drains on close. {@link dev.lakeside.track.TrackerConfig} sets the
 * bounds; {@link dev.lakeside.track.Tracker#health()} and {@link dev.lakeside.track.TrackerStats} say how it goes.
 */
@NullMarked
package dev.lakeside.track;

import org.jspecify.annotations.NullMarked;
