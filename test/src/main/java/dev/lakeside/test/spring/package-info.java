/** Spring test support: {@link dev.lakeside.test.spring.ResetLakeside} empties the lakehouse tables before each test. */
package dev.lakeside.test.spring;
