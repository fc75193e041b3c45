/**
 * The optional compile-time SQL verifier ({@code lakeside-verifier}): an implementation of the
 * repository processor's {@code QueryVerifier} SPI backed by an in-memory DuckDB. Annotation
 * processor path only; nothing here is for applications.
 */
package dev.lakeside.verifier;
