package dev.lakeside.internal;

import java.util.HashSet;
import java.util.Set;

/** The options of a builder that were set: each may be set once, a second time is an error naming it. */
public final class SetOnce {
    private final Set<String> set = new HashSet<>();

    /**
     * Records that {@code option} is being set.
     *
     * @throws IllegalStateException if it was set before
     */
    public void mark(String option) {
        if (!set.add(option)) {
            throw new IllegalStateException(option + " was already set");
        }
    }

    /** Whether {@code option} was set. */
    public boolean contains(String option) {
        return set.contains(option);
    }

    /** Forgets every option: each may be set again. */
    public void clear() {
        set.clear();
    }

    /** Records every option {@code other} recorded. */
    public void addAll(SetOnce other) {
        set.addAll(other.set);
    }
}
