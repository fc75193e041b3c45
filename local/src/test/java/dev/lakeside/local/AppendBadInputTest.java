package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Malformed {@code /append} requests: each gets a 4xx JSON error in the append shape, and nothing changes. */
class AppendBadInputTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension();

    private static final String TARGET = "/append?catalog=memory&schema=main&table=guarded&sync=true";

    @BeforeAll
    static void seed() throws Exception {
        new IngestSupport(LAKE.lakehouse()).execute("CREATE TABLE memory.main.guarded AS SELECT 1::BIGINT AS id");
    }

    private final IngestSupport http = new IngestSupport(LAKE.lakehouse());

    private JsonNode rejected(String path, String body, int status, String code, String... message) throws Exception {
        HttpResponse<String> response =
                http.post(path, body.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertThat(response.statusCode())
                .as(path + " " + body + " -> " + response.body())
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode json = IngestSupport.json(response);
        assertThat(json.get("code").asText()).isEqualTo(code);
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("error_code").asText()).isEqualTo("invalid-data");
        assertThat(json.get("task_id").isNull()).isTrue();
        assertThat(json.get("error").asText()).contains(message);
        assertThat(json.get("error_message").asText())
                .isEqualTo(json.get("error").asText());
        return json;
    }

    @Test
    void bodiesThatAreNotObjectsAreInvalidData() throws Exception {
        rejected(TARGET, "not json", 400, "invalid-data", "not valid JSON", "line 1");
        rejected(TARGET, "{\"id\": 1", 400, "invalid-data", "not valid JSON");
        rejected(TARGET, "42", 400, "invalid-data", "found number 42");
        rejected(TARGET, "\"text\"", 400, "invalid-data", "found string");
        rejected(TARGET, "null", 400, "invalid-data", "found null");
        rejected(TARGET, "true", 400, "invalid-data", "found boolean");
        rejected(TARGET, "", 400, "invalid-data", "empty");
        rejected(TARGET, "[{\"id\": 2}, 3]", 400, "invalid-data", "element 1", "number 3");
        rejected(TARGET, "[{\"id\": 2}, [{\"id\": 3}]]", 400, "invalid-data", "element 1", "array");
        rejected(TARGET, "{\"id\": 2} {\"id\": 3}", 400, "invalid-data", "more content");
        rejected(TARGET, "{\"\": 2}", 400, "invalid-data", "row 0", "field name");
        assertThat(http.sql("SELECT id FROM guarded")).containsExactly(List.of(1L));
    }

    @Test
    void missingOrBadParametersAreBadRequests() throws Exception {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"/append?schema=main&table=guarded", "'catalog'"});
        cases.add(new String[] {"/append?catalog=memory&table=guarded", "'schema'"});
        cases.add(new String[] {"/append?catalog=memory&schema=main", "'table'"});
        cases.add(new String[] {"/append", "'catalog'"});
        cases.add(new String[] {"/append?catalog=memory&schema=main&table=", "'table' must not be empty"});
        cases.add(new String[] {"/append?catalog=memory&schema=main&table=guarded&sync=maybe", "'sync'"});
        cases.add(new String[] {"/append?catalog=memory&schema=main&table=a%00b", "NUL"});
        for (String[] c : cases) {
            rejected(c[0], "{\"id\": 2}", 400, "bad-request", c[1]);
        }
        assertThat(http.sql("SELECT id FROM guarded")).containsExactly(List.of(1L));
    }

    @Test
    void wrongMethodsAndRoutesAreJsonErrors() throws Exception {
        HttpResponse<String> get = http.get("/append?catalog=memory&schema=main&table=guarded");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(IngestSupport.json(get).get("code").asText()).isEqualTo("method-not-allowed");
        HttpResponse<String> postTask = http.post("/tasks/" + AppendTasks.uuidV7(), "{}");
        assertThat(postTask.statusCode()).isEqualTo(405);
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        byte[] body = new byte[(int) LocalLakehouse.APPEND_BODY_LIMIT + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response;
        try {
            response = http.post(TARGET, body, "application/json");
        } catch (java.io.IOException e) {
            // the server may answer and close before the client has sent everything
            assertThat(http.sql("SELECT id FROM guarded")).containsExactly(List.of(1L));
            return;
        }
        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode json = IngestSupport.json(response);
        assertThat(json.get("code").asText()).isEqualTo("payload-too-large");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(http.sql("SELECT id FROM guarded")).containsExactly(List.of(1L));
    }
}
