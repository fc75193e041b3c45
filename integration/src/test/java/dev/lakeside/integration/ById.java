package dev.lakeside.integration;

import java.util.List;
import java.util.Optional;

/** A generic base, as a shared library of repository interfaces would declare it. */
public interface ById<T, K> {
    Optional<T> findById(K id);

    List<T> findByPlayer(String player);
}
