package io.dqlite4j.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Frames requests: the 8-byte header, the body, and padding to whole words (docs/protocol.md §2). */
final class RequestEncoder {
    private RequestEncoder() {
    }

    /** The handshake: protocol version 1 as a little-endian u64. */
    static ByteBuf handshake(ByteBufAllocator alloc) {
        return alloc.buffer(8).writeLongLE(Protocol.VERSION);
    }

    /** A new buffer holding the framed request. */
    static ByteBuf encode(Request request, ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(64);
        try {
            encode(request, out, Integer.MAX_VALUE);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /**
     * Appends the framed request to {@code out}.
     *
     * @param maxMessageSize the largest body accepted; a bigger request is refused before sending
     * @throws IllegalArgumentException if the request cannot be encoded (NUL in text, unset
     *     parameter, too large); nothing is left in {@code out} then
     */
    static void encode(Request request, ByteBuf out, int maxMessageSize) {
        int start = out.writerIndex();
        try {
            out.writeLongLE(0); // header placeholder, patched below once the body size is known
            request.encodeBody(out);
            int bodyBytes = out.writerIndex() - start - Protocol.HEADER_SIZE;
            int padded = Protocol.roundUp8(bodyBytes);
            out.writeZero(padded - bodyBytes);
            if (padded == 0) {
                // A zero-word request aborts a 1.11.1 server; no request type should produce one.
                throw new IllegalStateException("refusing to send an empty request body");
            }
            if (padded > maxMessageSize) {
                throw new IllegalArgumentException("request of " + padded
                        + " bytes exceeds max_message_size " + maxMessageSize);
            }
            out.setIntLE(start, padded / 8);
            out.setByte(start + 4, request.type());
            out.setByte(start + 5, request.schema());
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
    }
}
