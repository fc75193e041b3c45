package dev.lakeside.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the catalog that a {@code CREATE} statement names, so that the server can create it on
 * first use: {@code CREATE SCHEMA shop.analytics} and {@code CREATE TABLE shop.analytics.t (…)}
 * name {@code shop}. Only the head of the statement is read, with DuckDB's lexical rules; anything it
 * does not recognise names no catalog.
 */
final class CatalogScanner {
    private CatalogScanner() {}

    static Optional<String> catalogCreatedBy(String statement) {
        List<String> words = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        for (SqlTokens.Token token : SqlTokens.tokens(statement, false)) {
            if (words.size() == 16) {
                break;
            }
            words.add(token.value());
            quoted.add(token.kind() == SqlTokens.Kind.QUOTED);
        }
        int at = 0;
        if (!keyword(words, quoted, at, "CREATE")) {
            return Optional.empty();
        }
        at++;
        if (keyword(words, quoted, at, "OR") && keyword(words, quoted, at + 1, "REPLACE")) {
            at += 2;
        }
        if (keyword(words, quoted, at, "TEMP") || keyword(words, quoted, at, "TEMPORARY")) {
            return Optional.empty();
        }
        if (keyword(words, quoted, at, "PERSISTENT")) {
            at++;
        }
        int parts;
        if (keyword(words, quoted, at, "SCHEMA")) {
            parts = 2;
        } else if (keyword(words, quoted, at, "TABLE")
                || keyword(words, quoted, at, "VIEW")
                || keyword(words, quoted, at, "SEQUENCE")
                || keyword(words, quoted, at, "MACRO")
                || keyword(words, quoted, at, "FUNCTION")
                || keyword(words, quoted, at, "TYPE")) {
            parts = 3;
        } else {
            return Optional.empty();
        }
        at++;
        if (keyword(words, quoted, at, "IF")
                && keyword(words, quoted, at + 1, "NOT")
                && keyword(words, quoted, at + 2, "EXISTS")) {
            at += 3;
        }
        List<String> path = new ArrayList<>();
        while (at < words.size()) {
            String word = words.get(at);
            if (!quoted.get(at) && (word.equals(".") || !isName(word))) {
                break;
            }
            path.add(word);
            if (at + 1 < words.size() && words.get(at + 1).equals(".") && !quoted.get(at + 1)) {
                at += 2;
            } else {
                break;
            }
        }
        return path.size() == parts ? Optional.of(path.get(0)) : Optional.empty();
    }

    private static boolean keyword(List<String> words, List<Boolean> quoted, int at, String keyword) {
        return at < words.size()
                && !quoted.get(at)
                && words.get(at).toUpperCase(Locale.ROOT).equals(keyword);
    }

    private static boolean isName(String word) {
        return !word.isEmpty() && (Character.isLetter(word.charAt(0)) || word.charAt(0) == '_');
    }
}
