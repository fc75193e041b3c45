package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void parsesOptionsAndStartsWithThem() {
        Main.Options options = Main.Options.parse(
                new String[] {"--port", "0", "--user", "a:x,b:y:z", "--threads=1", "--catalog", "shop", "--quiet"},
                Map.of());
        assertThat(options.quiet()).isTrue();
        assertThat(options.defaultUser()).isFalse();
        try (LocalLakehouse local = options.builder().start()) {
            assertThat(local.users()).containsExactly("a", "b");
            assertThat(local.port()).isPositive();
        }
    }

    @Test
    void limitsComeFromTheirOptionsAndHaveDefaults() {
        Main.Options options = Main.Options.parse(
                new String[] {
                    "--port",
                    "0",
                    "--threads=1",
                    "--header-timeout",
                    "3",
                    "--idle-timeout=40",
                    "--max-connections",
                    "50",
                    "--max-body-in-flight",
                    "64MB"
                },
                Map.of());
        try (LocalLakehouse local = options.builder().start()) {
            assertThat(local.limits())
                    .isEqualTo(new ServerLimits(
                            java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(40), 50, 64_000_000L));
        }
        try (LocalLakehouse local = Main.Options.parse(new String[] {"--port", "0", "--threads=1"}, Map.of())
                .builder()
                .start()) {
            assertThat(local.limits()).isEqualTo(ServerLimits.DEFAULTS);
        }
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--max-body-in-flight", "1KB"}, Map.of()))
                .hasMessage("bodyBytesInFlight must be at least 1 MiB, found '1KB'");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--header-timeout", "0"}, Map.of()))
                .hasMessage("requestHeaderTimeout must be positive, found PT0S");
    }

    @Test
    void takesUsersAndPortFromTheMockEnvironmentVariables() {
        Main.Options options = Main.Options.parse(
                new String[0],
                Map.of("ALTERTABLE_MOCK_USERS", "testuser:testpass", "ALTERTABLE_MOCK_LAKEHOUSE_PORT", "0"));
        try (LocalLakehouse local = options.builder().start()) {
            assertThat(local.users()).containsExactly("testuser");
            assertThat(local.password()).isEqualTo("testpass");
            assertThat(local.compatibility())
                    .as("started as the mock is, it behaves like it")
                    .isEqualTo(Compatibility.MOCK);
            assertThat(banner(local, false)).contains("wire: the reference mock's (--compat mock)");
        }
    }

    @Test
    void compatIsChosenOnTheCommandLine() {
        Main.Options api = Main.Options.parse(
                new String[] {"--port", "0", "--compat", "api"}, Map.of("ALTERTABLE_MOCK_USERS", "testuser:testpass"));
        try (LocalLakehouse local = api.builder().start()) {
            assertThat(local.compatibility()).isEqualTo(Compatibility.API);
        }
        Main.Options mock = Main.Options.parse(new String[] {"--port", "0", "--compat=mock"}, Map.of());
        try (LocalLakehouse local = mock.builder().start()) {
            assertThat(local.compatibility()).isEqualTo(Compatibility.MOCK);
        }
        Main.Options plain = Main.Options.parse(new String[] {"--port", "0"}, Map.of());
        try (LocalLakehouse local = plain.builder().start()) {
            assertThat(local.compatibility()).isEqualTo(Compatibility.API);
        }
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--compat", "rust"}, Map.of()))
                .hasMessage("--compat expects api or mock, found 'rust'");
    }

    @Test
    void commandLineWinsOverTheEnvironment() {
        Main.Options options = Main.Options.parse(
                new String[] {"--user", "cli:1", "--port", "0"},
                Map.of("ALTERTABLE_MOCK_USERS", "env:2", "ALTERTABLE_MOCK_LAKEHOUSE_PORT", "1"));
        try (LocalLakehouse local = options.builder().start()) {
            assertThat(local.users()).containsExactly("cli");
        }
    }

    @Test
    void defaultsToTheDevUserAndPrintsItsPasswordOnly() {
        Main.Options options = Main.Options.parse(new String[] {"--port", "0"}, Map.of());
        assertThat(options.defaultUser()).isTrue();
        try (LocalLakehouse local = options.builder().start()) {
            assertThat(banner(local, true)).contains(local.baseUri().toString()).contains("user dev  password dev");
        }
        Main.Options configured = Main.Options.parse(new String[] {"--port", "0", "--user", "ann:s3cret"}, Map.of());
        try (LocalLakehouse local = configured.builder().start()) {
            assertThat(banner(local, false)).contains("user ann").doesNotContain("s3cret");
        }
    }

    @Test
    void rejectsBadOptionsWithTheirName() {
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--port", "x"}, Map.of()))
                .hasMessage("--port expects a whole number, found 'x'");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--bogus"}, Map.of()))
                .hasMessage("unknown option --bogus");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--user"}, Map.of()))
                .hasMessage("--user needs a value");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--user", "nopassword"}, Map.of()))
                .hasMessage("user token 1 of 1 must be name:password, found no ':' (users are separated by ',', so a "
                        + "password cannot contain one)");
    }

    @Test
    void aUserErrorNeverShowsAnyPartOfAPassword() {
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--user", "alice:s3cr,etPW"}, Map.of()))
                .hasMessage("user token 2 of 2 must be name:password, found no ':' (users are separated by ',', so a "
                        + "password cannot contain one)")
                .message()
                .doesNotContain("etPW")
                .doesNotContain("s3cr");
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--user", ":s3cretPW"}, Map.of()))
                .message()
                .contains("found no name before ':'")
                .doesNotContain("s3cretPW");
    }

    @Test
    void anEmptyPasswordIsRefused() {
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--user", "alice:"}, Map.of()))
                .hasMessage("user alice has an empty password; give every user one");
        assertThatThrownBy(() -> LocalLakehouse.builder().user("bob", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("user bob has an empty password; give every user one");
    }

    @Test
    void helpStopsParsing() {
        assertThat(Main.Options.parse(new String[] {"--help", "--bogus"}, Map.of())
                        .help())
                .isTrue();
    }

    private static String banner(LocalLakehouse local, boolean defaultUser) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Main.printBanner(new PrintStream(out, true, StandardCharsets.UTF_8), local, defaultUser);
        return out.toString(StandardCharsets.UTF_8);
    }
}
