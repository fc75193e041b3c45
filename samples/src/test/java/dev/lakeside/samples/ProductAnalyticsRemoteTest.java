package dev.lakeside.samples;

import static dev.lakeside.samples.Printed.number;
import static dev.lakeside.samples.Printed.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeside.local.LocalLakehouseExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sample against a lakehouse given by {@code --url} (here a local lakehouse over real HTTP, as the
 * real service would be), with credentials from {@code --user} or the environment, and its failures.
 */
class ProductAnalyticsRemoteTest {
    private static final String PASSWORD = "s3cret-Pa55word";

    @RegisterExtension
    static final LocalLakehouseExtension LAKE = new LocalLakehouseExtension(b -> b.user("analyst", PASSWORD));

    record Run(int exitCode, String out, String err) {}

    static Run run(Map<String, String> env, String... args) {
        return run(false, env, args);
    }

    static Run run(boolean terminal, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProductAnalytics.run(
                args,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onATerminalTheProgressLineUpdatesInPlace() {
        Run run = run(
                true,
                Map.of(),
                "--url",
                url(),
                "--user",
                "analyst:" + PASSWORD,
                "--events",
                "3000",
                "--schema",
                "on_terminal");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String tracking = run.out().substring(run.out().indexOf("Tracking 3,000 events"));
        String progress = tracking.substring(tracking.indexOf('\n') + 1, tracking.indexOf("Stored "));
        assertThat(progress)
                .as("one line, redrawn 100 times")
                .startsWith("\r  [")
                .endsWith(" stored\n");
        assertThat(progress.chars().filter(c -> c == '\r').count()).isEqualTo(100);
        assertThat(progress.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(progress.substring(progress.lastIndexOf('\r') + 1))
                .startsWith("  [####################] 100 %      3,000 tracked");
    }

    private static String url() {
        return LAKE.lakehouse().baseUri().toString();
    }

    @Test
    void runsAgainstAUrlWithUserFromTheCommandLine() {
        Run run = run(
                Map.of(),
                "--url",
                url(),
                "--user",
                "analyst:" + PASSWORD,
                "--events",
                "5000",
                "--seed",
                "7",
                "--catalog",
                "shop",
                "--schema",
                "from_user");
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out())
                .startsWith("Lakehouse: " + url() + " as user analyst (from --user)")
                .contains("Tables:    shop.from_user.page_viewed, shop.from_user.signed_up")
                .doesNotContain(PASSWORD);
        Expected expected = Expected.of(7, 5000);
        Printed printed = new Printed(run.out());
        List<List<String>> stored = printed.table("Stored rows");
        assertThat(number(row(stored, "page_viewed").get(1))).isEqualTo(expected.pageViews);
        assertThat(number(row(stored, "order_placed").get(1))).isEqualTo(expected.orders);
        List<List<String>> funnel = printed.table("Sign-up funnel");
        assertThat(number(row(funnel, "visited").get(1))).isEqualTo(expected.visited);
        assertThat(number(row(funnel, "signed up").get(1))).isEqualTo(expected.signedUp);
        assertThat(number(row(funnel, "ordered").get(1))).isEqualTo(expected.ordered);
    }

    @Test
    void takesCredentialsFromTheEnvironmentAndWarnsAboutEarlierRows() {
        Map<String, String> env = Map.of(Target.USERNAME, "analyst", Target.PASSWORD, PASSWORD);
        Run first = run(env, "--url", url(), "--events", "1000", "--schema", "from_env");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .startsWith("Lakehouse: " + url() + " as user analyst (from " + Target.USERNAME)
                .doesNotContain("already hold")
                .doesNotContain(PASSWORD);

        String token = Base64.getEncoder().encodeToString(("analyst:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        Run second = run(Map.of(Target.TOKEN, token), "--url", url(), "--events", "1000", "--schema", "from_env");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out())
                .startsWith("Lakehouse: " + url() + " as the token in " + Target.TOKEN)
                .contains("Note: the tables already hold ")
                .doesNotContain(token);
        // Events append; customers upsert on their key, so the second run left one row per customer id.
        Expected expected = Expected.of(Options.DEFAULT_SEED, 1000);
        List<List<String>> stored = new Printed(second.out()).table("Stored rows");
        assertThat(number(row(stored, "page_viewed").get(1))).isEqualTo(2 * expected.pageViews);
        assertThat(number(row(stored, "customer").get(1))).isEqualTo(expected.signUps);
    }

    @Test
    void wrongPasswordExitsWithTheServersAnswerAndNoSecret() {
        Run run = run(Map.of(), "--url", url(), "--user", "analyst:not-" + PASSWORD, "--events", "10");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("error: ")
                .contains("401")
                .contains("(lakehouse: " + url() + ")")
                .doesNotContain(PASSWORD);
        assertThat(run.out()).doesNotContain(PASSWORD);
    }

    @Test
    void unreachableLakehouseExitsWithANetworkError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = run(Map.of(), "--url", "http://127.0.0.1:" + port, "--user", "analyst:" + PASSWORD, "--events", "10");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("error: ")
                .contains("(lakehouse: http://127.0.0.1:" + port + ")")
                .doesNotContain(PASSWORD);
    }
}
