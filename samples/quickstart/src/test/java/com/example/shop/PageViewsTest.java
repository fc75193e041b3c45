package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import dev.lakeside.repository.Limit;
import dev.lakeside.track.Tracker;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PageViewsTest {
  @RegisterExtension                     // one local lakehouse for the class, on a free port
  static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(b -> b.user("test", "test"));

  static Lakeside lakeside;

  @BeforeAll
  static void connect() {
    LocalLakehouse local = LAKE.lakehouse();
    LakehouseClient client = LakehouseClient.builder().baseUri(local.baseUri())
        .credentials(local.username(), local.password()).build();
    lakeside = Lakeside.builder(client).build();
    lakeside.schema().create(PageView.class);
  }

  @AfterAll
  static void close() {
    lakeside.close();
  }

  @Test
  void tracksViewsAndReadsThemBack() {
    Tracker tracker = lakeside.tracker();
    tracker.track(new PageView(null, "u1", "/pricing", Instant.parse("2026-12-01T10:00:00Z"), 840, null));
    tracker.track(new PageView(null, "u2", "/pricing", Instant.parse("2026-12-01T10:01:00Z"), 1200, null));
    tracker.track(new PageView(null, "u1", "/docs", Instant.parse("2026-12-01T10:02:00Z"), 310, null));
    tracker.flush().join();

    PageViews views = lakeside.repository(PageViews.class);
    assertEquals(List.of("/docs", "/pricing"), views.findByUserIdOrderByOccurredAtDesc("u1", Limit.of(10))
        .stream().map(PageView::path).toList());
    assertEquals(2, views.countByPath("/pricing"));
    assertEquals(List.of(new PathViews("/pricing", 2), new PathViews("/docs", 1)), views.topPages(10));
  }
}
