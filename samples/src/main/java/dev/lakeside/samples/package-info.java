/**
 * The runnable example application: tracks generated shop events into the lakehouse (the embedded local lakehouse
 * unless Altertable credentials are set) and reads them back through generated repositories.
 */
package dev.lakeside.samples;
