/** A Spring Boot application on dqlite: JDBC, jOOQ, Flyway and Actuator through the dqlite starter. */
package io.dqlite4j.examples.boot;
