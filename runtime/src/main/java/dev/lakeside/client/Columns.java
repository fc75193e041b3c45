package dev.lakeside.client;

import dev.lakeside.duckdb.DuckType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns of one result with their parsed types and a name index, shared by all its rows. */
final class Columns {
    final List<Column> list;
    final DuckType[] types;
    private final Map<String, Integer> index;

    Columns(List<Column> columns) {
        this.list = List.copyOf(columns);
        this.types = new DuckType[list.size()];
        this.index = new HashMap<>();
        for (int i = 0; i < types.length; i++) {
            types[i] = DuckType.parseLenient(list.get(i).type());
            index.putIfAbsent(list.get(i).name(), i); // duplicate names: the first one wins, as in JDBC
        }
    }

    int size() {
        return types.length;
    }

    int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no column named '" + name + "'; the columns are "
                    + list.stream().map(Column::name).toList());
        }
        return i;
    }
}
