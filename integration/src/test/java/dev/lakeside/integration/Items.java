package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.annotations.SkipVerification;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import dev.lakeside.repository.TableRepository;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** One finder per terminal operation, and @Query methods, some of them deliberately wrong. */
@LakehouseRepository
public interface Items extends TableRepository<Item> {
  List<Item> findByLabelOrderByIdAsc(String label);

  List<Item> findByQuantityGreaterThanOrderByQuantityDesc(long quantity, Limit limit);

  List<Item> findByLabel(String label, Sort sort);

  Stream<Item> streamByLabelOrderById(String label);

  Optional<Item> findById(String id);

  Optional<Item> findByNote(String note);

  Item getById(String id);

  Item getByLabel(String label);

  Page<Item> findByLabelStartingWith(String prefix, PageRequest page);

  long countByLabel(String label);

  boolean existsByLabel(String label);

  long deleteByLabel(String label);

  @Query("UPDATE item SET note = :note WHERE label = :label")
  long annotate(String label, String note);

  @Query("CREATE OR REPLACE VIEW item_labels AS SELECT DISTINCT label FROM item")
  void createLabelView();

  @Query("SELECT sum(quantity) FROM item WHERE label = :label")
  Long totalQuantity(String label);

  @Query("SELECT range FROM range(:n)")
  Stream<Long> numbers(long n);

  @SkipVerification(reason = "deliberately NULL for a long component: the mapping error is the test")
  @Query("SELECT id, label, NULL AS quantity FROM item ORDER BY id")
  Stream<Item> withoutQuantity();

  @SkipVerification(reason = "deliberately text for a number: the mapping error is the test")
  @Query("SELECT label FROM item ORDER BY id LIMIT 1")
  Long labelAsNumber();

  @Query("SELECT range FROM range(:n)")
  Optional<Long> anyNumber(long n);
}
