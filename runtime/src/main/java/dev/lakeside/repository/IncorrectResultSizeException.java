package dev.lakeside.repository;

import dev.lakeside.client.LakehouseException;

/**
 * A finder returning a single {@code T} matched no row, or a finder returning {@code T} or
 * {@code Optional<T>} matched more than one.
 */
public final class IncorrectResultSizeException extends LakehouseException {
    private static final long serialVersionUID = 1L;
    private final String method;
    private final String expected;
    private final long found;

    public IncorrectResultSizeException(String method, String expected, long found) {
        super(
                method + " expected " + expected + ", found " + (found > 1 ? "more than one row" : found + " rows")
                        + ". Fix: return Optional<T> to allow no row, or List<T>/Stream<T> for many, or narrow the predicate.",
                null);
        this.method = method;
        this.expected = expected;
        this.found = found;
    }

    /** The repository method, e.g. {@code PageViews.findByEventId}. */
    public String method() {
        return method;
    }

    /** What the return type allows, e.g. {@code "exactly one row"}. */
    public String expected() {
        return expected;
    }

    /** The number of rows read before giving up (2 means "more than one"). */
    public long found() {
        return found;
    }
}
