package dev.lakeside.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A dynamic {@code ORDER BY}: record component names with directions. Names are checked against the
 * table's columns when the query is rendered (an unknown name throws, listing the candidates), and
 * written as quoted identifiers, never as text. Immutable.
 *
 * <pre>{@code
 * views.findByUserId("u1", Sort.by("occurredAt").descending().and(Sort.by("path")));
 * }</pre>
 *
 * <p>In a finder whose name has {@code OrderBy…}, these orders come after the name's.
 */
public final class Sort {
    private static final Sort UNSORTED = new Sort(List.of());

    /** The direction of one order. */
    public enum Direction {
        ASC,
        DESC
    }

    /**
     * One property and its direction.
     *
     * @param property a record component name, e.g. {@code occurredAt}
     * @param direction ascending or descending
     */
    public record Order(String property, Direction direction) {
        public Order {
            Objects.requireNonNull(property, "property == null");
            Objects.requireNonNull(direction, "direction == null");
            if (property.isBlank()) {
                throw new IllegalArgumentException("expected a record component name, found a blank property");
            }
        }
    }

    private final List<Order> orders;

    private Sort(List<Order> orders) {
        this.orders = List.copyOf(orders);
    }

    /** Ascending by each property, in order. */
    public static Sort by(String... properties) {
        return by(Direction.ASC, properties);
    }

    /** By each property in {@code direction}, in order. */
    public static Sort by(Direction direction, String... properties) {
        Objects.requireNonNull(direction, "direction == null");
        List<Order> orders = new ArrayList<>(properties.length);
        for (String property : properties) {
            orders.add(new Order(property, direction));
        }
        return new Sort(orders);
    }

    /** These orders. */
    public static Sort by(List<Order> orders) {
        return new Sort(orders);
    }

    /** No ordering beyond what the finder's name says. */
    public static Sort unsorted() {
        return UNSORTED;
    }

    /** These orders, then {@code next}'s. */
    public Sort and(Sort next) {
        List<Order> all = new ArrayList<>(orders);
        all.addAll(next.orders);
        return new Sort(all);
    }

    /** Every order made ascending. */
    public Sort ascending() {
        return with(Direction.ASC);
    }

    /** Every order made descending. */
    public Sort descending() {
        return with(Direction.DESC);
    }

    public List<Order> orders() {
        return orders;
    }

    public boolean isSorted() {
        return !orders.isEmpty();
    }

    private Sort with(Direction direction) {
        return new Sort(
                orders.stream().map(o -> new Order(o.property(), direction)).toList());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Sort that && that.orders.equals(orders);
    }

    @Override
    public int hashCode() {
        return orders.hashCode();
    }

    @Override
    public String toString() {
        return orders.isEmpty() ? "Sort.unsorted()" : "Sort" + orders;
    }
}
