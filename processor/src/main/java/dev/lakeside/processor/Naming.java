package dev.lakeside.processor;

import com.palantir.javapoet.ClassName;
import dev.lakeside.duckdb.GeneratedNames;
import java.util.Locale;

/** Names: snake_case columns, quoted identifiers, generated class names. */
final class Naming {
    private Naming() {}

    /**
     * camelCase to snake_case with acronyms kept together, like Spring's naming strategy:
     * {@code userId}, {@code userID} → {@code user_id}; {@code HTTPCode} → {@code http_code};
     * {@code address2Line} → {@code address2_line}; {@code PageView} → {@code page_view}.
     */
    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char before = name.charAt(i - 1);
                boolean afterLowerOrDigit = Character.isLowerCase(before) || Character.isDigit(before);
                boolean endsAcronym = Character.isUpperCase(before)
                        && i + 1 < name.length()
                        && Character.isLowerCase(name.charAt(i + 1));
                if ((afterLowerOrDigit || endsAcronym) && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Double-quoted, embedded quotes doubled: the only way identifiers reach SQL. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code com.example.Outer.Inner} → {@code com.example.Outer_InnerTableModel}. */
    static ClassName modelClass(ClassName record) {
        return ClassName.get(
                record.packageName(),
                GeneratedNames.simpleName(record.simpleNames(), GeneratedNames.TABLE_MODEL_SUFFIX));
    }

    /** A Java constant name for a JSON field name: {@code event_id} → {@code EVENT_ID}. */
    static String constantName(String jsonName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < jsonName.length(); i++) {
            char c = jsonName.charAt(i);
            out.append(Character.isLetterOrDigit(c) && c < 128 ? Character.toUpperCase(c) : '_');
        }
        if (out.length() == 0 || Character.isDigit(out.charAt(0))) {
            out.insert(0, '_');
        }
        return out.toString();
    }
}
