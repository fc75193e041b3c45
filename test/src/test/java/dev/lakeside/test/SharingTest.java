package dev.lakeside.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.Lakeside;
import dev.lakeside.local.LocalLakehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One lakehouse and one facade for every test of a class, its @Nested classes included. */
@LakesideTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharingTest {
    private static LocalLakehouse started;
    private static Lakeside facade;

    @BeforeAll
    static void capture(LocalLakehouse local, Lakeside lakeside) {
        started = local;
        facade = lakeside;
    }

    @Test
    @Order(1)
    void first(LocalLakehouse local, Lakeside lakeside) {
        assertThat(local).isSameAs(started);
        assertThat(lakeside).isSameAs(facade);
    }

    @Test
    @Order(2)
    void second(LocalLakehouse local, Lakeside lakeside) {
        assertThat(local).isSameAs(started);
        assertThat(lakeside).isSameAs(facade);
    }

    @Nested
    class Inner {
        @Test
        void sharesTheEnclosingClasssLakehouse(LocalLakehouse local, Lakeside lakeside, Visits visits) {
            assertThat(local).isSameAs(started);
            assertThat(lakeside).isSameAs(facade);
            visits.insert(new Visit("nested", "/", 1));
            assertThat(visits.count()).isEqualTo(1);
        }
    }
}
