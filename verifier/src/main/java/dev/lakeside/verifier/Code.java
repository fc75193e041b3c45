package dev.lakeside.verifier;

import dev.lakeside.processor.spi.Finding.Severity;

/** The verifier's stable diagnostic codes (the README lists them with examples). */
enum Code {
    LS300(Severity.WARNING, "the verifier could not check the query (a failure of the verifier, not of the query)"),
    LS301(Severity.ERROR, "SQL syntax error"),
    LS302(Severity.ERROR, "unknown table, schema, catalog, function or type"),
    LS303(Severity.ERROR, "DuckDB cannot bind the query: unknown column, wrong argument types, GROUP BY, …"),
    LS304(Severity.ERROR, "any other DuckDB error while preparing the query"),
    LS305(Severity.WARNING, "not verifiable at compile time: reads files or URLs, or needs an extension"),
    LS306(Severity.WARNING, "more than one statement: not verified"),
    LS307(Severity.ERROR, "a $placeholder or ? that no method parameter supplies"),
    LS310(Severity.ERROR, "a record component whose column the query does not return"),
    LS311(Severity.WARNING, "result columns that nothing reads"),
    LS312(Severity.ERROR, "a column whose type the component (or scalar return type) cannot hold"),
    LS313(Severity.WARNING, "a component fed by one of several columns with the same name"),
    LS314(Severity.WARNING, "a HUGEINT column (sum() of integers) read into a long: overflows past 2^63-1"),
    LS320(Severity.ERROR, "a parameter whose Java type cannot fit where the query uses it"),
    LS321(Severity.WARNING, "a date/time parameter DuckDB converts (time zone or precision dependent)"),
    LS322(Severity.ERROR, "the query does not bind once parameters have their Java types");

    final Severity severity;
    final String meaning;

    Code(Severity severity, String meaning) {
        this.severity = severity;
        this.meaning = meaning;
    }
}
