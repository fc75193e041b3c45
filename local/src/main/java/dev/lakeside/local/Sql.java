package dev.lakeside.local;

/** Quoting for the SQL the server writes itself. User values never pass through here, only names and paths. */
final class Sql {
    private Sql() {}

    /** {@code "name"} with embedded quotes doubled: any string is a valid, inert identifier. */
    static String ident(String name) {
        if (name.indexOf('\0') >= 0) {
            throw ApiException.badRequest("identifier must not contain a NUL character: " + printable(name));
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "catalog"."schema"."table"}. */
    static String qualified(String catalog, String schema, String table) {
        return ident(catalog) + '.' + ident(schema) + '.' + ident(table);
    }

    /** {@code 'text'} with embedded quotes doubled, for server-made paths and setting values. */
    static String string(String text) {
        if (text.indexOf('\0') >= 0) {
            throw ApiException.badRequest("value must not contain a NUL character: " + printable(text));
        }
        return '\'' + text.replace("'", "''") + '\'';
    }

    /** A bounded, single-line rendering of user text for error messages. */
    static String printable(String text) {
        String oneLine = text.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
