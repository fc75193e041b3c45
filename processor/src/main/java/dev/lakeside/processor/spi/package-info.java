/**
 * The service interface between the repository processor and an optional compile-time SQL verifier
 * ({@code lakeside-verifier}). Not for applications.
 */
package dev.lakeside.processor.spi;
