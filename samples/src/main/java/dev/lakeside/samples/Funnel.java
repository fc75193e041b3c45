package dev.lakeside.samples;

/**
 * The sign-up funnel: distinct visitors at each step.
 *
 * @param visited visitors who viewed at least one page
 * @param signedUp of those, visitors who signed up
 * @param ordered of those, visitors whose account placed an order
 */
public record Funnel(long visited, long signedUp, long ordered) {}
