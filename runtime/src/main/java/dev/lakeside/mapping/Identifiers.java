package dev.lakeside.mapping;

/** Quotes identifiers the one way DuckDB needs: always double-quoted, embedded quotes doubled. */
final class Identifiers {
  private Identifiers() {}

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code "catalog"."schema"."name"}, leaving out the parts that are null. */
  static String qualify(String catalog, String schema, String name) {
    StringBuilder out = new StringBuilder();
    if (catalog != null) {
      out.append(quote(catalog)).append('.');
    }
    if (schema != null) {
      out.append(quote(schema)).append('.');
    }
    return out.append(quote(name)).toString();
  }
}
