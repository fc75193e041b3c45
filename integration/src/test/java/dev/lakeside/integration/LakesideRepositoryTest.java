package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Lakeside#repository}: finding the class the processor generated, and refusing types that are
 * not repositories. No request is sent (so no lakehouse runs: the address is a closed port). The
 * errors for a repository whose generated class is missing or wrong are runtime's LakesideRepositoryTest:
 * the processor would generate that class here.
 */
class LakesideRepositoryTest {
    static final CountingHttpClient HTTP = new CountingHttpClient();
    static final Lakeside LAKESIDE = Lakeside.builder(LakehouseClient.builder()
                    .baseUri(URI.create("http://127.0.0.1:9"))
                    .credentials("u", "p")
                    .httpClient(HTTP)
                    .build())
            .build();

    @AfterAll
    static void stop() {
        LAKESIDE.close();
        assertThat(HTTP.total()).isZero();
    }

    @Test
    void findsTheGeneratedClassOncePerType() {
        Items items = LAKESIDE.repository(Items.class);
        assertThat(items).isInstanceOf(ItemsImpl.class);
        assertThat(LAKESIDE.repository(Items.class)).isSameAs(items);
        assertThat(items).hasToString("Items{memory.main.item}");
    }

    @Test
    void oneInstanceEvenWhenAskedConcurrently() {
        List<CompletableFuture<Items>> calls = new ArrayList<>();
        try (Lakeside fresh = Lakeside.builder(LAKESIDE.client()).build()) {
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> fresh.repository(Items.class)));
            }
            Items first = calls.get(0).join();
            assertThat(calls).allSatisfy(call -> assertThat(call.join()).isSameAs(first));
        }
    }

    @Test
    void nestedInterfacesFlattenWithUnderscore() {
        assertThat(LAKESIDE.repository(Items.class).getClass().getName())
                .isEqualTo("dev.lakeside.integration.ItemsImpl");
        assertThat(LAKESIDE.repository(Outer.Views.class)).isInstanceOf(Outer_ViewsImpl.class);
        assertThat(LAKESIDE.repository(Outer.Views.class).getClass().getName())
                .isEqualTo("dev.lakeside.integration.Outer_ViewsImpl");
    }

    @Test
    void notAnInterface() {
        assertThatThrownBy(() -> LAKESIDE.repository(Item.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Item.class.getName() + " is not a repository. Expected: an interface annotated "
                        + "@LakehouseRepository that extends TableRepository<T>; found: a record. Fix: declare the repository "
                        + "as such an interface.");
        assertThatThrownBy(() -> LAKESIDE.repository(ItemsImpl.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found: a class.");
        assertThatThrownBy(() -> LAKESIDE.repository(Override.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found: an annotation type.");
        assertThatThrownBy(() -> LAKESIDE.repository(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("type == null");
    }

    @Test
    void notAnnotated() {
        assertThatThrownBy(() -> LAKESIDE.repository(Outer.Plain.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Outer.Plain.class.getName() + " is not a repository. Expected: an interface annotated "
                        + "@LakehouseRepository; found: an interface without it. Fix: annotate it with "
                        + "@dev.lakeside.annotations.LakehouseRepository.");
    }
}
