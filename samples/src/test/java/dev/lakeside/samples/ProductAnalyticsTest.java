package dev.lakeside.samples;

import static dev.lakeside.samples.Printed.money;
import static dev.lakeside.samples.Printed.number;
import static dev.lakeside.samples.Printed.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the sample exactly as {@code exec:java} does, with no arguments and no credentials (so the
 * default: 100,000 events from seed 42 into its own in-process local lakehouse), and checks every
 * figure it printed against the same figures computed in plain Java from the generator's events.
 */
class ProductAnalyticsTest {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);

    private static int exitCode;
    private static String stdout;
    private static String stderr;
    private static Printed printed;
    private static Expected expected;

    @BeforeAll
    static void runTheSample() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        exitCode = ProductAnalytics.run(
                new String[0],
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        stdout = out.toString(StandardCharsets.UTF_8);
        stderr = err.toString(StandardCharsets.UTF_8);
        printed = new Printed(stdout);
        expected = Expected.of(Options.DEFAULT_SEED, Options.DEFAULT_EVENTS);
    }

    @Test
    void succeedsOnTheEmbeddedLakehouse() {
        assertThat(stderr).isEmpty();
        assertThat(exitCode).as(stdout).isZero();
        assertThat(stdout)
                .startsWith("Lakehouse: in-process local lakehouse at http://127.0.0.1:")
                .contains("Tracking 100,000 events (seed 42, 2026-11-02 to 2026-11-15 UTC)")
                .contains("Stored 100,000 of 100,000 events in ")
                .containsPattern("\nDone in \\d+\\.\\d s\\.\n");
    }

    @Test
    void showsProgressWhileTracking() {
        List<String> progress = stdout.lines()
                .filter(l -> l.matches("  \\[[#-]{20}] +\\d+ %.*"))
                .toList();
        assertThat(progress).hasSize(10);
        assertThat(progress.get(0)).matches("  \\[##--*] +10 % +10,000 tracked +[\\d,]+ stored");
        assertThat(progress.get(9)).matches("  \\[#{20}] 100 % +100,000 tracked +[\\d,]+ stored");
    }

    @Test
    void storedEveryEventOfTheSeed() {
        List<List<String>> rows = printed.table("Stored rows");
        assertThat(expected.pageViews + expected.signUps + expected.orders).isEqualTo(100_000);
        assertThat(number(row(rows, "page_viewed").get(1))).isEqualTo(expected.pageViews);
        assertThat(number(row(rows, "signed_up").get(1))).isEqualTo(expected.signUps);
        assertThat(number(row(rows, "order_placed").get(1))).isEqualTo(expected.orders);
        // One customer row per sign-up, however often it was upserted.
        assertThat(number(row(rows, "customer").get(1))).isEqualTo(expected.signUps);
        assertThat(stdout).containsPattern("Upserted [\\d,]+ customer rows in 14 requests");
    }

    @Test
    void funnelFollowsFromTheSeed() {
        List<List<String>> funnel = printed.table("Sign-up funnel");
        assertThat(funnel).hasSize(3);
        assertThat(row(funnel, "visited").get(1)).isEqualTo(ProductAnalytics.count(expected.visited));
        assertThat(row(funnel, "signed up"))
                .containsExactly(
                        "signed up",
                        ProductAnalytics.count(expected.signedUp),
                        ProductAnalytics.percent(expected.signedUp, expected.visited),
                        ProductAnalytics.percent(expected.signedUp, expected.visited));
        assertThat(row(funnel, "ordered"))
                .containsExactly(
                        "ordered",
                        ProductAnalytics.count(expected.ordered),
                        ProductAnalytics.percent(expected.ordered, expected.signedUp),
                        ProductAnalytics.percent(expected.ordered, expected.visited));
        // A funnel narrows, and this one has people at every step.
        assertThat(expected.visited).isGreaterThan(expected.signedUp);
        assertThat(expected.signedUp).isGreaterThan(expected.ordered);
        assertThat(expected.ordered).isPositive();
        // The upserted customer table agrees with the events.
        assertThat(stdout)
                .contains("customers with an order (customer table, countByOrdersGreaterThan): "
                        + ProductAnalytics.count(expected.customersWithOrders()));
    }

    @Test
    void plansCountedFromEventsAndFromTheCustomerTable() {
        List<List<String>> plans = printed.table("Plans");
        for (Plan plan : Plan.values()) {
            long n = expected.plans.getOrDefault(plan, 0L);
            assertThat(row(plans, plan.name()))
                    .containsExactly(plan.name(), ProductAnalytics.count(n), ProductAnalytics.count(n));
        }
    }

    @Test
    void topPagesAreTheMostViewed() {
        List<List<String>> top = printed.table("Top pages");
        List<Map.Entry<String, Long>> byViews = new ArrayList<>(expected.viewsByPath.entrySet());
        byViews.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        assertThat(top).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(top.get(i).get(0)).isEqualTo(byViews.get(i).getKey());
            assertThat(number(top.get(i).get(1))).isEqualTo(byViews.get(i).getValue());
        }
        assertThat(stdout)
                .contains("views of /pricing (countByPath): "
                        + ProductAnalytics.count(expected.viewsByPath.get("/pricing")) + "; any /docs page viewed "
                        + "(existsByPathStartingWith): true");
    }

    @Test
    void revenuePerDayFollowsFromTheSeed() {
        List<List<String>> revenue = printed.table("Revenue per day");
        Map<String, List<String>> expectedRows = new LinkedHashMap<>();
        expected.ordersByDay.forEach((day, orders) -> expectedRows.put(
                DAY.format(day),
                List.of(
                        DAY.format(day),
                        ProductAnalytics.count(orders),
                        ProductAnalytics.money(expected.revenueByDay.get(day)))));
        expectedRows.put(
                "total",
                List.of("total", ProductAnalytics.count(expected.orders), ProductAnalytics.money(expected.revenue)));
        assertThat(revenue).containsExactlyElementsOf(expectedRows.values());
        assertThat(expected.ordersByDay).hasSize(EventGenerator.DAYS);
        assertThat(money(row(revenue, "total").get(2))).isEqualByComparingTo(expected.revenue);
    }

    @Test
    void chartsVisitorsPerDayScaledToTheBusiestDay() {
        List<String> chart = printed.sectionLines("Visitors per day");
        assertThat(chart).hasSize(EventGenerator.DAYS);
        long max = expected.visitorsByDay.values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElseThrow();
        int i = 0;
        for (Map.Entry<LocalDate, Long> day : expected.visitorsByDay.entrySet()) {
            String line = chart.get(i++);
            assertThat(line)
                    .startsWith("  " + DAY.format(day.getKey()) + "  ")
                    .endsWith(" " + ProductAnalytics.count(day.getValue()));
            long bars = line.chars().filter(c -> c == '#').count();
            assertThat(bars).isEqualTo(ProductAnalytics.scaled(day.getValue(), max, 40));
        }
        // Saturday and Sunday of the first week are quieter than the Friday before them.
        assertThat(expected.visitorsByDay.get(LocalDate.parse("2026-11-07")))
                .isLessThan(expected.visitorsByDay.get(LocalDate.parse("2026-11-06")));
    }

    @Test
    void derivedFindersWithOrderByAndLimit() {
        List<List<String>> largest = printed.table("Largest orders");
        assertThat(largest.stream().map(r -> r.get(0)).toList())
                .isEqualTo(expected.largestOrders(new BigDecimal("500.00"), 5));
        List<List<String>> best = printed.table("Top TEAM customers");
        assertThat(best.stream().map(r -> r.get(0)).toList()).isEqualTo(expected.topCustomers(Plan.TEAM, 3));
        for (List<String> customer : best) {
            Object[] state = expected.customers.get(customer.get(0));
            assertThat(customer.get(1)).isEqualTo(customer.get(0) + "@example.com");
            assertThat(number(customer.get(2))).isEqualTo(((Integer) state[1]).longValue());
            assertThat(money(customer.get(3))).isEqualByComparingTo((BigDecimal) state[2]);
        }
    }
}
