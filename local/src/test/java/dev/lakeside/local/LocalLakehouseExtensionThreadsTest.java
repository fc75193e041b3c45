package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A configuration that sets the threads wins over the cap of {@code lakeside.test.threads}. */
class LocalLakehouseExtensionThreadsTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE =
            new LocalLakehouseExtension(b -> b.user("test", "test").threads(1));

    @Test
    void theConfiguredThreadsAreUsed(LocalLakehouse local) {
        QueryTestClient client = new QueryTestClient(local);
        assertThat(client.value("SELECT current_setting('threads')").asLong()).isEqualTo(1);
    }
}
