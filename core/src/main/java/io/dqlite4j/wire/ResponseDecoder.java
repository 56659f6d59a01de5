package io.dqlite4j.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one complete frame (header and body, as {@link DqliteFrameDecoder} delivers it) into a
 * {@link Response}. Every count and length read from the wire is checked against the bytes the
 * message actually holds before anything is allocated from it, and every malformed message
 * raises a {@link ProtocolException} that says what was wrong.
 */
final class ResponseDecoder {
    /**
     * The longest FAILURE message kept, in UTF-8 bytes; longer text is cut and marked. The frame
     * cap ({@code max_message_size}) bounds what is buffered; this bounds what every log line
     * and exception carries afterwards.
     */
    static final int MAX_FAILURE_TEXT = 64 * 1024;

    private ResponseDecoder() {
    }

    /**
     * Decodes the frame between its reader and writer index; consumes it entirely.
     *
     * @throws ProtocolException if the frame is malformed
     */
    static Response decode(ByteBuf frame) {
        int start = frame.readerIndex();
        int length = frame.readableBytes();
        if (length < Protocol.HEADER_SIZE) {
            throw new ProtocolException("frame of " + length + " bytes is shorter than a header");
        }
        long words = frame.getUnsignedIntLE(start);
        int type = frame.getUnsignedByte(start + 4);
        int schema = frame.getUnsignedByte(start + 5);
        if (words * 8 != length - Protocol.HEADER_SIZE) {
            throw new ProtocolException("header announces " + words * 8 + " body bytes but the frame holds "
                    + (length - Protocol.HEADER_SIZE));
        }
        int end = start + length;
        frame.readerIndex(start + Protocol.HEADER_SIZE);
        Response response = switch (type) {
            case Protocol.RES_FAILURE -> failure(frame, end);
            case Protocol.RES_SERVER -> new Response.Server(WireText.readLong(frame, end, "node id"),
                    WireText.read(frame, end, "leader address"));
            case Protocol.RES_WELCOME -> new Response.Welcome(WireText.readLong(frame, end, "heartbeat timeout"));
            case Protocol.RES_SERVERS -> servers(frame, end);
            case Protocol.RES_DB -> {
                long ids = WireText.readLong(frame, end, "database id");
                yield new Response.Db((int) ids);
            }
            case Protocol.RES_STMT -> {
                long ids = WireText.readLong(frame, end, "statement id");
                long params = WireText.readLong(frame, end, "parameter count");
                if (schema == 1) {
                    WireText.readLong(frame, end, "statement tail offset");
                }
                yield new Response.Stmt((int) ids, (int) (ids >>> 32), params);
            }
            case Protocol.RES_RESULT -> new Response.Result(WireText.readLong(frame, end, "last insert id"),
                    WireText.readLong(frame, end, "rows affected"));
            case Protocol.RES_ROWS -> new Response.Rows(rows(frame, end));
            case Protocol.RES_EMPTY -> {
                WireText.readLong(frame, end, "empty body");
                yield new Response.Empty();
            }
            case Protocol.RES_FILES -> files(frame, end);
            case Protocol.RES_METADATA -> new Response.Metadata(WireText.readLong(frame, end, "failure domain"),
                    WireText.readLong(frame, end, "weight"));
            default -> throw new ProtocolException("unknown response type " + type);
        };
        if (frame.readerIndex() != end && type != Protocol.RES_FAILURE) {
            // Trailing words beyond the fields are padding at most; anything else is a desync.
            checkZero(frame, end, Response.typeName(type));
        }
        frame.readerIndex(end);
        return response;
    }

    /**
     * FAILURE: a code and a message. 1.11.1 prefixes a failure raised while stepping a query with
     * the partly encoded batch (column count, names, rows), so when the fields parsed from the
     * front do not end exactly at the end of the body, the message is the last text and the code
     * the word before it (docs/protocol.md §8.4).
     */
    private static Response failure(ByteBuf in, int end) {
        int bodyStart = in.readerIndex();
        try {
            long code = WireText.readLong(in, end, "failure code");
            String message = WireText.readCapped(in, end, "failure message", MAX_FAILURE_TEXT);
            if (in.readerIndex() == end) {
                return new Response.Failure(code, message);
            }
        } catch (ProtocolException e) {
            // fall through to the tail parse
        }
        return failureFromTail(in, bodyStart, end);
    }

    private static Response failureFromTail(ByteBuf in, int bodyStart, int end) {
        int last = end - 1;
        while (last >= bodyStart && in.getByte(last) == 0) {
            last--;
        }
        int messageStart;
        if (last < bodyStart) {
            throw new ProtocolException("FAILURE body holds no code");
        }
        if (end - 8 >= bodyStart && in.getLongLE(end - 8) == 0
                && (end - 9 < bodyStart || in.getByte(end - 9) == 0)) {
            // The last word is all zeros and so is the byte before it (a code's top byte, codes
            // being far below 2^56): the message is empty and the code is the word before it. A
            // non-zero byte there would be the end of a message exactly a multiple of 8 long.
            messageStart = end - 8;
        } else {
            int zero = last;
            while (zero >= bodyStart && in.getByte(zero) != 0) {
                zero--;
            }
            if (zero < bodyStart) {
                throw new ProtocolException("FAILURE body has no code before its message");
            }
            messageStart = Protocol.roundUp8(zero - bodyStart + 1) + bodyStart;
        }
        if (messageStart - 8 < bodyStart) {
            throw new ProtocolException("FAILURE body has no code before its message");
        }
        long code = in.getLongLE(messageStart - 8);
        in.readerIndex(messageStart);
        String message = WireText.readCapped(in, end, "failure message", MAX_FAILURE_TEXT);
        return new Response.Failure(code, message);
    }

