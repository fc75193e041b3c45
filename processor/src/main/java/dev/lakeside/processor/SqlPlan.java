package dev.lakeside.processor;

import java.util.List;

/**
 * The SQL of one repository method as pieces, rendered three ways: for the Javadoc ({@code :name}
 * where values go), for a verifier ({@code $name} placeholders, dynamic parts left out) and as the
 * generated {@code SqlText} calls. Pure data.
 */
record SqlPlan(List<Piece> pieces) {
    SqlPlan {
        pieces = List.copyOf(pieces);
    }

    sealed interface Piece permits Text, Table, Value, In, Like, SortBy, LimitBy, PageBy {}

    /** SQL the processor wrote, or a {@code @Query}'s own text. */
    record Text(String sql) implements Piece {}

    /** The table's qualified name, facade defaults filled in at run time. */
    record Table() implements Piece {}

    /**
     * A parameter's value as a literal of {@code duckType}.
     *
     * @param nullable a {@code @Query} parameter (null renders a typed NULL); finders reject null
     */
    record Value(String parameter, String duckType, boolean nullable) implements Piece {}

    /** {@code column [NOT] IN (…)} of a collection parameter. */
    record In(String column, String parameter, String elementType, boolean not, boolean ignoreCase) implements Piece {}

    /** A LIKE-family comparison; {@code kind} is a {@code SqlText.Like} constant name. */
    record Like(String column, String parameter, String kind, boolean not, boolean ignoreCase) implements Piece {}

    /**
     * A dynamic {@code Sort}.
     *
     * @param expression the Java expression of the sort ({@code sort}, {@code page.sort()})
     * @param continuing the statement already has an {@code ORDER BY}
     */
    record SortBy(String expression, boolean continuing) implements Piece {}

    /** A {@code Limit} parameter. */
    record LimitBy(String parameter) implements Piece {}

    /** A {@code PageRequest} parameter's {@code LIMIT}/{@code OFFSET}. */
    record PageBy(String parameter) implements Piece {}

    /** For the Javadoc: {@code :name} for values, the dynamic parts named. */
    String display(String table) {
        return render(table, false);
    }

    /** For a verifier: {@code $name} placeholders; dynamic ORDER BY, LIMIT and OFFSET left out. */
    String verification(String table) {
        return render(table, true);
    }

    private String render(String table, boolean verifier) {
        String sigil = verifier ? "$" : ":";
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            if (piece instanceof Text t) {
                out.append(t.sql());
            } else if (piece instanceof Table) {
                out.append(table);
            } else if (piece instanceof Value v) {
                out.append(sigil).append(v.parameter());
            } else if (piece instanceof In in) {
                String values = sigil + in.parameter();
                // A verifier needs SQL that prepares: a list parameter, unnested.
                String list = !verifier
                        ? "(" + values + ")"
                        : in.ignoreCase()
                                ? "(SELECT lower(unnest(" + values + ")))"
                                : "(SELECT unnest(" + values + "))";
                out.append(in.ignoreCase() ? "lower(" + in.column() + ")" : in.column())
                        .append(in.not() ? " NOT IN " : " IN ")
                        .append(list);
            } else if (piece instanceof Like like) {
                out.append(like(like, sigil));
            } else if (verifier) {
                // Sort, Limit and PageRequest: values the runtime checks, no SQL to verify
            } else if (piece instanceof SortBy sort) {
                out.append(sort.continuing() ? ", " : " ORDER BY ").append(':').append(sort.expression());
            } else if (piece instanceof LimitBy limit) {
                out.append(" LIMIT :").append(limit.parameter());
            } else if (piece instanceof PageBy page) {
                out.append(" LIMIT :")
                        .append(page.parameter())
                        .append(".size() OFFSET :")
                        .append(page.parameter())
                        .append(".offset()");
            }
        }
        return out.toString();
    }

    private static String like(Like like, String sigil) {
        String value = sigil + like.parameter();
        String pattern = switch (like.kind()) {
            case "PREFIX" -> "(" + value + " || '%')";
            case "SUFFIX" -> "('%' || " + value + ")";
            case "CONTAINS" -> "('%' || " + value + " || '%')";
            default -> value;
        };
        return like.column()
                + (like.not() ? " NOT " : " ")
                + (like.ignoreCase() ? "ILIKE " : "LIKE ")
                + pattern
                + (like.kind().equals("PATTERN") ? "" : " ESCAPE '\\'");
    }
}
