package io.dqlite4j.wire;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;

/**
 * Splits the inbound byte stream into whole messages. The header's first field counts the body in
 * 8-byte words, so the frame length is {@code 8 + 8 × words}. Frames are retained slices of
 * Netty's cumulation buffer: no copy. A frame whose body exceeds {@code max_message_size} fails
 * fast with {@link io.netty.handler.codec.TooLongFrameException} before any of it is buffered.
 */
public final class DqliteFrameDecoder extends LengthFieldBasedFrameDecoder {
    /**
     * @param maxBodySize the largest body accepted, in bytes
     */
    public DqliteFrameDecoder(int maxBodySize) {
        super(ByteOrder.LITTLE_ENDIAN, (int) Math.min(Integer.MAX_VALUE, (long) maxBodySize + Protocol.HEADER_SIZE),
                0, 4, 4, 0, true);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        return buf.getUnsignedIntLE(offset) * 8L;
    }
}
