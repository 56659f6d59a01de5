package io.dqlite4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Decoding the exact response bytes a real 1.11.1 server returned (docs/protocol.md §13), and malformed ones. */
class ResponseDecoderTest {
    private static Response decode(String hex) {
        return ResponseDecoder.decode(Hex.buf(hex));
    }

    @Test
    void server() {
        Response r = decode("03000000 01000000 be55318c8571c12d 3132372e302e302e 313a313931303100");
        assertThat(r).isEqualTo(new Response.Server(0x2dc171858c3155beL, "127.0.0.1:19101"));
    }

    @Test
    void welcome() {
        assertThat(decode("01000000 02000000 983a000000000000")).isEqualTo(new Response.Welcome(15000));
    }

    @Test
    void db() {
        assertThat(decode("01000000 04000000 0000000000000000")).isEqualTo(new Response.Db(0));
    }

    @Test
    void stmt() {
        assertThat(decode("02000000 05000000 0000000003000000 0100000000000000"))
                .isEqualTo(new Response.Stmt(0, 3, 1));
    }

    @Test
    void result() {
        assertThat(decode("02000000 06000000 0400000000000000 0100000000000000"))
                .isEqualTo(new Response.Result(4, 1));
    }

    @Test
    void failureFromFollower() {
        assertThat(decode("03000000 00000000 0a28000000000000 6e6f74206c656164 6572000000000000"))
                .isEqualTo(new Response.Failure(10250, "not leader"));
    }

    @Test
    void failureWithBatchPrefixIsParsedFromTheTail() {
        // 1.11.1 QUERY_SQL "SELECT abs(-9223372036854775807-1)": column count, name, then code and message.
        String name = "abs(-9223372036854775807-1)"; // 27 bytes + NUL -> 32
        StringBuilder hex = new StringBuilder("09000000 00000000 0100000000000000 ");
        for (byte b : name.getBytes()) {
            hex.append(String.format("%02x", b));
        }
        hex.append("0000000000 0100000000000000 696e746567657220 6f766572666c6f77 0000000000000000");
        assertThat(decode(hex.toString())).isEqualTo(new Response.Failure(1, "integer overflow"));
    }

    @Test
    void failureWithPrefixAndRowsAndEmptyMessage() {
        // prefix: 1 column "a", one row (INTEGER 7), then code 19 and an empty message.
        assertThat(decode("06000000 00000000 0100000000000000 6100000000000000 0100000000000000 0700000000000000"
                + " 1300000000000000 0000000000000000")).isEqualTo(new Response.Failure(19, ""));
    }

    @Test
    void rowsTwoColumnsTwoRows() {
        Response r = decode("""
                0a000000 07000000 0200000000000000 6964000000000000 6e616d6500000000
                3100000000000000 0100000000000000 616c696365000000
                3100000000000000 0200000000000000 626f620000000000
                ffffffffffffffff""");
        RowBatch batch = ((Response.Rows) r).batch();
        assertThat(batch.columns()).containsExactly("id", "name");
        assertThat(batch.rowCount()).isEqualTo(2);
        assertThat(batch.isLast()).isTrue();
        assertThat(batch.getObject(0, 0)).isEqualTo(1L);
        assertThat(batch.getObject(0, 1)).isEqualTo("alice");
        assertThat(batch.getObject(1, 1)).isEqualTo("bob");
        assertThat(batch.type(1, 0)).isEqualTo(ValueType.INTEGER);
    }

