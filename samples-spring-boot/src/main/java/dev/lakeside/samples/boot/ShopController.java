package dev.lakeside.samples.boot;

import dev.lakeside.track.Tracker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Serves products and checkouts, tracking each, and a report read back through the repositories. */
@RestController
class ShopController {
    private final Tracker tracker;
    private final PageViews views;
    private final Purchases purchases;

    ShopController(Tracker tracker, PageViews views, Purchases purchases) {
        this.tracker = tracker;
        this.views = views;
        this.purchases = purchases;
    }

    @GetMapping("/products/{id}")
    Map<String, String> product(
            @PathVariable String id, @RequestHeader(name = "X-User", defaultValue = "anonymous") String user) {
        tracker.track(new PageView(UUID.randomUUID(), user, id, Instant.now()));
        return Map.of("product", id);
    }

    @PostMapping("/checkout")
    Map<String, Object> checkout(
            @RequestParam String product,
            @RequestParam BigDecimal amount,
            @RequestHeader(name = "X-User", defaultValue = "anonymous") String user) {
        tracker.track(new Purchase(UUID.randomUUID(), user, product, amount, Instant.now()));
        return Map.of("product", product, "amount", amount);
    }

    /** Top products by views, purchases and revenue; {@code fresh=true} first waits for the tracked events. */
    @GetMapping("/report")
    Report report(@RequestParam(defaultValue = "false") boolean fresh, @RequestParam(defaultValue = "5") int top) {
        if (fresh) {
            tracker.flush().join();
        }
        return new Report(views.topProducts(top), purchases.count(), purchases.revenue());
    }

    record Report(List<PageViews.ProductViews> topProducts, long purchases, BigDecimal revenue) {}
}
