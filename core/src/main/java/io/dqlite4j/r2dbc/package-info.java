/**
 * The R2DBC driver for dqlite (driver name {@code dqlite}), built on the native client without
 * Reactor: {@code ConnectionFactories.get("r2dbc:dqlite://host:port/db?params")}.
 *
 * <ul>
 *   <li>{@link io.dqlite4j.r2dbc.DqliteConnectionFactoryProvider} parses the options (the JDBC
 *       driver's parameters, {@link io.dqlite4j.client.DqliteProperty}) and is registered for
 *       {@link java.util.ServiceLoader}; {@link io.dqlite4j.r2dbc.DqliteConnectionFactory} opens
 *       connections to the leader, found from the seeds.</li>
 *   <li>{@link io.dqlite4j.r2dbc.DqliteR2dbcConnection} runs statements one at a time with the
 *       JDBC driver's transaction tracker, failover, SQLITE_BUSY and ambiguous-commit rules.</li>
 *   <li>{@link io.dqlite4j.r2dbc.DqliteResult} streams rows with real backpressure: demand in
 *       rows becomes requests for one ROWS batch at a time, a slow subscriber stops the socket
 *       from being read (TCP flow control holds the server back), and cancelling discards the
 *       rest of the result while the connection drains it as the protocol requires.</li>
 *   <li>Failures are {@link io.r2dbc.spi.R2dbcException}s with the JDBC driver's SQLStates; a
 *       write whose outcome is unknown is a {@link io.dqlite4j.r2dbc.DqliteInDoubtR2dbcException}
 *       (08007) and is never retried.</li>
 * </ul>
 *
 * <p>Nothing in this package blocks: results are delivered on the connection's I/O thread (or on
 * the thread that requested them), so mapping functions must not block either.
 */
package io.dqlite4j.r2dbc;
