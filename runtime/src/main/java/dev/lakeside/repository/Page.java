package dev.lakeside.repository;

import java.util.List;
import java.util.Objects;

/**
 * One page of results and the total count of matching rows (counted by a second query, so the two
 * can disagree if the table changes in between). Immutable.
 *
 * @param content the rows of this page, at most {@code request.size()}
 * @param request the request that produced it
 * @param totalElements the number of rows that match the finder's predicate
 * @param <T> the row type
 */
public record Page<T>(List<T> content, PageRequest request, long totalElements) {
    public Page {
        content = List.copyOf(content);
        Objects.requireNonNull(request, "request == null");
        if (totalElements < 0) {
            throw new IllegalArgumentException("expected totalElements >= 0, found " + totalElements);
        }
    }

    /** The number of pages of {@code request.size()} rows that hold every matching row. */
    public long totalPages() {
        return (totalElements + request.size() - 1) / request.size();
    }

    /** Whether a following page has rows. */
    public boolean hasNext() {
        return request.offset() + content.size() < totalElements;
    }

    /** The request of the following page. */
    public PageRequest nextRequest() {
        return request.next();
    }
}
