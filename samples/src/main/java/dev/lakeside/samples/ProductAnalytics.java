package dev.lakeside.samples;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.LakehouseException;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.repository.Limit;
import dev.lakeside.track.FullPolicy;
import dev.lakeside.track.TrackResult;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import dev.lakeside.track.TrackerStats;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sample app: tracks two weeks of synthetic product-analytics events, keeps a customer table up
 * to date by upsert, then reads a sign-up funnel, the top pages and revenue per day through
 * repositories, and prints them as tables and a chart.
 *
 * <p>By default it runs against an in-process local lakehouse (no account, no network). With
 * {@code --url}, {@code --user}, or the {@code ALTERTABLE_*} credentials in the environment, the same
 * code runs against that lakehouse. {@code --help} lists the options.
 */
public final class ProductAnalytics {
    /** The real service, used when credentials are given without {@code --url}. */
    static final URI SERVICE = URI.create("https://api.altertable.ai");

    static final String USAGE = """
      usage: ProductAnalytics [--events N] [--seed S] [--local | --url URI [--user NAME:PASSWORD]]
                              [--catalog C] [--schema S]
        --events N     synthetic events to track (default 100000)
        --seed S       random seed of the events (default 42)
        --local        use an in-process local lakehouse even if credentials are set (the default without them)
        --url URI      a lakehouse to use instead (credentials from --user or the environment)
        --user N:P     its credentials; else ALTERTABLE_LAKEHOUSE_USERNAME and ALTERTABLE_LAKEHOUSE_PASSWORD,
                       else ALTERTABLE_BASIC_AUTH_TOKEN (with either set and no --url: the real service)
        --catalog C    catalog of the tables (default memory)
        --schema S     schema of the tables (default main)
      """;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd", Locale.ROOT);

    private ProductAnalytics() {}

