package dev.lakeside.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeside.repository.RepositoryIndex;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryIndexTest {
    /** The processor lists every @LakehouseRepository interface of the module, nested ones by binary name. */
    @Test
    void listsEveryRepositoryInterfaceOfTheModule() {
        List<Class<?>> all = List.copyOf(RepositoryIndex.all(getClass().getClassLoader()));
        assertThat(all)
                .contains(Items.class, CachedItems.class, Notes.class, PageViews.class, Outer.Views.class)
                .doesNotContain(ItemsImpl.class)
                .doesNotHaveDuplicates();
        assertThat(all.stream().map(Class::getName).toList()).isSorted();
    }

    @Test
    void aListedNameThatIsNotARepositoryIsAnErrorNamingIt(@TempDir Path dir) throws IOException {
        Path index = dir.resolve(RepositoryIndex.RESOURCE);
        Files.createDirectories(index.getParent());
        Files.writeString(index, "# a comment\n\ndev.lakeside.integration.Item\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> RepositoryIndex.all(loader))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("lists dev.lakeside.integration.Item. Expected: an interface that extends "
                            + "TableRepository");
        }
        Files.writeString(index, "com.example.Missing\n");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            assertThatThrownBy(() -> RepositoryIndex.all(loader))
                    .hasMessageContaining("lists com.example.Missing, which cannot be loaded");
        }
    }
}
