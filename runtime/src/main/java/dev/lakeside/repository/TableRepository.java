package dev.lakeside.repository;

import java.util.Collection;
import java.util.stream.Stream;

/**
 * The operations every repository has. Extend it in an interface annotated with
 * {@code @LakehouseRepository}; the processor implements the rest from the method names and
 * {@code @Query} annotations.
 *
 * <pre>{@code
 * @LakehouseRepository
 * public interface Customers extends TableRepository<Customer> {
 *   Optional<Customer> findByEmail(String email);
 * }
 *
 * Customers customers = lakeside.repository(Customers.class);
 * customers.upsert(new Customer("c1", "ada@example.com", Plan.PRO, new BigDecimal("99.00")));
 * }</pre>
 *
 * <p>Writes are confirmed: they return once the lakehouse has stored the rows, and throw a
 * {@link WriteRejectedException} when it refused them ({@code ok: false}) or a
 * {@link dev.lakeside.client.LakehouseException} when the call failed. The table is created first if
 * the facade's schema mode says so. An empty collection is a no-op (no request).
 *
 * @param <T> the {@code @LakehouseTable} record
 */
public interface TableRepository<T extends Record> {
    /** Appends one row ({@code /append}, confirmed). */
    void insert(T row);

    /** Appends the rows in one atomic request ({@code /append}, confirmed); all are stored or none. */
    void insertAll(Collection<? extends T> rows);

    /**
     * Inserts the row or replaces the row with the same primary key ({@code /upsert}). A composite key
     * is sent as a comma-separated {@code primary_key}, as in spec v0.13 and the Go SDK; the published API reference
     * documents a single column, so the real service may accept only one.
     *
     * @throws UnsupportedOperationException if the record declares no {@code @PrimaryKey}
     */
    void upsert(T row);

    /** {@link #upsert} for many rows in one request. */
    void upsertAll(Collection<? extends T> rows);

    /**
     * Every row, streamed from the lakehouse as it is read. Close the stream (try-with-resources) to
     * release the connection if you do not read it to the end.
     */
    Stream<T> findAll();

    /** The number of rows. */
    long count();
}
