package com.example.shop;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.repository.Limit;
import dev.lakeside.track.Tracker;
import java.net.URI;
import java.time.Instant;

/**
 * Tracks page views, then reads them back through the repository. Given a URL (such as a local
 * lakehouse started with its CLI), it uses that lakehouse; else, with ALTERTABLE_LAKEHOUSE_USERNAME and
 * ALTERTABLE_LAKEHOUSE_PASSWORD (or ALTERTABLE_BASIC_AUTH_TOKEN) set, Altertable; otherwise an
 * in-process local lakehouse. Credentials of a URL or of Altertable come from those variables.
 */
public final class App {
  public static void main(String[] args) {
    if (args.length > 0) {
      run(LakehouseClient.builder().baseUri(URI.create(args[0])).build());
      return;
    }
    if (System.getenv("ALTERTABLE_LAKEHOUSE_USERNAME") != null || System.getenv("ALTERTABLE_BASIC_AUTH_TOKEN") != null) {
      run(LakehouseClient.builder().build());             // https://api.altertable.ai
      return;
    }
    try (LocalLakehouse local = LocalLakehouse.builder().port(0).user("dev", "dev").start()) {
      run(LakehouseClient.builder().baseUri(local.baseUri()).credentials("dev", "dev").build());
    }
  }

  static void run(LakehouseClient client) {
    try (Lakeside lakeside = Lakeside.builder(client).build()) {   // defaults: catalog memory, schema main
      lakeside.schema().create(PageView.class);                   // CREATE SCHEMA/TABLE IF NOT EXISTS, ADD COLUMN

      Tracker tracker = lakeside.tracker();
      tracker.track(new PageView(null, "u1", "/pricing", Instant.now(), 840, null));
      tracker.track(new PageView(null, "u2", "/pricing", Instant.now(), 1200, "https://example.com"));
      tracker.track(new PageView(null, "u1", "/docs", Instant.now(), 310, null));
      tracker.flush().join();                                     // stored and queryable, or a FlushException

      PageViews views = lakeside.repository(PageViews.class);
      System.out.println("u1 viewed " + views.findByUserIdOrderByOccurredAtDesc("u1", Limit.of(10)).size() + " pages");
      System.out.println("/pricing was viewed " + views.countByPath("/pricing") + " times");
      for (PathViews page : views.topPages(10)) {
        System.out.println(page.path() + ": " + page.views());
      }
    }                                                             // close() flushes the tracker within its deadline
  }
}
