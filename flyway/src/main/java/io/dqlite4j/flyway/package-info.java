/**
 * A Flyway database type for dqlite: {@code jdbc:dqlite:} URLs work in Flyway's API, CLI and
 * Maven/Gradle plugins once {@code io.dqlite4j:dqlite-flyway} is on Flyway's classpath (it is
 * registered through {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}).
 *
 * <p>Migrations follow Flyway's SQLite rules (the same parser, history table and quoting), since
 * dqlite runs SQLite. What differs is {@code clean}: dqlite enforces foreign keys on every
 * connection, and Flyway's SQLite clean drops tables one by one in name order, which fails on the
 * first parent table that still has children. See {@link io.dqlite4j.flyway.DqliteSchema}.
 */
package io.dqlite4j.flyway;
