package dev.lakeside.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
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

    /** A row as an {@code ObjectNode}, with its shape and values at hand. */
    static final class Node extends ObjectNode {
        private static final long serialVersionUID = 1L;
        final transient Shape shape;
        final transient JsonNode[] values;

        Node(Shape shape, JsonNode[] values) {
            super(JsonNodeFactory.instance, new CompactRow(shape, values));
            this.shape = shape;
            this.values = values;
        }
    }

    /**
     * The rows as {@link Node}s: those read by the endpoint as they are, others (rows made in tests) copied, rows
     * with the same names in the same order sharing one shape.
     */
    static List<Node> nodes(List<ObjectNode> rows) {
        List<Node> nodes = new ArrayList<>(rows.size());
        Shape last = null;
        for (ObjectNode row : rows) {
            if (row instanceof Node node) {
                nodes.add(node);
                continue;
            }
            String[] names = new String[row.size()];
            JsonNode[] values = new JsonNode[names.length];
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); i++) {
                Map.Entry<String, JsonNode> field = it.next();
                names[i] = field.getKey();
                values[i] = field.getValue();
            }
            if (last == null || !last.matches(names, names.length)) {
                last = new Shape(names);
            }
            nodes.add(new Node(last, values));
        }
        return nodes;
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
