package io.dqlite4j.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Hex helpers for byte-exact test vectors; whitespace and "|" in vectors are ignored. */
final class Hex {
    private Hex() {
    }

    static ByteBuf buf(String hex) {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replaceAll("[\\s|]", "")));
    }

    static String of(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    static String clean(String hex) {
        return hex.replaceAll("[\\s|]", "").toLowerCase();
    }
}
