package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one {@code /append} row, for an {@code ObjectNode} to hold: its values in an array, its names in a
 * {@link Shape} shared by every row with the same names in the same order. A body of millions of small rows then
 * costs tens of bytes a row instead of a hash map each. Read-only.
 */
final class CompactRow extends AbstractMap<String, JsonNode> {
    /** Field names in order, and where each is. */
    static final class Shape {
        final String[] names;
        private final Map<String, Integer> index;

        Shape(String[] names) {
            this.names = names;
            this.index = new HashMap<>(names.length * 2);
            for (int i = 0; i < names.length; i++) {
                index.put(names[i], i);
            }
        }

        boolean matches(String[] candidate, int length) {
            if (names.length != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (!names[i].equals(candidate[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Shape shape;
    private final JsonNode[] values;

    CompactRow(Shape shape, JsonNode[] values) {
        this.shape = shape;
        this.values = values;
    }

    @Override
    public JsonNode get(Object key) {
        Integer i = shape.index.get(key);
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return shape.index.containsKey(key);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, JsonNode>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, JsonNode>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, JsonNode> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(shape.names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    @Override
    public String toString() {
        return Arrays.toString(shape.names) + "=" + Arrays.toString(values);
    }
}
