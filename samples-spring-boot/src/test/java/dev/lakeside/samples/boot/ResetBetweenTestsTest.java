package dev.lakeside.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.test.spring.ResetLakeside;
import dev.lakeside.track.Tracker;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** With @ResetLakeside each test starts from empty tables, whatever the one before wrote. */
@SpringBootTest
@ResetLakeside
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetBetweenTestsTest {
    @Autowired
    Tracker tracker;

    @Autowired
    PageViews views;

    private void viewTimes(int n) {
        assertThat(views.count()).as("rows at the start of the test").isZero();
        for (int i = 0; i < n; i++) {
            tracker.track(new PageView(UUID.randomUUID(), "u", "p", Instant.now()));
        }
        tracker.flush().join();
        assertThat(views.countByProductId("p")).isEqualTo(n);
    }

    @Test
    @Order(1)
    void first() {
        viewTimes(3);
    }

    @Test
    @Order(2)
    void second() {
        viewTimes(5);
    }

    @Test
    @Order(3)
    void rowsTrackedButNotFlushedDoNotLeakEither() {
        viewTimes(0);
        tracker.track(new PageView(UUID.randomUUID(), "u", "p", Instant.now()));
    }

    @Test
    @Order(4)
    void last() {
        viewTimes(1);
    }
}
