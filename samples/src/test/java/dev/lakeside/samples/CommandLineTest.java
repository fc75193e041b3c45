package dev.lakeside.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Options, the choice of lakehouse and credentials, and the exit code 2 for bad input (no server needed). */
class CommandLineTest {
    private static final String SECRET = "hunter2-secret";

    @Test
    void defaults() throws UsageException {
        Options options = Options.parse();
        assertThat(options.events()).isEqualTo(100_000);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.catalog()).isEqualTo("memory");
        assertThat(options.schema()).isEqualTo("main");
        assertThat(options.url()).isNull();
        assertThat(Target.of(options, Map.of()).local()).isTrue();
    }

    @Test
    void parsesEveryOption() throws UsageException {
        Options options = Options.parse(
                "--events",
                "1_000",
                "--seed",
                "-3",
                "--url",
                "http://127.0.0.1:15000",
                "--user",
                "dev:pa:ss",
                "--catalog",
                "shop",
                "--schema",
                "analytics");
        assertThat(options.events()).isEqualTo(1000);
        assertThat(options.seed()).isEqualTo(-3);
        assertThat(options.url()).isEqualTo(URI.create("http://127.0.0.1:15000"));
        assertThat(options.user()).isEqualTo("dev");
        assertThat(options.password()).isEqualTo("pa:ss");
        assertThat(options.catalog()).isEqualTo("shop");
        assertThat(options.schema()).isEqualTo("analytics");
        assertThat(options.toString()).doesNotContain("pa:ss");
    }

    @Test
    void badArgumentsSayWhatWasExpectedAndFound() {
        assertThatThrownBy(() -> Options.parse("--events", "0"))
                .hasMessage("expected --events between 1 and 10000000, found 0");
        assertThatThrownBy(() -> Options.parse("--events", "many"))
                .hasMessage("expected a whole number after --events, found \"many\"");
        assertThatThrownBy(() -> Options.parse("--seed"))
                .hasMessage("expected a value after --seed, found the end of the arguments");
        assertThatThrownBy(() -> Options.parse("--event", "5")).hasMessage("unknown option --event (argument 1)");
        assertThatThrownBy(() -> Options.parse("5")).hasMessageContaining("found argument 1 \"5\"");
        assertThatThrownBy(() -> Options.parse("--seed", "1", "--seed", "2")).hasMessage("--seed was given twice");
        assertThatThrownBy(() -> Options.parse("--url", "ftp://x")).hasMessageContaining("expected --url http(s)://");
        assertThatThrownBy(() -> Options.parse("--url", "http://u:" + SECRET + "@host"))
                .hasMessageNotContaining(SECRET)
                .hasMessageContaining("use --user");
        assertThatThrownBy(() -> Options.parse("--user", SECRET))
                .hasMessage("expected --user NAME:PASSWORD, found a value without a name before ':'");
        assertThatThrownBy(() -> Options.parse("--local", "--user", "a:b")).hasMessageContaining("--local");
        assertThatThrownBy(() -> Options.parse("--schema", " ")).hasMessageContaining("blank");
    }

    @Test
    void credentialsChooseTheLakehouse() throws UsageException {
        Map<String, String> env = Map.of(Target.USERNAME, "u", Target.PASSWORD, SECRET);
        Target service = Target.of(Options.parse(), env);
        assertThat(service.local()).isFalse();
        assertThat(service.uri()).isEqualTo(URI.create("https://api.altertable.ai"));
        assertThat(service.user()).isEqualTo("u");
        assertThat(service.toString()).doesNotContain(SECRET);

        Target token = Target.of(Options.parse("--url", "http://127.0.0.1:1"), Map.of(Target.TOKEN, SECRET));
        assertThat(token.token()).isEqualTo(SECRET);
        assertThat(token.uri()).isEqualTo(URI.create("http://127.0.0.1:1"));
        assertThat(token.toString()).doesNotContain(SECRET);

        // User and password win over the token, the command line over the environment, --local over both.
        Map<String, String> all = Map.of(Target.USERNAME, "u", Target.PASSWORD, "p", Target.TOKEN, "t");
        assertThat(Target.of(Options.parse(), all).user()).isEqualTo("u");
        assertThat(Target.of(Options.parse("--user", "cli:x"), all).user()).isEqualTo("cli");
        assertThat(Target.of(Options.parse("--local"), all).local()).isTrue();
        // Blank variables count as unset.
        assertThat(Target.of(Options.parse(), Map.of(Target.TOKEN, " ")).local())
                .isTrue();
    }

    @Test
    void incompleteCredentialsAreUsageErrors() {
        assertThatThrownBy(() -> Target.of(Options.parse(), Map.of(Target.USERNAME, "u")))
                .hasMessage("expected both ALTERTABLE_LAKEHOUSE_USERNAME and ALTERTABLE_LAKEHOUSE_PASSWORD, found only "
                        + "ALTERTABLE_LAKEHOUSE_USERNAME");
        assertThatThrownBy(() -> Target.of(Options.parse("--url", "http://127.0.0.1:1"), Map.of()))
                .hasMessageStartingWith("--url http://127.0.0.1:1 needs credentials");
    }

    @Test
    void usageErrorsExitWith2AndPrintTheUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ProductAnalytics.run(
                new String[] {"--user", SECRET},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("error: expected --user NAME:PASSWORD")
                .contains("usage: ProductAnalytics")
                .doesNotContain(SECRET);
    }

    @Test
    void helpPrintsTheUsageAndExits0() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ProductAnalytics.run(
                new String[] {"--help"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ProductAnalytics.USAGE);
    }

    @Test
    void unusableCredentialsExitWith1BeforeAnyRequest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // No --url: the real service would be used, but a token that is not base64 fails in the builder.
        int code = ProductAnalytics.run(
                new String[0],
                Map.of(Target.TOKEN, "not base64 " + SECRET),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("error: the credentials from ALTERTABLE_BASIC_AUTH_TOKEN are not usable: ")
                .doesNotContain(SECRET);
    }
}
