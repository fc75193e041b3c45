package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the lakehouse finishes the queued append tasks before the databases are checkpointed. */
class AppendShutdownTest {
    @TempDir
    Path dataDir;

    @Test
    void pendingAppendTasksFinishBeforeCloseAndSurviveARestart() throws Exception {
        int requests = 40;
        int rowsPerRequest = 500;
        String firstTask;
        long pendingAtClose;
        List<AppendTasks.Task> tasks = new ArrayList<>();
        try (LocalLakehouse local = LocalLakehouse.builder()
                .port(0)
                .user("test", "test")
                .threads(2)
                .dataDir(dataDir)
                .start()) {
            IngestSupport http = new IngestSupport(local);
            // one over HTTP, the rest straight into the queues so that they are still queued at close()
            HttpResponse<String> response = http.post(
                    "/append?catalog=shop&schema=events&table=t0", "{\"request\": -1, \"i\": 0, \"label\": \"http\"}");
            firstTask = IngestSupport.json(response).get("task_id").asText();
            for (int r = 0; r < requests; r++) {
                List<ObjectNode> rows = new ArrayList<>();
                for (int i = 0; i < rowsPerRequest; i++) {
                    rows.add(Json.object().put("request", r).put("i", i).put("label", "row " + i));
                }
                // two tables, so that two queues drain in parallel
                tasks.add(local.userSpace("test").appendTasks().submit("shop", "events", "t" + (r % 2), rows));
            }
            pendingAtClose = tasks.stream().filter(t -> !t.isDone()).count();
        }
        assertThat(pendingAtClose).as("tasks still queued when close() began").isPositive();
        assertThat(tasks).allSatisfy(t -> assertThat(t.errorMessage).isNull());
        try (LocalLakehouse reopened = LocalLakehouse.builder()
                .port(0)
                .user("test", "test")
                .threads(2)
                .dataDir(dataDir)
                .start()) {
            IngestSupport http = new IngestSupport(reopened);
            assertThat(http.count("shop.events.t0") + http.count("shop.events.t1"))
                    .isEqualTo((long) requests * rowsPerRequest + 1);
            assertThat(http.sql("SELECT count(DISTINCT request) FROM (SELECT request FROM shop.events.t0 UNION ALL"
                                    + " SELECT request FROM shop.events.t1)")
                            .get(0)
                            .get(0))
                    .isEqualTo((long) requests + 1);
            // the task log lives in memory: ids do not survive a restart
            assertThat(http.get("/tasks/" + firstTask).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aClosedLakehouseRefusesNewAppends() throws Exception {
        LocalLakehouse local =
                LocalLakehouse.builder().port(0).user("test", "test").threads(2).start();
        UserSpace space = local.userSpace("test");
        local.close();
        try {
            space.appendTasks()
                    .submit("memory", "main", "t", List.of(Json.object().put("a", 1)));
            org.assertj.core.api.Assertions.fail("expected a refusal");
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.getMessage()).contains("shutting down");
        }
    }
}
