package dev.lakeside.integration;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import java.net.URI;
import java.net.http.HttpClient;

/** Clients of a test's local lakehouse, directly or through another address (a fault proxy). */
final class Clients {
    private Clients() {}

    static LakehouseClient of(LocalLakehouse local) {
        return via(local, local.baseUri());
    }

    /** Sending through {@code http}: a {@link CountingHttpClient}, say. */
    static LakehouseClient of(LocalLakehouse local, HttpClient http) {
        return LakehouseClient.builder()
                .baseUri(local.baseUri())
                .credentials(local.username(), local.password())
                .httpClient(http)
                .build();
    }

    static LakehouseClient via(LocalLakehouse local, URI uri) {
        return LakehouseClient.builder()
                .baseUri(uri)
                .credentials(local.username(), local.password())
                .build();
    }
}
