package io.dqlite4j.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.testkit.ServerVersion;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.Request;
import io.dqlite4j.wire.WireCodec;
import io.dqlite4j.wire.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What differs between the server generations (docs/servers.md), pinned down on the wire so that
 * a new server release that changes them shows up here first.
 */
@Timeout(120)
class ServerGenerationIT {

    @Test
    void foreignKeysAreEnforcedByDefaultOnEveryGeneration() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1);
             DqliteClient client = DqliteClient.connect(cluster.url("fk")).get(30, TimeUnit.SECONDS)) {
            Object fk = client.query("PRAGMA foreign_keys").get(10, TimeUnit.SECONDS).rows().get(0).get(0);
            assertThat(fk).as("PRAGMA foreign_keys on " + cluster.server()).isEqualTo(1L);
            client.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)").get(10, TimeUnit.SECONDS);
            client.execute("CREATE TABLE child (p INTEGER REFERENCES parent(id))").get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> client.execute("INSERT INTO child VALUES (42)").get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DqliteServerException.class)
                    .satisfies(e -> assertThat(((DqliteServerException) e.getCause()).code()).isEqualTo(787L));
        }
    }

    /**
     * A follower asked to OPEN: 1.18.7 refuses with "not leader" (10250) at once and keeps the
     * socket open; older servers open the database and refuse the first statement instead (and
     * keep the socket open too). The client handles both: "not leader" at OPEN or at the first
     * statement sends it to the leader, on a new connection.
     */
    @Test
    void followerRefusesOpenOrTheFirstStatementAndKeepsTheSocket() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            LocalNode leader = cluster.leader();
            LocalNode follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            String[] hostPort = follower.address().split(":");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 5000);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                write(out, WireCodec.handshake(ByteBufAllocator.DEFAULT));
                write(out, WireCodec.encode(new Request.Open("nl"), ByteBufAllocator.DEFAULT));
                Response opened = read(in);
                Response refused;
                if (cluster.server() == ServerVersion.V1_18_7) {
                    refused = opened;
                } else {
                    assertThat(opened).as("OPEN on a follower of " + cluster.server()).isInstanceOf(Response.Db.class);
                    write(out, WireCodec.encode(new Request.ExecSql("CREATE TABLE t (x)", Params.NONE),
                            ByteBufAllocator.DEFAULT));
                    refused = read(in);
                }
                assertThat(refused).isInstanceOf(Response.Failure.class);
                assertThat(((Response.Failure) refused).code()).isEqualTo(10250L);
                write(out, WireCodec.encode(new Request.Leader(), ByteBufAllocator.DEFAULT));
                Response after = read(in);
                assertThat(after).as("the follower still serves the socket").isInstanceOf(Response.Server.class);
                assertThat(((Response.Server) after).address()).isEqualTo(leader.address());
            }
        }
    }

    private static void write(OutputStream out, ByteBuf buf) throws IOException {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        out.write(bytes);
        out.flush();
    }

    private static Response read(InputStream in) throws IOException {
        Response r = readOrNull(in);
        if (r == null) {
            throw new java.io.EOFException("the server closed the socket");
        }
        return r;
    }

    private static Response readOrNull(InputStream in) throws IOException {
        byte[] header = in.readNBytes(8);
        if (header.length < 8) {
            return null;
        }
        int words = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16 | (header[3] & 0xff) << 24;
        byte[] body = in.readNBytes(words * 8);
        return WireCodec.decode(Unpooled.wrappedBuffer(header, body));
    }
}
