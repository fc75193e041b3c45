package dev.lakeside.repository;

/**
 * The maximum number of rows a finder returns: {@code LIMIT n}. A finder parameter of this type must
 * not be null; use {@link #unlimited()}.
 */
public final class Limit {
    private static final Limit UNLIMITED = new Limit(-1);
    private final int max;

    private Limit(int max) {
        this.max = max;
    }

    /**
     * At most {@code max} rows.
     *
     * @throws IllegalArgumentException if {@code max} is negative
     */
    public static Limit of(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("expected a limit >= 0, found " + max);
        }
        return new Limit(max);
    }

    /** No limit. */
    public static Limit unlimited() {
        return UNLIMITED;
    }

    public boolean isLimited() {
        return max >= 0;
    }

    /**
     * The maximum.
     *
     * @throws IllegalStateException if {@link #isLimited()} is false
     */
    public int max() {
        if (max < 0) {
            throw new IllegalStateException("Limit.unlimited() has no maximum");
        }
        return max;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Limit that && that.max == max;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(max);
    }

    @Override
    public String toString() {
        return max < 0 ? "Limit.unlimited()" : "Limit.of(" + max + ")";
    }
}
