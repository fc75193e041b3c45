package dev.lakeside.samples;

/**
 * One row of the top pages.
 *
 * @param path the page
 * @param views how often it was viewed
 * @param visitors by how many distinct visitors
 * @param avgSeconds the average time on the page
 */
public record TopPage(String path, long views, long visitors, double avgSeconds) {}
