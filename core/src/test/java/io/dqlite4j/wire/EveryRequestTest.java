package io.dqlite4j.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No request type can produce an empty body (which aborts a 1.11.1 server) or a forbidden type code. */
class EveryRequestTest {
    @Test
    void everyRequestHasABodyAndAnAllowedType() {
        List<Request> all = List.of(new Request.Leader(), new Request.GenerationProbe(), new Request.Client(0),
                new Request.Open(""), new Request.Prepare(""), new Request.Exec(0, Params.NONE),
                new Request.Query(0, Params.NONE), new Request.Finalize(0), new Request.ExecSql("", Params.NONE),
                new Request.QuerySql("", Params.NONE), new Request.Interrupt(), new Request.Add(1, ""),
                new Request.Assign(1, NodeRole.VOTER), new Request.Remove(1), new Request.Dump(""),
                new Request.Cluster(), new Request.Transfer(0), new Request.Describe(), new Request.Weight(0));
        assertThat(Request.class.getPermittedSubclasses()).hasSize(all.size());
        for (Request r : all) {
            ByteBuf out = RequestEncoder.encode(r, ByteBufAllocator.DEFAULT);
            try {
                assertThat(out.getUnsignedIntLE(0)).as(r.toString()).isPositive();
                assertThat(out.readableBytes() % 8).isZero();
                // HEARTBEAT (2) and CONNECT (11) must never be sent.
                assertThat(out.getUnsignedByte(4)).as(r.toString()).isNotIn((short) 2, (short) 11);
            } finally {
                out.release();
            }
        }
    }
}
