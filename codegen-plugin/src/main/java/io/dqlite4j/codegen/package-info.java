/**
 * jOOQ code generation for dqlite.
 *
 * <ul>
 *   <li>{@link io.dqlite4j.codegen.DqliteDatabase}: a jooq-meta {@code Database} that reads a
 *       dqlite schema over the dqlite JDBC driver (usable from jOOQ's own tools too);</li>
 *   <li>{@link io.dqlite4j.codegen.GenerateMojo}: the Maven goal {@code dqlite-jooq:generate};</li>
 *   <li>{@link io.dqlite4j.codegen.DqliteCodegen}: what the goal does, callable without Maven.</li>
 * </ul>
 */
package io.dqlite4j.codegen;
