package dev.lakeside.integration;

import java.util.List;

/** A base whose finder a repository replaces with a default method. */
public interface ScoresByNote {
    List<Score> findByNote(String note);
}
