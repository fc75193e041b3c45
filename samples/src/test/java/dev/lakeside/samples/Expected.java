package dev.lakeside.samples;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures the sample must print for a seed and event count, computed here in plain Java from the
 * generator's events (the sample computes them in SQL on the lakehouse).
 */
final class Expected {
    long pageViews;
    long signUps;
    long orders;
    long visited;
    long signedUp;
    long ordered;
    final Map<Plan, Long> plans = new TreeMap<>();
    final Map<String, Long> viewsByPath = new HashMap<>();
    final Map<LocalDate, Long> ordersByDay = new TreeMap<>();
    final Map<LocalDate, BigDecimal> revenueByDay = new TreeMap<>();
    final Map<LocalDate, Long> visitorsByDay = new TreeMap<>();
    BigDecimal revenue = BigDecimal.ZERO;
    final List<OrderPlaced> allOrders = new ArrayList<>();
    /** Customer id → [plan, order count, lifetime value]. */
    final Map<String, Object[]> customers = new HashMap<>();

    static Expected of(long seed, int events) {
        Expected e = new Expected();
        Set<String> visitors = new HashSet<>();
        Map<String, String> visitorOfCustomer = new HashMap<>();
        Set<String> orderingVisitors = new HashSet<>();
        Map<LocalDate, Set<String>> dailyVisitors = new TreeMap<>();
        new EventGenerator(seed, events).generate(event -> {
            if (event instanceof PageViewed view) {
                e.pageViews++;
                visitors.add(view.visitorId());
                e.viewsByPath.merge(view.path(), 1L, Long::sum);
                dailyVisitors
                        .computeIfAbsent(day(view.occurredAt()), d -> new HashSet<>())
                        .add(view.visitorId());
            } else if (event instanceof SignedUp signUp) {
                e.signUps++;
                visitorOfCustomer.put(signUp.customerId(), signUp.visitorId());
                e.plans.merge(signUp.plan(), 1L, Long::sum);
                e.customers.put(signUp.customerId(), new Object[] {signUp.plan(), 0, BigDecimal.ZERO});
            } else if (event instanceof OrderPlaced order) {
                e.orders++;
                e.allOrders.add(order);
                orderingVisitors.add(visitorOfCustomer.get(order.customerId()));
                LocalDate day = day(order.occurredAt());
                e.ordersByDay.merge(day, 1L, Long::sum);
                e.revenueByDay.merge(day, order.amount(), BigDecimal::add);
                e.revenue = e.revenue.add(order.amount());
                Object[] customer = e.customers.get(order.customerId());
                customer[1] = (Integer) customer[1] + 1;
                customer[2] = ((BigDecimal) customer[2]).add(order.amount());
            } else {
                throw new AssertionError("unexpected event " + event);
            }
        });
        e.visited = visitors.size();
        e.signedUp = visitorOfCustomer.size();
        e.ordered = orderingVisitors.size();
        dailyVisitors.forEach((day, set) -> e.visitorsByDay.put(day, (long) set.size()));
        return e;
    }

    long customersWithOrders() {
        return customers.values().stream().filter(c -> (Integer) c[1] > 0).count();
    }

    /** The {@code n} largest orders of at least {@code minimum}, ties by order id. */
    List<String> largestOrders(BigDecimal minimum, int n) {
        return allOrders.stream()
                .filter(o -> o.amount().compareTo(minimum) >= 0)
                .sorted(Comparator.comparing(OrderPlaced::amount).reversed().thenComparing(OrderPlaced::orderId))
                .limit(n)
                .map(OrderPlaced::orderId)
                .toList();
    }

    /** The {@code n} customers of {@code plan} with the highest lifetime value, ties by id. */
    List<String> topCustomers(Plan plan, int n) {
        return customers.entrySet().stream()
                .filter(c -> c.getValue()[0] == plan)
                .sorted(Comparator.comparing((Map.Entry<String, Object[]> c) -> (BigDecimal) c.getValue()[2])
                        .reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(n)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static LocalDate day(java.time.Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
