package dev.lakeside.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalLakehouseExtensionTest {
    @RegisterExtension
    static final LocalLakehouseExtension LAKE =
            new LocalLakehouseExtension(b -> b.user("ann", "a").user("ben", "b"));

    private static LocalLakehouse fromBeforeAll;

    @BeforeAll
    static void capture(LocalLakehouse local) {
        fromBeforeAll = local;
    }

    @Test
    void injectsOneLakehousePerClass(LocalLakehouse local) {
        assertThat(local).isSameAs(fromBeforeAll).isSameAs(LAKE.lakehouse());
        assertThat(local.users()).containsExactly("ann", "ben");
        assertThat(local.port()).isPositive();
    }

    @Test
    void sameInstanceForEveryTest(LocalLakehouse local) {
        assertThat(local).isSameAs(fromBeforeAll);
    }
}