    private static Response servers(ByteBuf in, int end) {
        long count = WireText.readLong(in, end, "node count");
        // Each entry takes at least three words (id, address, role).
        if (count < 0 || count > Protocol.MAX_NODES || count * 24 > end - in.readerIndex()) {
            throw new ProtocolException("node count " + Long.toUnsignedString(count) + " does not fit the message");
        }
        List<NodeInfo> nodes = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            long id = WireText.readLong(in, end, "node id");
            String address = WireText.read(in, end, "node address");
            NodeRole role = NodeRole.fromCode(WireText.readLong(in, end, "node role"));
            nodes.add(new NodeInfo(id, address, role));
        }
        return new Response.Servers(nodes);
    }

    private static Response files(ByteBuf in, int end) {
        long count = WireText.readLong(in, end, "file count");
        if (count < 0 || count > Protocol.MAX_FILES || count * 16 > end - in.readerIndex()) {
            throw new ProtocolException("file count " + Long.toUnsignedString(count) + " does not fit the message");
        }
        List<DumpFile> files = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            String name = WireText.read(in, end, "file name");
            byte[] content = WireText.readBlob(in, end, "file " + name);
            files.add(new DumpFile(name, content));
        }
        return new Response.Files(files);
    }

    private static RowBatch rows(ByteBuf in, int end) {
        long count = WireText.readLong(in, end, "column count");
        if (count < 0 || count > Protocol.MAX_COLUMNS || count * 8 > end - in.readerIndex()) {
            throw new ProtocolException("column count " + Long.toUnsignedString(count) + " does not fit the message");
        }
        int columns = (int) count;
        String[] names = new String[columns];
        for (int i = 0; i < columns; i++) {
            names[i] = WireText.read(in, end, "column name");
        }
        int headerBytes = Protocol.roundUp8((columns + 1) / 2);
        // A row needs its header plus at least one word per value, which bounds the row count.
        int minRowBytes = headerBytes + 8 * columns;
        int maxRows = minRowBytes == 0 ? 0 : (end - in.readerIndex()) / minRowBytes;
        int capacity = Math.max(1, Math.min(maxRows, 64));
        byte[] types = new byte[capacity * columns];
        long[] longs = new long[capacity * columns];
        Object[] refs = new Object[capacity * columns];
        int rows = 0;
        while (true) {
            if (end - in.readerIndex() < 8) {
                throw new ProtocolException("ROWS message ends without an end marker");
            }
            long marker = in.getLongLE(in.readerIndex());
            if (marker == Protocol.ROWS_DONE || marker == Protocol.ROWS_PART) {
                in.skipBytes(8);
                if (marker == Protocol.ROWS_PART && rows == 0 && columns == 0) {
                    throw new ProtocolException("ROWS continuation without progress");
                }
                return new RowBatch(names, rows, types, longs, refs, marker == Protocol.ROWS_DONE);
            }
            if (columns == 0) {
                throw new ProtocolException("ROWS message with no columns carries row data");
            }
            if (rows == maxRows) {
                throw new ProtocolException("ROWS message holds more rows than its size allows");
            }
            if ((rows + 1) * columns > types.length) {
                int newCapacity = Math.min(maxRows, Math.max(rows * 2, 64));
                types = java.util.Arrays.copyOf(types, newCapacity * columns);
                longs = java.util.Arrays.copyOf(longs, newCapacity * columns);
                refs = java.util.Arrays.copyOf(refs, newCapacity * columns);
            }
            int header = in.readerIndex();
            if (end - header < headerBytes) {
                throw new ProtocolException("row header runs past the end of the message");
            }
            in.skipBytes(headerBytes);
            int base = rows * columns;
            for (int c = 0; c < columns; c++) {
                int nibbles = in.getUnsignedByte(header + (c >> 1));
                int code = (c & 1) == 0 ? nibbles & 0x0f : nibbles >>> 4;
                int i = base + c;
                types[i] = (byte) code;
                switch (code) {
                    case 1, 2, 9, 11 -> longs[i] = WireText.readLong(in, end, "value");
                    case 5 -> WireText.readLong(in, end, "null value");
                    case 3, 10 -> refs[i] = WireText.read(in, end, "text value");
                    case 4 -> refs[i] = WireText.readBlob(in, end, "blob value");
                    default -> throw new ProtocolException("unknown value type code " + code + " in row "
                            + rows + ", column " + c);
                }
            }
            rows++;
        }
    }

    private static void checkZero(ByteBuf in, int end, String what) {
        for (int i = in.readerIndex(); i < end; i++) {
            if (in.getByte(i) != 0) {
                throw new ProtocolException(what + " message has " + (end - in.readerIndex())
                        + " unexpected trailing bytes");
            }
        }
    }
}
