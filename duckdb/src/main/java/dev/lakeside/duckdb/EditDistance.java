package dev.lakeside.duckdb;

import java.util.Objects;

/** How far apart two names are, for "did you mean" hints. */
public final class EditDistance {
    private EditDistance() {}

    /**
     * The Levenshtein distance of {@code a} and {@code b}: the fewest one-character insertions, deletions and
     * substitutions that turn one into the other, comparing UTF-16 chars exactly (lower-case both to ignore case).
     *
     * @throws NullPointerException if either is null
     */
    public static int between(String a, String b) {
        Objects.requireNonNull(a, "a == null");
        Objects.requireNonNull(b, "b == null");
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
