package io.dqlite4j.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Reading and writing the padded TEXT and BLOB encodings (docs/protocol.md §3). */
final class WireText {
    private WireText() {
    }

    /** Writes NUL-terminated UTF-8 text padded with zeros to a multiple of 8. */
    static void write(ByteBuf out, String text) {
        int written = out.writeCharSequence(text, StandardCharsets.UTF_8);
        // At least one NUL terminates the string; the rest pads to the next word.
        out.writeZero(Protocol.roundUp8(written + 1) - written);
    }

    /** Writes text that must not contain NUL (SQL, names, addresses). */
    static void writeChecked(ByteBuf out, String text, String what) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains U+0000, which the dqlite protocol cannot carry");
        }
        write(out, text);
    }

    static void writeBlob(ByteBuf out, byte[] blob) {
        out.writeLongLE(blob.length);
        out.writeBytes(blob);
        out.writeZero(Protocol.roundUp8(blob.length) - blob.length);
    }

    /**
     * Reads text ending before {@code end}: the bytes up to the first NUL, then skips the padding.
     *
     * @throws ProtocolException if no NUL terminates it or the padding runs past {@code end}
     */
    static String read(ByteBuf in, int end, String what) {
        int start = in.readerIndex();
        int available = end - start;
        int length = available > 0 ? in.bytesBefore(start, available, (byte) 0) : -1;
        if (length < 0) {
            throw new ProtocolException(what + " is not NUL-terminated within the message");
        }
        int padded = Protocol.roundUp8(length + 1);
        if (padded > available) {
            throw new ProtocolException(what + " padding runs past the end of the message");
        }
        String text = length == 0 ? "" : in.toString(start, length, StandardCharsets.UTF_8);
        in.readerIndex(start + padded);
        return text;
    }

    /**
     * Like {@link #read} but decodes at most {@code maxBytes} bytes of the text (cut at a UTF-8
     * character boundary) and appends a note saying how long it was; the rest is skipped.
     */
    static String readCapped(ByteBuf in, int end, String what, int maxBytes) {
        int start = in.readerIndex();
        int available = end - start;
        int length = available > 0 ? in.bytesBefore(start, available, (byte) 0) : -1;
        if (length <= maxBytes) {
            return read(in, end, what);
        }
        int padded = Protocol.roundUp8(length + 1);
        if (padded > available) {
            throw new ProtocolException(what + " padding runs past the end of the message");
        }
        int cut = maxBytes;
        while (cut > 0 && (in.getByte(start + cut) & 0xC0) == 0x80) {
            cut--; // never split a multi-byte character
        }
        String text = in.toString(start, cut, StandardCharsets.UTF_8) + "… [truncated: " + length + " bytes]";
        in.readerIndex(start + padded);
        return text;
    }

    /** Reads a length-prefixed blob, checking the length against what the message holds before allocating. */
    static byte[] readBlob(ByteBuf in, int end, String what) {
        if (end - in.readerIndex() < 8) {
            throw new ProtocolException("message ends before the length of " + what);
        }
        long length = in.readLongLE(); // read inline: no message string is built on the hot path
        int available = end - in.readerIndex();
        if (length < 0 || length > available) {
            throw new ProtocolException(what + " length " + Long.toUnsignedString(length)
                    + " exceeds the " + available + " bytes left in the message");
        }
        int len = (int) length;
        int padded = Protocol.roundUp8(len);
        if (padded > available) {
            throw new ProtocolException(what + " padding runs past the end of the message");
        }
        byte[] bytes = new byte[len];
        in.readBytes(bytes);
        in.skipBytes(padded - len);
        return bytes;
    }

    static long readLong(ByteBuf in, int end, String what) {
        if (end - in.readerIndex() < 8) {
            throw new ProtocolException("message ends before " + what);
        }
        return in.readLongLE();
    }
}
