package dev.lakeside.samples;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Orders and revenue of one UTC day.
 *
 * @param day the day
 * @param orders how many orders
 * @param revenue their total
 */
public record DailyRevenue(LocalDate day, long orders, BigDecimal revenue) {}
