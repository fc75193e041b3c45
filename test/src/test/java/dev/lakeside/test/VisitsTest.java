package dev.lakeside.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.track.Tracker;
import org.junit.jupiter.api.Test;

/** The example of test/README.md: the class below is there as it is here ({@link ReadmeTest}). */
@LakesideTest
class VisitsTest {
    @Test
    void countsVisits(Tracker tracker, Visits visits) {
        tracker.track(new Visit("v1", "/pricing", 840));
        visits.insert(new Visit("v2", "/pricing", 1200));
        tracker.flush().join();
        assertThat(visits.countByPath("/pricing")).isEqualTo(2);
    }
}
