package io.dqlite4j.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;

/**
 * The codec's one entry point for the I/O layer: framing requests, splitting and decoding
 * answers. The encoder, the decoder and the frame splitter behind it are package-private, so the
 * public face of this package is its messages ({@link Request}, {@link Response}), the values
 * they carry ({@link Params}, {@link RowBatch}, {@link NodeInfo}, …), {@link Protocol}'s numbers
 * and this class.
 */
public final class WireCodec {
    private WireCodec() {
    }

    /** The handshake every connection starts with: protocol version 1 as a little-endian u64. */
    public static ByteBuf handshake(ByteBufAllocator alloc) {
        return RequestEncoder.handshake(alloc);
    }

    /** A new buffer holding the framed request (no size limit: for tests and probes). */
    public static ByteBuf encode(Request request, ByteBufAllocator alloc) {
        return RequestEncoder.encode(request, alloc);
    }

    /**
     * Appends the framed request to {@code out}.
     *
     * @param maxMessageSize the largest body accepted; a bigger request is refused before sending
     * @throws IllegalArgumentException if the request cannot be encoded (NUL in text, unset
     *     parameter, too large); nothing is left in {@code out} then
     */
    public static void encode(Request request, ByteBuf out, int maxMessageSize) {
        RequestEncoder.encode(request, out, maxMessageSize);
    }

    /**
     * Decodes one whole frame (header and body) between its reader and writer index.
     *
     * @throws ProtocolException if the frame is malformed
     */
    public static Response decode(ByteBuf frame) {
        return ResponseDecoder.decode(frame);
    }

    /** A new (per-channel) Netty handler that cuts the inbound stream into whole frames. */
    public static ChannelHandler frameDecoder(int maxBodySize) {
        return new DqliteFrameDecoder(maxBodySize);
    }

    /** The body length the header at {@code offset} announces, in bytes (0 to 32 GiB, never negative). */
    public static long bodyLength(ByteBuf buf, int offset) {
        return DqliteFrameDecoder.bodyLength(buf, offset);
    }

    /**
     * The whole frame's length for a header announcing {@code body} bytes, or -1 when that body
     * exceeds {@code maxBodySize} or what a buffer can hold: the connection cannot be used any more.
     */
    public static int frameLength(long body, long maxBodySize) {
        return DqliteFrameDecoder.frameLength(body, maxBodySize);
    }
}
