package dev.lakeside.local;

/**
 * Which wire behaviour the local lakehouse follows where the documented API and the reference mock
 * ({@code altertable-mock}) differ, so that test suites written against the mock pass unchanged.
 */
public enum Compatibility {
    /** The documented Lakehouse HTTP API (the default). */
    API,
    /**
     * The reference mock's behaviour: the {@code /query} columns line holds names only ({@code ["n"]}), a
     * {@code DELETE /query/{id}} with the matching session answers {@code cancelled: true} even when the
     * query has finished, {@code worker_slug} is {@code altertable-mock}, an SQL error in the {@code csv},
     * {@code jsonl} or {@code parquet} formats is a 500 with the error as plain text in the format's content
     * type, and {@code /explain} filters read {@code id>50}.
     */
    MOCK
}
