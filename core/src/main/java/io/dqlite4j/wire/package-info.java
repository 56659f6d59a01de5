/**
 * dqlite's client wire protocol, version 1: one immutable type per request ({@link
 * io.dqlite4j.wire.Request}) and response ({@link io.dqlite4j.wire.Response}), their encoding over
 * Netty {@code ByteBuf}s, parameter tuples ({@link io.dqlite4j.wire.Params}) and decoded row
 * batches ({@link io.dqlite4j.wire.RowBatch}). No channels or I/O here; see
 * {@code io.dqlite4j.client} for that.
 *
 * <p>Public are the messages and the values they carry, which the native client's API hands out
 * (parameter tuples, row batches, node descriptions), {@link io.dqlite4j.wire.Protocol}'s numbers
 * and {@link io.dqlite4j.wire.WireCodec}, the codec's single entry point; the encoder, decoder and
 * frame splitter behind it are package-private. Java has no friend packages, so the message
 * classes stay visible to applications; they are for the dqlite4j modules, not a stable API.
 *
 * <p>The request types are chosen so that nothing listed as crashing or wedging a dqlite 1.11.1
 * server can be encoded: there is no HEARTBEAT, CONNECT or unknown type, DESCRIBE is always
 * format 0, bodies are never empty, and TEXT never contains NUL.
 */
package io.dqlite4j.wire;
