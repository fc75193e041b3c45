package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.repository.Limit;
import dev.lakeside.repository.Page;
import dev.lakeside.repository.PageRequest;
import dev.lakeside.repository.Sort;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Repository shapes found in review: each compiled (with the verifier) and run against the local lakehouse. */
class RepositoryEdgeCasesTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    static final List<Score> ROWS = List.of(
            new Score("s1", "ann", 10, null),
            new Score("s2", "ann", 20, "n"),
            new Score("s3", "bob", 30, "n"),
            new Score("s4", "bob", 5, null),
            new Score("s5", "cy", 7, "x"));

    private static LakehouseClient client;
    private static Lakeside lakeside;
    private static Scores scores;

    @BeforeAll
    static void start(LocalLakehouse local) {
        client = Clients.of(local);
        lakeside = Lakeside.builder(client).build();
        scores = lakeside.repository(Scores.class);
    }

    @AfterAll
    static void stop() {
        lakeside.close();
    }

    @BeforeEach
    void load() {
        client.queryAll("DROP TABLE IF EXISTS memory.main.scores");
        lakeside.schema().create(Score.class);
        scores.insertAll(ROWS);
    }

    @Test
    void inheritedGenericAndDefaultMethods() {
        assertThat(scores.findById("s3")).contains(ROWS.get(2));
        assertThat(scores.findByPlayer("ann")).containsExactlyInAnyOrder(ROWS.get(0), ROWS.get(1));
        assertThat(scores.findByNote("n"))
                .as("the default method, not a generated query")
                .isEmpty();
    }

    @Test
    void aParameterNamedLikeAConstant() {
        assertThat(scores.findByPlayer("bob", Sort.by("points"))).containsExactly(ROWS.get(3), ROWS.get(2));
    }

    @Test
    void anUnsortedSortBeforeAPagesSort() {
        Page<Score> page = scores.findByPointsGreaterThan(6, Sort.unsorted(), PageRequest.of(0, 2, Sort.by("points")));
        assertThat(page.content()).containsExactly(ROWS.get(4), ROWS.get(0));
        assertThat(page.totalElements()).isEqualTo(4);
        Page<Score> both = scores.findByPointsGreaterThan(
                6, Sort.by("player").descending(), PageRequest.of(0, 10, Sort.by("points")));
        assertThat(both.content()).containsExactly(ROWS.get(4), ROWS.get(2), ROWS.get(0), ROWS.get(1));
    }

    @Test
    void aDistinctPageCountsDistinctRows() {
        Page<Scores.Duration> first =
                scores.findDistinctByPointsGreaterThan(0, PageRequest.of(0, 2, Sort.by("player")));
        assertThat(first.content()).containsExactly(new Scores.Duration("ann"), new Scores.Duration("bob"));
        assertThat(first.totalElements()).isEqualTo(3);
        assertThat(first.hasNext()).isTrue();
    }

    @Test
    void optionalWithALimitParameter() {
        assertThat(scores.findByPlayerOrderByPointsDesc("bob", Limit.of(1))).contains(ROWS.get(2));
    }

    @Test
    void aResultRecordSharedByAProjectionAndAQuery() {
        assertThat(scores.findByNoteIsNotNull())
                .containsExactlyInAnyOrder(
                        new Scores.Duration("ann"), new Scores.Duration("bob"), new Scores.Duration("cy"));
        assertThat(scores.playersAmong("cy", "ann"))
                .containsExactly(new Scores.Duration("ann"), new Scores.Duration("ann"), new Scores.Duration("cy"));
    }

    @Test
    void aWriteBehindACommonTableExpressionInvalidatesAndIsNotRetried() {
        assertThat(scores.countByPlayer("zed")).isZero();
        assertThat(scores.addWithCte("s9", "zed")).isEqualTo(1);
        assertThat(scores.countByPlayer("zed"))
                .as("the cached count was dropped")
                .isEqualTo(1);
        assertThat(scores.count()).isEqualTo(ROWS.size() + 1);
    }
}
