package dev.lakeside.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.local.LocalLakehouseExtension;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every operation end to end over real HTTP against the local lakehouse (DuckDB), one server for the class. */
class LakehouseClientLocalTest {
  @RegisterExtension
  static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(b -> b.user("test", "test"));

  static LakehouseClient client;

  @BeforeAll
  static void connect() {
    LocalLakehouse local = LAKE.lakehouse();
    client = LakehouseClient.builder().baseUri(local.baseUri()).credentials("test", "test").build();
  }

  static TableRef table(String name) {
    return TableRef.of("memory", "main", name);
  }

  static long count(String table) {
    return client.queryAll("SELECT count(*) FROM memory.main." + table).rows().get(0).get(0, Long.class);
  }

  @Test
  void validateAndAutocomplete() {
    ValidateResult valid = client.validate("SELECT 1");
    assertThat(valid.valid()).isTrue();
    assertThat(valid.error()).isNull();
    ValidateResult invalid = client.validate(QueryRequest.builder("SELECT * FROM nowhere_at_all")
        .catalog("memory").schema("main").build());
    assertThat(invalid.valid()).isFalse();
    assertThat(invalid.error()).contains("nowhere_at_all");
    AutocompleteResult hints = client.autocomplete("SEL", 10);
    assertThat(hints.statement()).isEqualTo("SEL");
    assertThat(hints.suggestions()).isNotEmpty().hasSizeLessThanOrEqualTo(10);
    assertThat(hints.suggestions().get(0).suggestion().strip()).isEqualTo("SELECT");
    assertThat(hints.suggestions().get(0).type()).isEqualTo("keyword");
  }

  @Test
  void wrongPasswordIsAnAuthError() {
    LakehouseClient wrong = client.newBuilder().credentials("test", "nope").build();
    assertThatThrownBy(() -> wrong.validate("SELECT 1")).isInstanceOfSatisfying(AuthError.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).doesNotContain("nope");
    });
  }

  @Test
  void badRequestsAreTypedWithTheServersMessage() {
    assertThatThrownBy(() -> client.validate(QueryRequest.builder("SELECT 1").catalog("a\u0000b").build()))
        .isInstanceOfSatisfying(BadRequestError.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("NUL");
        });
  }
}
