package dev.lakeside.samples;

import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.time.Instant;
import java.util.UUID;

/**
 * A visitor viewed a page (table {@code page_viewed}).
 *
 * @param eventId filled with a UUIDv7 by the tracker when null
 * @param visitorId the anonymous visitor
 * @param path the page's path
 * @param occurredAt when the page was shown
 * @param durationMs how long the visitor stayed on it
 */
@LakehouseTable
public record PageViewed(@EventId UUID eventId, String visitorId, String path, Instant occurredAt, int durationMs) {}