    @Test
    void rowNibblesLowFirstAndEveryType() {
        // types [INTEGER, TEXT, FLOAT, BLOB, BOOLEAN, ISO8601] -> header 31 42 ab (docs/protocol.md §4.4)
        Response r = decode("""
                11000000 07000000 0600000000000000
                6100000000000000 6200000000000000 6300000000000000 6400000000000000 6500000000000000 6600000000000000
                3142ab0000000000
                f9ffffffffffffff 7800000000000000 000000000000f07f 0200000000000000 abcd000000000000
                0100000000000000 323032342d30312d 3032000000000000
                eeeeeeeeeeeeeeee""");
        RowBatch b = ((Response.Rows) r).batch();
        assertThat(b.isLast()).isFalse();
        assertThat(b.getObject(0, 0)).isEqualTo(-7L);
        assertThat(b.getObject(0, 1)).isEqualTo("x");
        assertThat(b.getDouble(0, 2)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat((byte[]) b.getObject(0, 3)).containsExactly(0xab, 0xcd);
        assertThat(b.getObject(0, 4)).isEqualTo(true);
        assertThat(b.type(0, 5)).isEqualTo(ValueType.ISO8601);
        assertThat(b.getObject(0, 5)).isEqualTo("2024-01-02");
    }

    @Test
    void nullEmptyTextAndEmptyBlobStayDistinct() {
        Response r = decode("""
                09000000 07000000 0300000000000000 6100000000000000 6200000000000000 6300000000000000
                3504000000000000 0000000000000000 0000000000000000 0000000000000000
                ffffffffffffffff""");
        // header: col0 low nibble 5 (NULL), col1 high nibble 3 (TEXT), col2 low nibble 4 (BLOB)
        RowBatch b = ((Response.Rows) r).batch();
        assertThat(b.getObject(0, 0)).isNull();
        assertThat(b.getObject(0, 1)).isEqualTo("");
        assertThat((byte[]) b.getObject(0, 2)).isEmpty();
    }

    @Test
    void emptyResultIsNamesAndDone() {
        RowBatch b = ((Response.Rows) decode("03000000 07000000 0100000000000000 7800000000000000 ffffffffffffffff"))
                .batch();
        assertThat(b.rowCount()).isZero();
        assertThat(b.columns()).containsExactly("x");
    }

    @Test
    void serversFormatOne() {
        Response r = decode("""
                07000000 03000000 0200000000000000
                0100000000000000 6131000000000000 0000000000000000
                0200000000000000 6132000000000000 0200000000000000""");
        assertThat(((Response.Servers) r).nodes()).containsExactly(new NodeInfo(1, "a1", NodeRole.VOTER),
                new NodeInfo(2, "a2", NodeRole.SPARE));
    }

    @Test
    void filesAndMetadataAndEmpty() {
        Response f = decode("""
                04000000 09000000 0100000000000000 6462000000000000 0800000000000000 0102030405060708""");
        assertThat(((Response.Files) f).files()).hasSize(1);
        assertThat(((Response.Files) f).files().get(0).content()).hasSize(8);
        assertThat(decode("02000000 0a000000 0100000000000000 0700000000000000"))
                .isEqualTo(new Response.Metadata(1, 7));
        assertThat(decode("01000000 08000000 0000000000000000")).isEqualTo(new Response.Empty());
    }

    @Test
    void malformedFramesGivePreciseErrors() {
        // Header says 2 words, frame holds 1.
        assertThatThrownBy(() -> decode("02000000 06000000 0400000000000000"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("announces 16");
        // Unknown response type.
        assertThatThrownBy(() -> decode("01000000 2a000000 0000000000000000"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("unknown response type 42");
        // Text without NUL.
        assertThatThrownBy(() -> decode("02000000 01000000 0100000000000000 6161616161616161"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("NUL");
        // Blob length far beyond the message: refused before allocating.
        assertThatThrownBy(() -> decode("""
                04000000 07000000 0100000000000000 6100000000000000 0400000000000000 ffffffffffffff7f"""))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("exceeds");
        // Column count that cannot fit.
        assertThatThrownBy(() -> decode("02000000 07000000 ffffff0000000000 ffffffffffffffff"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("column count");
        // Unknown value type in a row.
        assertThatThrownBy(() -> decode("""
                05000000 07000000 0100000000000000 6100000000000000 0700000000000000 0000000000000000
                ffffffffffffffff""")).isInstanceOf(ProtocolException.class).hasMessageContaining("type code 7");
        // ROWS without end marker.
        assertThatThrownBy(() -> decode("02000000 07000000 0100000000000000 6100000000000000"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("end marker");
        // Node count absurd.
        assertThatThrownBy(() -> decode("01000000 03000000 ffffffffffffffff"))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("node count");
    }

    private static io.netty.buffer.ByteBuf failureFrame(long code, byte[] message) {
        int padded = Protocol.roundUp8(message.length + 1);
        io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.buffer();
        b.writeIntLE((8 + padded) / 8).writeByte(Protocol.RES_FAILURE).writeZero(3);
        b.writeLongLE(code).writeBytes(message).writeZero(padded - message.length);
        return b;
    }

    @Test
    void failureTextIsCappedAndMarked() {
        // 100 000 bytes of two-byte characters: the cut must not split one.
        byte[] text = "é".repeat(50_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Response.Failure f = (Response.Failure) ResponseDecoder.decode(failureFrame(1, text));
        assertThat(f.code()).isEqualTo(1);
        assertThat(f.message()).startsWith("éé").endsWith("… [truncated: 100000 bytes]").doesNotContain("\uFFFD");
        assertThat(f.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ResponseDecoder.MAX_FAILURE_TEXT + 64);
    }

    @Test
    void failureTextAtTheCapIsKeptWhole() {
        byte[] text = "x".repeat(ResponseDecoder.MAX_FAILURE_TEXT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Response.Failure f = (Response.Failure) ResponseDecoder.decode(failureFrame(5, text));
        assertThat(f.message()).hasSize(ResponseDecoder.MAX_FAILURE_TEXT);
    }

    @Test
    void frameLengthsNeverOverflow() {
        assertThat(DqliteFrameDecoder.frameLength(0xffffffffL * 8, Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(DqliteFrameDecoder.frameLength(1L << 31, Integer.MAX_VALUE)).isEqualTo(-1);
        assertThat(DqliteFrameDecoder.frameLength(DqliteFrameDecoder.MAX_BODY, Integer.MAX_VALUE))
                .isEqualTo((int) DqliteFrameDecoder.MAX_BODY + 8).isPositive();
        assertThat(DqliteFrameDecoder.frameLength(4096, 4096)).isEqualTo(4104);
        assertThat(DqliteFrameDecoder.frameLength(4104, 4096)).isEqualTo(-1);
    }
}
