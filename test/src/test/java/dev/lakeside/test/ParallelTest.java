package dev.lakeside.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.track.Tracker;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three test classes run in parallel, their tests too (JUnit's concurrent mode for both): each class
 * has a lakehouse of its own, and the tests of one class take turns, so each test sees its own rows
 * only.
 */
class ParallelTest {
    /** The lakehouses each fixture class was given, by class. */
    static final Map<String, Set<LocalLakehouse>> LAKEHOUSES = new ConcurrentHashMap<>();
    /** Tests of a class running at once, now and at most, by class. */
    static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();

    static final Map<String, AtomicInteger> MOST = new ConcurrentHashMap<>();

    @Test
    void classesRunInParallelWithoutSeeingEachOthersRows() {
        LAKEHOUSES.clear();
        RUNNING.clear();
        MOST.clear();
        List<Fixtures.Outcome> outcomes = Fixtures.run(
                Map.of(
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "concurrent",
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "4"),
                First.class,
                Second.class,
                Third.class);

        assertThat(outcomes)
                .hasSize(3 * 4)
                .allSatisfy(outcome ->
                        assertThat(outcome.failure()).as(outcome.test()).isNull());
        assertThat(LAKEHOUSES).containsOnlyKeys("First", "Second", "Third");
        assertThat(LAKEHOUSES.values())
                .allSatisfy(lakehouses -> assertThat(lakehouses).hasSize(1));
        assertThat(LAKEHOUSES.values().stream().flatMap(Set::stream).distinct()).hasSize(3);
        assertThat(MOST.values()).allSatisfy(most -> assertThat(most.get()).isEqualTo(1));
    }

    /** Writes rows named after its class, through a repository and the tracker, and sees those only. */
    abstract static class Writer {
        void writes(LocalLakehouse local, Visits visits, Tracker tracker) {
            String name = getClass().getSimpleName();
            LAKEHOUSES.computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet()).add(local);
            int now = RUNNING.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            MOST.computeIfAbsent(name, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            try {
                visits.insert(new Visit(name + "-inserted", "/" + name, 1));
                tracker.track(new Visit(name + "-tracked", "/" + name, 2));
                tracker.flush().join();
                try (Stream<Visit> all = visits.findAll()) {
                    assertThat(all.map(Visit::id)).containsExactlyInAnyOrder(name + "-inserted", name + "-tracked");
                }
            } finally {
                RUNNING.get(name).decrementAndGet();
            }
        }
    }

    @LakesideTest
    @ExtendWith(Fixtures.Only.class)
    static class First extends Writer {
        @RepeatedTest(4)
        void test(LocalLakehouse local, Visits visits, Tracker tracker) {
            writes(local, visits, tracker);
        }
    }

    @LakesideTest
    @ExtendWith(Fixtures.Only.class)
    static class Second extends Writer {
        @RepeatedTest(4)
        void test(LocalLakehouse local, Visits visits, Tracker tracker) {
            writes(local, visits, tracker);
        }
    }

    @LakesideTest
    @ExtendWith(Fixtures.Only.class)
    static class Third extends Writer {
        @RepeatedTest(4)
        void test(LocalLakehouse local, Visits visits, Tracker tracker) {
            writes(local, visits, tracker);
        }
    }
}
