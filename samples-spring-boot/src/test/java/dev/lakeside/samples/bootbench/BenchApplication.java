package dev.lakeside.samples.bootbench;

import dev.lakeside.samples.boot.PageView;
import dev.lakeside.track.Tracker;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The measured app: one endpoint that tracks a page view, one that does the same work without tracking. */
@SpringBootApplication
public class BenchApplication {
    @RestController
    static class Endpoints {
        private final ObjectProvider<Tracker> tracker;

        Endpoints(ObjectProvider<Tracker> tracker) {
            this.tracker = tracker;
        }

        @GetMapping("/tracked/{id}")
        String tracked(@PathVariable String id) {
            tracker.getObject().track(new PageView(UUID.randomUUID(), "u", id, Instant.now()));
            return id;
        }

        @GetMapping("/untracked/{id}")
        String untracked(@PathVariable String id) {
            new PageView(UUID.randomUUID(), "u", id, Instant.now());
            return id;
        }
    }
}
