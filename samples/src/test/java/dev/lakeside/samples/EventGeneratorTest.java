package dev.lakeside.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
    private static List<Record> events(long seed, int n) {
        List<Record> events = new ArrayList<>();
        new EventGenerator(seed, n).generate(events::add);
        return events;
    }

    @Test
    void sameSeedSameEventsOtherSeedOtherEvents() {
        assertThat(events(42, 5_000)).isEqualTo(events(42, 5_000)).isNotEqualTo(events(43, 5_000));
    }

    @Test
    void makesExactlyTheEventsAskedFor() {
        for (int n : new int[] {1, 2, 3, 17, 1_000, 12_345}) {
            assertThat(events(9, n)).hasSize(n);
        }
        assertThatThrownBy(() -> new EventGenerator(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected at least 1 event, found 0");
    }

    @Test
    void eventsAreConsistentAndInsideTheTwoWeeks() {
        Set<String> visitors = new HashSet<>();
        Set<String> customers = new HashSet<>();
        Set<String> orderIds = new HashSet<>();
        for (Record event : events(42, 30_000)) {
            Instant at;
            if (event instanceof PageViewed view) {
                visitors.add(view.visitorId());
                assertThat(view.durationMs()).isBetween(2_000, 60_000);
                assertThat(view.eventId()).isNull();
                at = view.occurredAt();
            } else if (event instanceof SignedUp signUp) {
                assertThat(visitors)
                        .as("a sign-up comes after its visitor's page views")
                        .contains(signUp.visitorId());
                assertThat(customers.add(signUp.customerId()))
                        .as("one sign-up per customer")
                        .isTrue();
                at = signUp.occurredAt();
            } else {
                OrderPlaced order = (OrderPlaced) event;
                assertThat(customers)
                        .as("an order comes after its customer's sign-up")
                        .contains(order.customerId());
                assertThat(orderIds.add(order.orderId())).isTrue();
                assertThat(order.amount().scale()).isEqualTo(2);
                assertThat(order.amount()).isBetween(new BigDecimal("9.00"), new BigDecimal("999.00"));
                at = order.occurredAt();
            }
            assertThat(at).isBetween(EventGenerator.START, EventGenerator.END.minusNanos(1));
        }
        assertThat(customers).isNotEmpty();
        assertThat(orderIds).isNotEmpty();
    }
}
