package dev.lakeside.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Reads back what the sample printed: sections by title, table rows split into cells. */
final class Printed {
    private final List<String> lines;

    Printed(String output) {
        this.lines = output.lines().toList();
    }

    /** The rows of the first table under the section whose title starts with {@code title}, without header and rule. */
    List<List<String>> table(String title) {
        int at = section(title);
        assertThat(lines.get(at + 2)).as("rule under the header of " + title).matches("\\s*-[- ]*");
        List<List<String>> rows = new ArrayList<>();
        for (int i = at + 3; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.contains(": ")) {
                break;
            }
            rows.add(List.of(line.trim().split("\\s{2,}")));
        }
        return rows;
    }

    /** The lines of a section, up to the next blank line. */
    List<String> sectionLines(String title) {
        int at = section(title);
        List<String> body = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).isEmpty(); i++) {
            body.add(lines.get(i));
        }
        return body;
    }

    /** The row of {@code table} whose first cell is {@code first}. */
    static List<String> row(List<List<String>> table, String first) {
        return table.stream()
                .filter(r -> r.get(0).equals(first))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row \"" + first + "\" in " + table));
    }

    /** {@code 12,345} → 12345. */
    static long number(String cell) {
        return Long.parseLong(cell.replace(",", ""));
    }

    /** {@code 1,234.50} → 1234.50. */
    static BigDecimal money(String cell) {
        return new BigDecimal(cell.replace(",", ""));
    }

    boolean containsLine(String regex) {
        return lines.stream().anyMatch(l -> l.matches(regex));
    }

    private int section(String title) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(title)) {
                return i;
            }
        }
        throw new AssertionError("no section \"" + title + "\" in the output:\n" + String.join("\n", lines));
    }
}
