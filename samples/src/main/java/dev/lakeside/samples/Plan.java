package dev.lakeside.samples;

/** A customer's plan; stored as its name (VARCHAR). */
public enum Plan {
    FREE,
    PRO,
    TEAM
}
