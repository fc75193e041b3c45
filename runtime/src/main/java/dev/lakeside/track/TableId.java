package dev.lakeside.track;

import java.util.Objects;

/**
 * The fully qualified table a row goes to.
 *
 * @param catalog the catalog, such as {@code memory}
 * @param schema the schema, such as {@code main}
 * @param name the table name
 */
public record TableId(String catalog, String schema, String name) {
  public TableId {
    Objects.requireNonNull(catalog, "catalog == null");
    Objects.requireNonNull(schema, "schema == null");
    Objects.requireNonNull(name, "name == null");
  }

  @Override
  public String toString() {
    return catalog + "." + schema + "." + name;
  }
}
