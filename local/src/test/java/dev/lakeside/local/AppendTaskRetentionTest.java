package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Completed append tasks are kept for an hour, up to 100,000 per user, each with its error message. DuckDB's
 * message for a duplicate key quotes the whole key, so one user's appends of a 1 MB key that is already stored
 * kept a megabyte each: 100,000 of them are 100 GB of heap, shared by every user.
 */
class AppendTaskRetentionTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    @Test
    void aKeptTaskDoesNotKeepAWholeValueInItsMessage() throws Exception {
        IngestSupport http = new IngestSupport(LAKE.lakehouse());
        http.execute("CREATE TABLE memory.main.keyed (k VARCHAR PRIMARY KEY)");
        http.execute("INSERT INTO memory.main.keyed VALUES (repeat('x', 200000))");

        HttpResponse<String> response = http.post(
                "/append?catalog=memory&schema=main&table=keyed&sync=true",
                ("[{\"k\":\"" + "x".repeat(200_000) + "\"}]").getBytes(StandardCharsets.UTF_8),
                "application/json");

        JsonNode json = IngestSupport.json(response);
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("error_message").asText().length())
                .as("characters of the message a kept task holds")
                .isLessThanOrEqualTo(QueryLog.TEXT_LIMIT + 100);
    }
}
