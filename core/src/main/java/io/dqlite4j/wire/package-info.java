/**
 * dqlite's client wire protocol, version 1: one immutable type per request ({@link
 * io.dqlite4j.wire.Request}) and response ({@link io.dqlite4j.wire.Response}), their encoding over
 * Netty {@code ByteBuf}s, parameter tuples ({@link io.dqlite4j.wire.Params}) and decoded row
 * batches ({@link io.dqlite4j.wire.RowBatch}). No channels or I/O here; see
 * {@code io.dqlite4j.client} for that.
 *
 * <p>The request types are chosen so that nothing listed as crashing or wedging a dqlite 1.11.1
 * server can be encoded: there is no HEARTBEAT, CONNECT or unknown type, DESCRIBE is always
 * format 0, bodies are never empty, and TEXT never contains NUL.
 */
package io.dqlite4j.wire;
