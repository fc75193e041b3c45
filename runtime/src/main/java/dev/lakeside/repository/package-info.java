/**
 * Repositories: {@link dev.lakeside.repository.TableRepository} and the finder parameter and result
 * types ({@link dev.lakeside.repository.Limit}, {@link dev.lakeside.repository.Sort},
 * {@link dev.lakeside.repository.PageRequest}, {@link dev.lakeside.repository.Page}).
 */
@NullMarked
package dev.lakeside.repository;

import org.jspecify.annotations.NullMarked;
