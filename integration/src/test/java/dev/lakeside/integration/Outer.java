package dev.lakeside.integration;

import dev.lakeside.annotations.LakehouseRepository;
import dev.lakeside.repository.TableRepository;

/** A repository declared inside a class, and an interface that is not a repository. */
public final class Outer {
    private Outer() {}

    /** Generated as {@code Outer_ViewsImpl}. */
    @LakehouseRepository
    public interface Views extends TableRepository<Item> {}

    /** Not annotated: the processor generates nothing for it. */
    public interface Plain extends TableRepository<Item> {}
}
