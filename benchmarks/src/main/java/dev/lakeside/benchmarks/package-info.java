/**
 * The JMH suite, outside the normal test run. Each {@code *Comparison} measures Lakeside against a baseline in the
 * same run (a hand-written or naive equivalent), so results read as ratios; see the module's README for how to run
 * them.
 */
package dev.lakeside.benchmarks;
