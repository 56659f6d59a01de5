package io.dqlite4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.testkit.ServerVersion;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.Request;
import io.dqlite4j.wire.RequestEncoder;
import io.dqlite4j.wire.Response;
import io.dqlite4j.wire.ResponseDecoder;
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

    private static boolean atLeast1182(ServerVersion v) {
        return v == ServerVersion.V1_18_7;
    }

    @Test
    void foreignKeysDefaultPerGeneration() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1);
             DqliteClient client = DqliteClient.connect(cluster.url("fk")).get(30, TimeUnit.SECONDS)) {
            Object fk = client.query("PRAGMA foreign_keys").get(10, TimeUnit.SECONDS).rows().get(0).get(0);
            System.out.println(cluster.server() + ": PRAGMA foreign_keys = " + fk);
            assertThat(fk).as("foreign_keys on " + cluster.server()).isEqualTo(atLeast1182(cluster.server()) ? 1L : 0L);
        }
    }

    @Test
    void followerConnectionAfterNotLeader() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(3)) {
            LocalNode leader = cluster.leader();
            LocalNode follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
            String[] hostPort = follower.address().split(":");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 5000);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                write(out, RequestEncoder.handshake(ByteBufAllocator.DEFAULT));
                write(out, RequestEncoder.encode(new Request.Open("nl"), ByteBufAllocator.DEFAULT));
                assertThat(read(in)).isInstanceOf(Response.Db.class);
                write(out, RequestEncoder.encode(new Request.ExecSql("CREATE TABLE t (x)", Params.NONE),
                        ByteBufAllocator.DEFAULT));
                Response refused = read(in);
                assertThat(refused).isInstanceOf(Response.Failure.class);
                assertThat(((Response.Failure) refused).code()).isEqualTo(10250L);
                // Ask again on the same socket: does the node still serve it?
                write(out, RequestEncoder.encode(new Request.Leader(), ByteBufAllocator.DEFAULT));
                Response after;
                try {
                    after = readOrNull(in);
                } catch (java.net.SocketException e) {
                    after = null; // reset: closed as well
                }
                System.out.println(cluster.server() + ": after 'not leader' the follower "
                        + (after == null ? "closed the socket" : "answered " + after));
                if (atLeast1182(cluster.server())) {
                    assertThat(after).as("1.18.2+ keeps the socket open").isInstanceOf(Response.Server.class);
                } else {
                    assertThat(after).as("older servers close the socket").isNull();
                }
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
        return ResponseDecoder.decode(Unpooled.wrappedBuffer(header, body));
    }
}
