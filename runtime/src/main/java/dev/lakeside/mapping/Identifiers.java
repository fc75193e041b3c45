package dev.lakeside.mapping;

/** Qualified names; the quoting itself is {@link dev.lakeside.sql.Sql#identifier}, the one place for it. */
final class Identifiers {
    private Identifiers() {}

    static String quote(String identifier) {
        return dev.lakeside.sql.Sql.identifier(identifier);
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
