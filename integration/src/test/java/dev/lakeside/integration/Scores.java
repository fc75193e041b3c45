package dev.lakeside.integration;

import dev.lakeside.annotations.Cached;
import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.annotations.Query;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import dev.lakeside.repository.TableRepository;
import java.util.List;
import java.util.Optional;

/** Legal shapes that once tripped the generator: inherited generic methods, defaults, hiding names. */
@LakehouseRepository
public interface Scores extends TableRepository<Score>, ById<Score, String>, ScoresByNote {
    @Override
    @Cached(ttl = "PT1M")
    Optional<Score> findById(String id); // re-declared from the generic base to add @Cached

    @Override
    default List<Score> findByNote(String note) {
        return List.of(); // the user's own code: never replaced by a generated query
    }

    List<Score> findByPlayer(String player, Sort COLUMNS); // a parameter named like a generated constant

    Page<Score> findByPointsGreaterThan(double min, Sort sort, PageRequest page);

    Page<Duration> findDistinctByPointsGreaterThan(double min, PageRequest page);

    Optional<Score> findByPlayerOrderByPointsDesc(String player, Limit limit);

    List<Duration> findByNoteIsNotNull();

    @Cached(ttl = "PT1M")
    @Query("SELECT player_name AS player FROM scores WHERE player_name IN (SELECT unnest([:a, :b])) ORDER BY 1")
    List<Duration> playersAmong(String a, String b);

    @Query("""
      WITH extra AS (SELECT :id AS id, :player AS player_name, 1.0 AS points)
      INSERT INTO scores (id, player_name, points) SELECT id, player_name, points FROM extra""")
    long addWithCte(String id, String player);

    @Cached(ttl = "PT1H")
    long countByPlayer(String player);

    /** Named like java.time.Duration, which the generated class also uses for cache TTLs. */
    record Duration(String player) {}
}
