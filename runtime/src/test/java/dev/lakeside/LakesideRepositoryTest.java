package dev.lakeside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.client.RequestEvent;
import dev.lakeside.repository.fixtures.Outer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Lakeside#repository}: the errors when the generated class is missing or is not the generated
 * class, and for an annotated interface that is not a TableRepository. The processor never runs on this
 * module's tests, and would refuse or generate these; finding real generated classes is the integration
 * module's LakesideRepositoryTest. No request is sent.
 */
class LakesideRepositoryTest {
    /** Every API call the client makes, failed ones included. */
    static final List<RequestEvent> CALLS = new CopyOnWriteArrayList<>();

    static final Lakeside LAKESIDE = Lakeside.builder(LakehouseClient.builder()
                    .baseUri(URI.create("http://127.0.0.1:9"))
                    .credentials("u", "p")
                    .requestListener(CALLS::add)
                    .build())
            .build();

    @AfterAll
    static void stop() {
        LAKESIDE.close();
        assertThat(CALLS).isEmpty();
    }

    @Test
    void notATableRepository() {
        assertThatThrownBy(() -> LAKESIDE.repository(Outer.Loose.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Expected: an interface that extends dev.lakeside.repository.TableRepository<T>")
                .hasMessageContaining("Fix: extend TableRepository<YourRecord>.");
    }

    @Test
    void generatedClassMissing() {
        assertThatThrownBy(() -> LAKESIDE.repository(Outer.Orphans.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no implementation of repository " + Outer.Orphans.class.getName() + ". Expected: the "
                        + "Lakeside processor on the annotation processor path, which generates "
                        + "dev.lakeside.repository.fixtures.Outer_OrphansImpl; found: no such class. Fix: add "
                        + "dev.lakeside:lakeside-processor to annotationProcessorPaths (maven-compiler-plugin; Gradle: "
                        + "annotationProcessor) and rebuild.")
                .hasCauseInstanceOf(ClassNotFoundException.class);
        // A failure is not remembered: the next call looks again, and fails the same way.
        assertThatThrownBy(() -> LAKESIDE.repository(Outer.Orphans.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedNameTakenByAnotherClass() {
        assertThatThrownBy(() -> LAKESIDE.repository(Outer.Mismatched.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot use dev.lakeside.repository.fixtures.Outer_MismatchedImpl as repository")
                .hasMessageContaining("found: one that does not implement it");
    }
}
