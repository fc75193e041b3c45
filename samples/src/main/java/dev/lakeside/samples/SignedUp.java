package dev.lakeside.samples;

import dev.lakeside.annotations.EventId;
import dev.lakeside.annotations.LakehouseTable;
import java.time.Instant;
import java.util.UUID;

/**
 * A visitor created an account (table {@code signed_up}).
 *
 * @param eventId filled with a UUIDv7 by the tracker when null
 * @param visitorId the visitor who signed up
 * @param customerId the new customer's id
 * @param plan the plan chosen at sign-up
 * @param occurredAt when
 */
@LakehouseTable
public record SignedUp(@EventId UUID eventId, String visitorId, String customerId, Plan plan, Instant occurredAt) {}
