package dev.lakeside.integration;

import dev.lakeside.annotations.Cached;
import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import dev.lakeside.repository.TableRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Every finder keyword, return type and special parameter, plus @Query and @Cached. */
@LakehouseRepository
public interface Purchases extends TableRepository<Purchase> {
    List<Purchase> findByCustomer(String customer);

    List<Purchase> findByCustomerIs(String customer);

    List<Purchase> findByCustomerEquals(String customer);

    List<Purchase> findByCustomerNot(String customer);

    List<Purchase> findByQuantityLessThan(int quantity);

    List<Purchase> findByQuantityLessThanEqual(int quantity);

    List<Purchase> findByQuantityGreaterThan(int quantity);

    List<Purchase> findByQuantityGreaterThanEqual(int quantity);

    List<Purchase> findByCentsBetween(long from, long to);

    List<Purchase> findByAtBefore(Instant at);

    List<Purchase> findByAtAfter(Instant at);

    List<Purchase> findByCustomerIn(Collection<String> customers);

    List<Purchase> findByCustomerNotIn(Collection<String> customers);

    List<Purchase> findByNoteIsNull();

    List<Purchase> findByNoteIsNotNull();

    List<Purchase> findByRefundedTrue();

    List<Purchase> findByRefundedFalse();

    List<Purchase> findByNoteLike(String pattern);

    List<Purchase> findByNoteNotLike(String pattern);

    List<Purchase> findByNoteStartingWith(String prefix);

    List<Purchase> findByNoteEndingWith(String suffix);

    List<Purchase> findByNoteContaining(String infix);

    List<Purchase> findByCustomerIgnoreCase(String customer);

    List<Purchase> findByNoteContainingIgnoreCase(String infix);

    List<Purchase> findByCustomerInIgnoreCase(Collection<String> customers);

    List<Purchase> findByCustomerAndSku(String customer, String sku);

    List<Purchase> findByCustomerOrSku(String customer, String sku);

    List<Purchase> findByStatus(Purchase.Status status);

    List<Purchase> findByCustomerOrderByCentsDescIdAsc(String customer);

    List<Purchase> findAllOrderByIdAsc();

    Optional<Purchase> findFirstByCustomerOrderByAtAsc(String customer);

    List<Purchase> findTop2ByRefundedFalseOrderByCentsDesc();

    List<CustomerOnly> findDistinctByRefundedFalse();

    List<Purchase> findByRefundedFalse(Sort sort);

    List<Purchase> findByQuantityGreaterThan(int quantity, Limit limit, Sort sort);

    Page<Purchase> findByRefundedFalse(PageRequest page);

    Stream<Purchase> streamByRefundedFalse();

    Purchase getById(String id);

    Optional<Purchase> findById(String id);

    long countByCustomer(String customer);

    boolean existsByCustomer(String customer);

    long deleteByCustomer(String customer);

    @Query("SELECT customer, sum(cents)::BIGINT AS total FROM purchases WHERE NOT refunded GROUP BY customer "
            + "ORDER BY total DESC, customer LIMIT :n")
    List<CustomerTotal> topCustomers(int n);

    @Query("SELECT sum(cents)::BIGINT FROM purchases WHERE customer = :customer AND \"at\" >= :since")
    Optional<Long> spentSince(String customer, Instant since);

    @Query("SELECT count(*) FROM purchases WHERE note = :note -- a comment with :colons and 'quotes'")
    long countWithNote(String note);

    @Query("SELECT id FROM purchases WHERE list_contains(:skus, sku) ORDER BY id")
    List<String> idsWithSku(List<String> skus);

    @Query("DELETE FROM purchases WHERE customer = :customer")
    long purge(String customer);

    @Cached(ttl = "PT1H")
    long countByRefundedFalse();

    @Cached(ttl = "PT1H")
    @Query("SELECT * FROM purchases WHERE customer = :customer ORDER BY id")
    List<Purchase> cachedByCustomer(String customer);

    @Query("SELECT range AS n FROM range(:count)")
    Stream<Long> numbers(long count);

    /** A projection: a subset of Purchase's components. */
    record CustomerOnly(String customer) {}

    /** A @Query result, mapped by column name. */
    record CustomerTotal(String customer, long total) {}
}
