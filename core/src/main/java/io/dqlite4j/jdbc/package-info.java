/**
 * The JDBC 4.3 driver for dqlite: {@link io.dqlite4j.jdbc.DqliteDriver} (URL
 * {@code jdbc:dqlite://host:port[,host:port...]/database?param=value...}) and
 * {@link io.dqlite4j.jdbc.DqliteDataSource}, on top of the native client in
 * {@code io.dqlite4j.client}.
 *
 * <p>What is different from other SQLite drivers: the database is a Raft cluster, so the driver
 * finds the leader, re-runs what is safe after a leader change and reports what is not
 * ({@link io.dqlite4j.jdbc.DqliteInDoubtSQLException}); results stream from the server; and
 * failures carry SQLStates that pools and frameworks understand (see {@link io.dqlite4j.sql.SqlState}).
 */
package io.dqlite4j.jdbc;
