package dev.lakeside.repository;

import java.util.Objects;

/**
 * One page of a finder's results: zero-based page number and page size, with an optional
 * {@link Sort}. A finder that takes it returns {@link Page}, and runs a count query besides the page's
 * own. Immutable.
 *
 * @param page the zero-based page number
 * @param size rows per page, at least 1
 * @param sort orders applied after the finder's own {@code OrderBy}
 */
public record PageRequest(int page, int size, Sort sort) {
    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("expected a page number >= 0, found " + page);
        }
        if (size < 1) {
            throw new IllegalArgumentException("expected a page size >= 1, found " + size);
        }
        Objects.requireNonNull(sort, "sort == null (use Sort.unsorted())");
    }

    /** Page {@code page} (zero-based) of {@code size} rows. */
    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size, Sort.unsorted());
    }

    /** Page {@code page} (zero-based) of {@code size} rows, sorted. */
    public static PageRequest of(int page, int size, Sort sort) {
        return new PageRequest(page, size, sort);
    }

    /** The number of rows before this page. */
    public long offset() {
        return (long) page * size;
    }

    /** The following page. */
    public PageRequest next() {
        return new PageRequest(Math.addExact(page, 1), size, sort);
    }
}
