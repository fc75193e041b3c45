/**
 * Micrometer meters for Lakeside, with or without Spring: {@link dev.lakeside.micrometer.TrackerMetrics} binds a
 * tracker's counters and gauges, {@link dev.lakeside.micrometer.ClientMetrics} times the client's calls as a
 * {@link dev.lakeside.client.RequestListener}.
 */
@NullMarked
package dev.lakeside.micrometer;

import org.jspecify.annotations.NullMarked;
