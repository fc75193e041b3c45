/**
 * JUnit 5 support: {@link dev.lakeside.test.LakesideTest} and {@link dev.lakeside.test.LakesideExtension} run a
 * test class against an in-process local lakehouse with the generated tables, reset before each test by {@link
 * dev.lakeside.test.LakesideReset}, which other test frameworks can use on their own.
 */
package dev.lakeside.test;
