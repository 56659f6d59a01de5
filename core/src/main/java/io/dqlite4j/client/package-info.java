/**
 * The native dqlite client: {@link io.dqlite4j.client.DqliteClient} (URL
 * {@code dqlite://host:port[,host:port...]/database?param=value...}) finds the Raft leader, runs
 * SQL and administers the cluster; {@link io.dqlite4j.client.DqliteConnection} is one connection
 * to one node, with its FIFO of in-flight requests and streamed results
 * ({@link io.dqlite4j.client.RowStream}).
 *
 * <p>A connection's socket runs either on a shared Netty event loop (never blocks the caller:
 * what R2DBC and {@code DqliteClient.openConnection()} use) or is driven by the thread that waits
 * for an answer (no thread hand-off per round trip: what JDBC uses, through
 * {@code DqliteClient.openDirectConnection}). Every parameter of the URL is documented in
 * {@link io.dqlite4j.client.DqliteProperty}; failures are
 * {@link io.dqlite4j.client.DqliteException}s, with
 * {@link io.dqlite4j.client.DqliteConnectionException} telling whether a failed request may have
 * run and {@link io.dqlite4j.client.DqliteInDoubtException} for writes whose outcome is unknown.
 */
package io.dqlite4j.client;
