package dev.lakeside.client;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code POST /autocomplete}.
 *
 * @param statement the statement as the server saw it
 * @param suggestions the suggestions, best first as the server orders them
 * @param connectionsErrors errors per catalog connection, usually empty
 */
public record AutocompleteResult(
        String statement, List<Suggestion> suggestions, Map<String, String> connectionsErrors) {
    public AutocompleteResult {
        suggestions = List.copyOf(suggestions);
        connectionsErrors = Map.copyOf(connectionsErrors);
    }

    /**
     * One completion.
     *
     * @param suggestion the text to insert
     * @param start the character position in the statement where it replaces the text
     * @param type the kind of thing suggested (keyword, table, column, …), possibly empty
     * @param score the server's relevance score
     */
    public record Suggestion(String suggestion, int start, String type, double score) {}
}
