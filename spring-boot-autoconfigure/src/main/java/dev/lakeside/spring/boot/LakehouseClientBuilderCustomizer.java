package dev.lakeside.spring.boot;

import dev.lakeside.client.LakehouseClient;

/** Adjusts the auto-configured client's builder (timeouts, retries, a request listener) before it is built. */
@FunctionalInterface
public interface LakehouseClientBuilderCustomizer {
    /** Called once, after the {@code lakeside.*} properties were applied. */
    void customize(LakehouseClient.Builder builder);
}
