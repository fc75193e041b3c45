package dev.lakeside.samples;

import java.time.LocalDate;

/**
 * A count of one UTC day.
 *
 * @param day the day
 * @param value the count
 */
public record DailyCount(LocalDate day, long value) {}
