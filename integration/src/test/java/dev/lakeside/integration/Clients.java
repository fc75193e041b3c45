package dev.lakeside.integration;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import java.net.URI;

/** Clients of a test's local lakehouse, directly or through another address (a fault proxy). */
final class Clients {
  private Clients() {}

  static LakehouseClient of(LocalLakehouse local) {
    return via(local, local.baseUri());
  }

  static LakehouseClient via(LocalLakehouse local, URI uri) {
    return LakehouseClient.builder().baseUri(uri).credentials(local.username(), local.password()).build();
  }
}
