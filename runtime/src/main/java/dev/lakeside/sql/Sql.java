package dev.lakeside.sql;

/**
 * The one way Lakeside writes names into SQL: identifiers always double-quoted with embedded quotes
 * doubled. Values go through {@link SqlLiterals}; {@link #literal} is its VARCHAR shorthand. Text
 * that SQL cannot carry, a NUL character or an unpaired surrogate, is refused.
 */
public final class Sql {
    private Sql() {}

    /** {@code "name"}: any text becomes an inert identifier. */
    public static String identifier(String name) {
        check(name, "identifier");
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "catalog"."schema"."name"}. */
    public static String qualified(String catalog, String schema, String name) {
        return identifier(catalog) + '.' + identifier(schema) + '.' + identifier(name);
    }

    /** {@code 'text'}: a VARCHAR literal of exactly {@code text}. */
    public static String literal(String text) {
        if (text == null) {
            throw new NullPointerException("string literal == null");
        }
        return SqlLiterals.string(text, "string literal");
    }

    private static void check(String text, String what) {
        if (text == null) {
            throw new NullPointerException(what + " == null");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException(what + " must not contain a NUL character, found one at index " + i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException(
                        what + " must be valid UTF-16, found an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(
                        what + " must be valid UTF-16, found an unpaired surrogate at index " + i);
            }
        }
    }
}
