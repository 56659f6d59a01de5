package io.dqlite4j.wire;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;

/**
 * Splits the inbound byte stream into whole messages. The header's first field counts the body in
 * 8-byte words, so the frame length is {@code 8 + 8 × words}: up to 32 GiB, more than any buffer
 * can hold. Lengths are computed in {@code long} and checked against {@code max_message_size} and
 * {@link #MAX_BODY} before any buffer is sized from them. Frames are retained slices of Netty's
 * cumulation buffer: no copy. A frame whose body is too long fails fast with
 * {@link io.netty.handler.codec.TooLongFrameException} before any of it is buffered.
 */
final class DqliteFrameDecoder extends LengthFieldBasedFrameDecoder {
    /**
     * The largest body any frame may have, whatever {@code max_message_size} says: header and body
     * together must fit a buffer, whose capacity is an {@code int}. A multiple of 8.
     */
    static final long MAX_BODY = (Integer.MAX_VALUE - Protocol.HEADER_SIZE) & ~7L;

    /**
     * @param maxBodySize the largest body accepted, in bytes (capped at {@link #MAX_BODY})
     */
    DqliteFrameDecoder(int maxBodySize) {
        super(ByteOrder.LITTLE_ENDIAN, (int) (Math.min(MAX_BODY, maxBodySize) + Protocol.HEADER_SIZE),
                0, 4, 4, 0, true);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        return bodyLength(buf, offset);
    }

    /** The body length the header at {@code offset} announces, in bytes (0 to 32 GiB, never negative). */
    static long bodyLength(ByteBuf buf, int offset) {
        return buf.getUnsignedIntLE(offset) * 8L;
    }

    /**
     * The whole frame's length for a header announcing {@code body} bytes, or -1 when that body
     * exceeds {@code maxBodySize} or {@link #MAX_BODY}: the connection cannot be used any more.
     */
    static int frameLength(long body, long maxBodySize) {
        if (body > Math.min(maxBodySize, MAX_BODY)) {
            return -1;
        }
        return (int) (Protocol.HEADER_SIZE + body);
    }
}
