package io.dqlite4j.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Byte-exact request vectors from docs/protocol.md §13, which were accepted by a real 1.11.1 server. */
class RequestEncoderTest {
    private static String encode(Request request) {
        ByteBuf out = RequestEncoder.encode(request, ByteBufAllocator.DEFAULT);
        try {
            return Hex.of(out);
        } finally {
            out.release();
        }
    }

    @Test
    void handshakeIsVersionOneLittleEndian() {
        ByteBuf hs = RequestEncoder.handshake(ByteBufAllocator.DEFAULT);
        assertThat(Hex.of(hs)).isEqualTo("0100000000000000");
        hs.release();
    }

    @Test
    void leader() {
        assertThat(encode(new Request.Leader())).isEqualTo(Hex.clean("01000000 00000000 0000000000000000"));
    }

    @Test
    void generationProbeIsLeaderWithSchemaOne() {
        assertThat(encode(new Request.GenerationProbe())).isEqualTo(Hex.clean("01000000 00010000 0000000000000000"));
    }

    @Test
    void client() {
        assertThat(encode(new Request.Client(0))).isEqualTo(Hex.clean("01000000 01000000 0000000000000000"));
    }

    @Test
    void openDemo() {
        assertThat(encode(new Request.Open("demo"))).isEqualTo(Hex.clean(
                "04000000 03000000 64656d6f00000000 0000000000000000 766f6c6174696c65 0000000000000000"));
    }

    @Test
    void querySqlWithTwoParameters() {
        String sql = "SELECT id, name FROM users WHERE id >= ? AND name <> ?";
        assertThat(encode(new Request.QuerySql(sql, Params.of(1L, "carol")))).isEqualTo(Hex.clean("""
                0b000000 09000000
                0000000000000000
                53454c4543542069 64 2c 20 6e 61 6d 65 20
                46524f4d20757365 7273205748455245 206964203e3d203f 20414e44206e616d
                65203c3e203f0000
                0201030000000000
                0100000000000000
                6361726f6c000000"""));
    }

    @Test
    void execSqlWithTextParameter() {
        assertThat(encode(new Request.ExecSql("INSERT INTO users(name) VALUES (?)", Params.of("dave"))))
                .isEqualTo(Hex.clean("""
                        08000000 08000000 0000000000000000
                        494e5345525420494e544f2075736572 73286e616d65292056414c5545532028
                        3f29000000000000 0103000000000000 6461766500000000"""));
    }

    @Test
    void prepareExecFinalize() {
        assertThat(encode(new Request.Prepare("DELETE FROM users WHERE id = ?"))).startsWith("0500000004000000");
        assertThat(encode(new Request.Exec(0, Params.of(4L)))).isEqualTo(Hex.clean(
                "03000000 05000000 0000000000000000 0101000000000000 0400000000000000"));
        assertThat(encode(new Request.Finalize(0))).isEqualTo(Hex.clean("01000000 07000000 0000000000000000"));
    }

    @Test
    void noParametersSendsNoTuple() {
        assertThat(encode(new Request.ExecSql("BEGIN", Params.NONE)))
                .isEqualTo(Hex.clean("02000000 08000000 0000000000000000 424547494e000000"));
    }

    @Test
    void textPaddingAlwaysLeavesOneNul() {
        // 7 bytes take one word; 8 bytes take two; the empty string one word of zeros.
        assertThat(encode(new Request.Dump("abcdefg"))).isEqualTo(Hex.clean("01000000 0f000000 61626364656667 00"));
        assertThat(encode(new Request.Dump("abcdefgh")))
                .isEqualTo(Hex.clean("02000000 0f000000 6162636465666768 0000000000000000"));
    }

    @Test
    void everyValueType() {
        Params p = new Params(6).setLong(0, -1).setDouble(1, -0.0).setText(2, "").setBlob(3, new byte[] {1, 2, 3})
                .setNull(4).setBoolean(5, true);
        String hex = encode(new Request.Exec(7, p));
        assertThat(hex).isEqualTo(Hex.clean("""
                09000000 05000000 0000000007000000
                0601020304050b00
                ffffffffffffffff 0000000000000080 0000000000000000
                0300000000000000 0102030000000000
                0000000000000000 0100000000000000"""));
    }

    @Test
    void headerPaddingForManyParameters() {
        // 7 params: header 1 word; 8 params: 2 words (docs/protocol.md §4.2).
        assertThat(encode(new Request.Exec(0, Params.of(1L, 2L, 3L, 4L, 5L, 6L, 7L)))).startsWith("09000000");
        assertThat(encode(new Request.Exec(0, Params.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)))).startsWith("0b000000");
    }

    @Test
    void wideTupleUsesSchemaOneAndU32Count() {
        Params p = new Params(256);
        for (int i = 0; i < 256; i++) {
            p.setLong(i, i);
        }
        String hex = encode(new Request.Exec(0, p));
        assertThat(hex.substring(8, 16)).isEqualTo("05010000");
        assertThat(hex.substring(32, 40)).isEqualTo("00010000"); // u32 count 256
    }

    @Test
    void nulInTextIsRefusedBeforeEncoding() {
        assertThatThrownBy(() -> Params.of("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0000").hasMessageContaining("parameter 1");
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> RequestEncoder.encode(new Request.ExecSql("select '\0'", Params.NONE), out, 1 << 20))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQL text");
        assertThat(out.writerIndex()).isZero();
    }

    @Test
    void unsetParameterIsRefusedAndNothingIsWritten() {
        ByteBuf out = Unpooled.buffer();
        Params p = new Params(2).setLong(0, 1);
        assertThatThrownBy(() -> RequestEncoder.encode(new Request.Exec(0, p), out, 1 << 20))
                .hasMessageContaining("parameter 2");
        assertThat(out.writerIndex()).isZero();
    }

    @Test
    void oversizedRequestIsRefused() {
        ByteBuf out = Unpooled.buffer();
        assertThatThrownBy(() -> RequestEncoder.encode(new Request.ExecSql("x".repeat(100), Params.NONE), out, 64))
                .hasMessageContaining("max_message_size");
        assertThat(out.writerIndex()).isZero();
    }

    @Test
    void describeAlwaysAsksFormatZeroAndClusterFormatOne() {
        assertThat(encode(new Request.Describe())).isEqualTo(Hex.clean("01000000 12000000 0000000000000000"));
        assertThat(encode(new Request.Cluster())).isEqualTo(Hex.clean("01000000 10000000 0100000000000000"));
    }
}
