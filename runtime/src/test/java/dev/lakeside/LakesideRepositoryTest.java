package dev.lakeside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.client.LakehouseClient;
import dev.lakeside.repository.fixtures.Item;
import dev.lakeside.repository.fixtures.Items;
import dev.lakeside.repository.fixtures.ItemsImpl;
import dev.lakeside.repository.fixtures.Outer;
import dev.lakeside.repository.fixtures.Outer_ViewsImpl;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@link Lakeside#repository}: finding the generated class, and the errors when it cannot. No request is sent. */
class LakesideRepositoryTest {
  static final CountingHttpClient HTTP = new CountingHttpClient();
  static final Lakeside LAKESIDE = Lakeside.builder(LakehouseClient.builder()
      .baseUri(URI.create("http://127.0.0.1:9")).credentials("u", "p").httpClient(HTTP).build()).build();

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
    assertThat(Lakeside.generatedName(Items.class)).isEqualTo("dev.lakeside.repository.fixtures.ItemsImpl");
    assertThat(Lakeside.generatedName(Outer.Views.class))
        .isEqualTo("dev.lakeside.repository.fixtures.Outer_ViewsImpl");
    assertThat(LAKESIDE.repository(Outer.Views.class)).isInstanceOf(Outer_ViewsImpl.class);
  }

  @Test
  void notAnInterface() {
    assertThatThrownBy(() -> LAKESIDE.repository(Item.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Item.class.getName() + " is not a repository. Expected: an interface annotated "
            + "@LakehouseRepository that extends TableRepository<T>; found: a record. Fix: declare the repository "
            + "as such an interface.");
    assertThatThrownBy(() -> LAKESIDE.repository(ItemsImpl.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found: a class.");
    assertThatThrownBy(() -> LAKESIDE.repository(Override.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found: an annotation type.");
    assertThatThrownBy(() -> LAKESIDE.repository(null))
        .isInstanceOf(NullPointerException.class).hasMessage("type == null");
  }

  @Test
  void notAnnotated() {
    assertThatThrownBy(() -> LAKESIDE.repository(Outer.Plain.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(Outer.Plain.class.getName() + " is not a repository. Expected: an interface annotated "
            + "@LakehouseRepository; found: an interface without it. Fix: annotate it with "
            + "@dev.lakeside.annotations.LakehouseRepository.");
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
