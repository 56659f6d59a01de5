/**
 * Spring Boot auto-configuration for dqlite ({@code io.dqlite4j:dqlite-spring-boot-starter}).
 * With the starter on the classpath, {@code spring.datasource.url=jdbc:dqlite://…} or
 * {@code spring.r2dbc.url=r2dbc:dqlite://…} alone gives a working application:
 * <ul>
 *   <li>{@link io.dqlite4j.spring.boot.DqliteEnvironmentPostProcessor}: the driver class for
 *       {@code jdbc:dqlite:} URLs of {@code spring.datasource}, {@code spring.flyway} and
 *       {@code spring.liquibase};</li>
 *   <li>{@link io.dqlite4j.spring.boot.DqliteJooqAutoConfiguration}: dialect SQLITE and the
 *       {@code DqliteDSL} presets on Boot's {@code DSLContext};</li>
 *   <li>{@link io.dqlite4j.spring.boot.DqliteR2dbcDialectProvider} and
 *       {@link io.dqlite4j.spring.boot.DqliteBindMarkersFactoryProvider}: Spring Data R2DBC;</li>
 *   <li>{@link io.dqlite4j.spring.boot.DqliteInDoubtDataAccessException}: what an in-doubt commit
 *       (SQLState 08007) becomes, from the transaction manager and from jOOQ;</li>
 *   <li>{@link io.dqlite4j.spring.boot.DqliteHealthIndicator} and
 *       {@link io.dqlite4j.spring.boot.DqliteMeterBinder}: Actuator health and Micrometer meters.</li>
 * </ul>
 * Every integration is conditional on its library being present.
 */
package io.dqlite4j.spring.boot;