    public static void main(String[] args) {
        // On a terminal the progress line updates in place; piped or captured, it prints a line per step.
        System.exit(run(args, System.getenv(), System.out, System.err, System.console() != null));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, false);
    }

    /**
     * Runs the sample.
     *
     * @param terminal whether {@code out} is a terminal, where the progress line is redrawn in place
     * @return the exit code: 0 when everything was stored and read, 1 on a failure, 2 on bad arguments
     */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        Options options;
        Target target;
        try {
            options = Options.parse(args);
            if (options.help()) {
                out.print(USAGE);
                return 0;
            }
            target = Target.of(options, env);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        long started = System.nanoTime();
        try {
            if (target.local()) {
                try (LocalLakehouse local = LocalLakehouse.builder()
                        .port(0)
                        .threads(2)
                        .user("sample", UUID.randomUUID().toString())
                        .start()) {
                    LakehouseClient client = LakehouseClient.builder()
                            .baseUri(local.baseUri())
                            .credentials(local.username(), local.password())
                            .userAgentSuffix("lakeside-sample")
                            .build();
                    out.println("Lakehouse: in-process local lakehouse at " + local.baseUri() + " (in memory)");
                    new Job(options, client, out, terminal).run();
                }
            } else {
                LakehouseClient.Builder builder =
                        LakehouseClient.builder().baseUri(target.uri()).userAgentSuffix("lakeside-sample");
                try {
                    if (target.token() != null) {
                        builder.token(target.token());
                    } else {
                        builder.credentials(target.user(), target.password());
                    }
                } catch (IllegalArgumentException e) {
                    throw new JobFailure(
                            "the credentials from " + target.source() + " are not usable: " + e.getMessage());
                }
                out.println("Lakehouse: " + target.uri() + " as " + target.describeCredentials());
                new Job(options, builder.build(), out, terminal).run();
            }
            out.printf(Locale.ROOT, "%nDone in %.1f s.%n", (System.nanoTime() - started) / 1e9);
            return 0;
        } catch (LakehouseException e) {
            // The client's messages name the operation and status; say which lakehouse, too.
            err.println("error: " + e.getMessage() + " (lakehouse: " + (target.local() ? "in-process" : target.uri())
                    + ")");
            return 1;
        } catch (JobFailure e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("error: " + e.getClass().getName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** One run against one lakehouse. */
    static final class Job {
        private final Options options;
        private final LakehouseClient client;
        private final PrintStream out;
        private final boolean terminal;

        Job(Options options, LakehouseClient client, PrintStream out, boolean terminal) {
            this.options = options;
            this.client = client;
            this.out = out;
            this.terminal = terminal;
        }

        void run() {
            TrackerConfig config = TrackerConfig.builder()
                    // A sample that generates faster than it can send waits instead of dropping events.
                    .fullPolicy(FullPolicy.block(Duration.ofSeconds(30)))
                    .linger(Duration.ofMillis(100))
                    // This job closes the facade itself; no shutdown hook is needed.
                    .shutdownHook(false)
                    .build();
            try (Lakeside lakeside = Lakeside.builder(client)
                    .defaultCatalog(options.catalog())
                    .defaultSchema(options.schema())
                    .tracker(config)
                    .build()) {
                lakeside.schema().create(PageViewed.class, SignedUp.class, OrderPlaced.class, Customer.class);
                out.println("Tables:    " + lakeside.tableOf(PageViewed.class) + ", " + lakeside.tableOf(SignedUp.class)
                        + ", " + lakeside.tableOf(OrderPlaced.class) + ", " + lakeside.tableOf(Customer.class));

                PageViews pageViews = lakeside.repository(PageViews.class);
                SignUps signUps = lakeside.repository(SignUps.class);
                Orders orders = lakeside.repository(Orders.class);
                Customers customers = lakeside.repository(Customers.class);

                long before = pageViews.count() + signUps.count() + orders.count() + customers.count();
                if (before > 0) {
                    out.printf(
                            Locale.ROOT,
                            "Note: the tables already hold %,d rows; the figures below include them.%n",
                            before);
                }

                track(lakeside.tracker(), customers);
                report(pageViews, signUps, orders, customers);
            }
        }

        /** Tracks every generated event, and upserts the customers they changed at the end of each day. */
        private void track(Tracker tracker, Customers customers) {
            EventGenerator generator = new EventGenerator(options.seed(), options.events());
            out.printf(
                    Locale.ROOT,
                    "%nTracking %,d events (seed %d, %s to %s UTC)%n",
                    generator.events(),
                    generator.seed(),
                    EventGenerator.START.atOffset(ZoneOffset.UTC).toLocalDate(),
                    EventGenerator.END.minusSeconds(1).atOffset(ZoneOffset.UTC).toLocalDate());
            CustomerBook book = new CustomerBook(customers);
            long start = System.nanoTime();
            long[] tracked = {0};
            int step = Math.max(1, generator.events() / (terminal ? 100 : 10));
            generator.generate(event -> {
                book.apply(event);
                TrackResult result = tracker.track(event);
                if (!result.accepted()) {
                    throw new JobFailure("the tracker refused event " + (tracked[0] + 1) + ": " + result);
                }
                tracked[0]++;
                if (tracked[0] % step == 0 || tracked[0] == generator.events()) {
                    TrackerStats stats = tracker.stats();
                    out.printf(
                            Locale.ROOT,
                            "%s  %s %3d %%  %,9d tracked  %,9d stored%s",
                            terminal ? "\r" : "",
                            bar(tracked[0], generator.events(), 20),
                            tracked[0] * 100 / generator.events(),
                            tracked[0],
                            stats.sent(),
                            terminal ? "" : System.lineSeparator());
                    out.flush();
                }
            });
            if (terminal) {
                out.println();
            }
            try {
                tracker.flush().get(5, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                throw new JobFailure(
                        "flushing the tracker failed: " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                throw new JobFailure("the tracker did not store every event within 5 minutes: " + tracker.stats());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JobFailure("interrupted while flushing the tracker");
            }
            book.finish();
            double seconds = (System.nanoTime() - start) / 1e9;
            TrackerStats stats = tracker.stats();
            out.printf(
                    Locale.ROOT,
                    "Stored %,d of %,d events in %,d batches, %.1f s (%,.0f events/s); %,d dropped, " + "%,d failed%n",
                    stats.sent(),
                    stats.accepted(),
                    stats.sentBatches(),
                    seconds,
                    stats.sent() / seconds,
                    stats.dropped(),
                    stats.failed());
            out.printf(
                    Locale.ROOT,
                    "Upserted %,d customer rows in %,d requests (one per day with changes)%n",
                    book.rowsUpserted,
                    book.requests);
            if (stats.sent() != stats.accepted() || stats.accepted() != generator.events()) {
                throw new JobFailure("expected " + generator.events() + " events stored, found " + stats.sent()
                        + " stored (" + stats.failed() + " failed, " + stats.dropped() + " dropped)");
            }
        }

        private void report(PageViews pageViews, SignUps signUps, Orders orders, Customers customers) {
            section("Stored rows (TableRepository.count)");
            new TextTable("table", ">rows")
                    .row("page_viewed", count(pageViews.count()))
                    .row("signed_up", count(signUps.count()))
                    .row("order_placed", count(orders.count()))
                    .row("customer", count(customers.count()))
                    .print(out);

            section("Sign-up funnel (@Query)");
            Funnel funnel = pageViews.funnel();
            new TextTable("step", ">visitors", ">of previous", ">of all")
                    .row("visited", count(funnel.visited()), "", percent(funnel.visited(), funnel.visited()))
                    .row(
                            "signed up",
                            count(funnel.signedUp()),
                            percent(funnel.signedUp(), funnel.visited()),
                            percent(funnel.signedUp(), funnel.visited()))
                    .row(
                            "ordered",
                            count(funnel.ordered()),
                            percent(funnel.ordered(), funnel.signedUp()),
                            percent(funnel.ordered(), funnel.visited()))
                    .print(out);
            out.printf(
                    Locale.ROOT,
                    "  customers with an order (customer table, countByOrdersGreaterThan): %,d%n",
                    customers.countByOrdersGreaterThan(0));

            section("Plans (countByPlan on signed_up and customer)");
            TextTable plans = new TextTable("plan", ">sign-ups", ">customers");
            for (Plan plan : Plan.values()) {
                plans.row(plan, count(signUps.countByPlan(plan)), count(customers.countByPlan(plan)));
            }
            plans.print(out);

            section("Top pages (@Query, @Cached)");
            TextTable top = new TextTable("page", ">views", ">visitors", ">avg time");
            for (TopPage page : pageViews.topPages(5)) {
                top.row(
                        page.path(),
                        count(page.views()),
                        count(page.visitors()),
                        String.format(Locale.ROOT, "%.1f s", page.avgSeconds()));
            }
            top.print(out);
            out.printf(
                    Locale.ROOT,
                    "  views of /pricing (countByPath): %,d; any /docs page viewed "
                            + "(existsByPathStartingWith): %s%n",
                    pageViews.countByPath("/pricing"),
                    pageViews.existsByPathStartingWith("/docs"));

            section("Revenue per day (@Query with :from and :to)");
            TextTable revenue = new TextTable("day", ">orders", ">revenue");
            long totalOrders = 0;
            BigDecimal totalRevenue = BigDecimal.ZERO;
            for (DailyRevenue day : orders.revenuePerDay(EventGenerator.START, EventGenerator.END)) {
                revenue.row(DAY.format(day.day()), count(day.orders()), money(day.revenue()));
                totalOrders += day.orders();
                totalRevenue = totalRevenue.add(day.revenue());
            }
            revenue.row("total", count(totalOrders), money(totalRevenue));
            revenue.print(out);

            section("Visitors per day (@Query)");
            List<DailyCount> visitors = pageViews.visitorsPerDay(EventGenerator.START, EventGenerator.END);
            long max = visitors.stream().mapToLong(DailyCount::value).max().orElse(1);
            for (DailyCount day : visitors) {
                out.printf(
                        Locale.ROOT,
                        "  %s  %-40s %,7d%n",
                        DAY.format(day.day()),
                        "#".repeat(scaled(day.value(), max, 40)),
                        day.value());
            }

            section("Largest orders (findByAmountGreaterThanEqualOrderByAmountDescOrderIdAsc, Limit.of(5))");
            TextTable largest = new TextTable("order", "customer", ">amount", ">items", "placed at");
            for (OrderPlaced order : orders.findByAmountGreaterThanEqualOrderByAmountDescOrderIdAsc(
                    new BigDecimal("500.00"), Limit.of(5))) {
                largest.row(
                        order.orderId(), order.customerId(), money(order.amount()), order.items(), order.occurredAt());
            }
            largest.print(out);

            section("Top TEAM customers (findByPlanOrderByLifetimeValueDescIdAsc, Limit.of(3))");
            TextTable best = new TextTable("customer", "email", ">orders", ">lifetime value", "signed up");
            for (Customer customer : customers.findByPlanOrderByLifetimeValueDescIdAsc(Plan.TEAM, Limit.of(3))) {
                best.row(
                        customer.id(),
                        customer.email(),
                        customer.orders(),
                        money(customer.lifetimeValue()),
                        customer.signedUpAt());
            }
            best.print(out);
        }

        private void section(String title) {
            out.println();
            out.println(title);
        }
    }

    /** The customer table's rows as the events change them; the changed ones are upserted once a day. */
    static final class CustomerBook {
        private final Customers repository;
        private final Map<String, Customer> byId = new LinkedHashMap<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private LocalDate day;
        long rowsUpserted;
        long requests;

        CustomerBook(Customers repository) {
            this.repository = repository;
        }

        void apply(Record event) {
            if (event instanceof SignedUp signedUp) {
                dayOf(signedUp.occurredAt());
                byId.put(
                        signedUp.customerId(),
                        new Customer(
                                signedUp.customerId(),
                                signedUp.customerId() + "@example.com",
                                signedUp.plan(),
                                signedUp.occurredAt(),
                                0,
                                BigDecimal.ZERO.setScale(2)));
                changed.add(signedUp.customerId());
            } else if (event instanceof OrderPlaced order) {
                dayOf(order.occurredAt());
                Customer c = byId.get(order.customerId());
                byId.put(
                        c.id(),
                        new Customer(
                                c.id(),
                                c.email(),
                                c.plan(),
                                c.signedUpAt(),
                                c.orders() + 1,
                                c.lifetimeValue().add(order.amount())));
                changed.add(c.id());
            } else if (event instanceof PageViewed view) {
                dayOf(view.occurredAt());
            }
        }

        void finish() {
            flush();
        }

        private void dayOf(Instant at) {
            LocalDate eventDay = at.atOffset(ZoneOffset.UTC).toLocalDate();
            if (day != null && eventDay.isAfter(day)) {
                flush();
            }
            day = eventDay;
        }

        private void flush() {
            if (changed.isEmpty()) {
                return;
            }
            List<Customer> rows = new ArrayList<>(changed.size());
            for (String id : changed) {
                rows.add(byId.get(id));
            }
            repository.upsertAll(rows);
            rowsUpserted += rows.size();
            requests++;
            changed.clear();
        }
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String money(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    /** {@code [#####-----]}: {@code value} of {@code max} in {@code width} characters. */
    static String bar(long value, long max, int width) {
        int filled = scaled(value, max, width);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    /** {@code value} of {@code max} scaled to {@code 0..width}. */
    static int scaled(long value, long max, int width) {
        return max <= 0 ? 0 : (int) Math.round((double) Math.min(value, max) * width / max);
    }

    /** A failure of the job that is not the lakehouse's (the lakehouse's are {@link LakehouseException}s). */
    static final class JobFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        JobFailure(String message) {
            super(message);
        }
    }
}
