package io.dqlite4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.wire.ProtocolException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Malformed, oversized, truncated or missing answers give precise exceptions and never hang. */
@Timeout(30)
class MisbehavingServerTest {

    /** Both ways a connection can run its socket: on the Netty event loop, or driven by the waiting thread. */
    enum Io {
        NETTY, DIRECT
    }

    private static DqliteConnection dial(ScriptedServer server, String params, Io io) throws Exception {
        DqliteConfig config = DqliteUrl.parse(server.url(params));
        return io == Io.NETTY ? DqliteConnection.dial(config.seeds().get(0), config).get(5, TimeUnit.SECONDS)
                : DqliteConnection.dialDirect(config.seeds().get(0), config);
    }

    private static Throwable failureOf(CompletableFuture<?> f) {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError("expected a failure, got " + e, e);
        }
        throw new AssertionError("expected a failure, got a result");
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void oversizedFrameIsRejectedBeforeBuffering(Io io) throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            // Announces 2^28 words (2 GiB); then keeps the socket open.
            out.write(new byte[] {0, 0, 0, 0x10, 1, 0, 0, 0});
            out.flush();
            Thread.sleep(5000);
        })) {
            DqliteConnection conn = dial(server, "max_message_size=4096", io);
            Throwable t = failureOf(conn.leader());
            assertThat(t).isInstanceOf(DqliteConnectionException.class).hasMessageContaining("max_message_size=4096");
            assertThat(t.getCause()).isInstanceOf(ProtocolException.class);
            assertThat(conn.isClosed()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void truncatedFrameThenHangupIsAConnectionLoss(Io io) throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            out.write(new byte[] {3, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3});
            out.flush();
        })) {
            DqliteConnection conn = dial(server, "", io);
            Throwable t = failureOf(conn.leader());
            assertThat(t).isInstanceOf(DqliteConnectionException.class).hasMessageContaining("closed by the server");
        }
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void garbageAnswerIsAProtocolError(Io io) throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            // A well-framed message of an unknown type 0x63.
            out.write(new byte[] {1, 0, 0, 0, 0x63, 0, 0, 0, 'g', 'a', 'r', 'b', 'a', 'g', 'e', '!'});
            out.flush();
            Thread.sleep(5000);
        })) {
            DqliteConnection conn = dial(server, "", io);
            Throwable t = failureOf(conn.leader());
            assertThat(t).isInstanceOf(DqliteConnectionException.class).hasMessageContaining("unknown response type 99");
        }
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void wrongResponseTypeIsAProtocolError(Io io) throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            // EMPTY in answer to LEADER.
            out.write(new byte[] {1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            out.flush();
            Thread.sleep(5000);
        })) {
            DqliteConnection conn = dial(server, "", io);
            assertThat(failureOf(conn.leader())).isInstanceOf(DqliteConnectionException.class)
                    .hasMessageContaining("expected response type");
        }
    }

    /** Reads the handshake, then sends an EMPTY nobody asked for: the server speaks first, which dqlite never does. */
    private static final ScriptedServer.Script SPEAKS_FIRST = (in, out, s) -> {
        in.readNBytes(8);
        out.write(new byte[] {1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        out.flush();
        Thread.sleep(5000);
    };

    @Test
    void unsolicitedBytesBreakTheConnection() throws Exception {
        try (ScriptedServer server = new ScriptedServer(SPEAKS_FIRST)) {
            DqliteConnection conn = dial(server, "", Io.NETTY);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!conn.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(conn.isClosed()).isTrue();
            assertThat(conn.closeCause()).hasMessageContaining("no request waiting");
        }
    }

    @Test
    void unsolicitedBytesOnADirectConnectionAreFoundBeforeTheNextRequestIsWritten() throws Exception {
        try (ScriptedServer server = new ScriptedServer(SPEAKS_FIRST)) {
            DqliteConnection conn = dial(server, "", Io.DIRECT);
            Thread.sleep(200); // nothing reads a direct connection while nobody waits
            Throwable t = failureOf(conn.leader());
            assertThat(t).isInstanceOf(DqliteConnectionException.class);
            assertThat(((DqliteConnectionException) t).sentBeforeFailure()).isFalse();
            assertThat(conn.closeCause()).hasMessageContaining("no request waiting");
            assertThat(conn.requestsSent()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void silentServerTimesOut(Io io) throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            Thread.sleep(20_000);
        })) {
            DqliteConnection conn = dial(server, "timeout=0.3", io);
            long start = System.nanoTime();
            Throwable t = failureOf(conn.leader());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(t).isInstanceOf(DqliteTimeoutException.class).hasMessageContaining("300 ms");
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(conn.isClosed()).isTrue();
        }
    }

    @Test
    void clientConnectToSilentSeedFailsWithinBudget() throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            Thread.sleep(20_000);
        })) {
            Throwable t = failureOf(DqliteClient.connect(server.url("timeout=0.2&attempt_timeout=0.2&max_attempts=1")));
            assertThat(t).isInstanceOf(NoLeaderException.class).hasMessageContaining("127.0.0.1:" + server.port());
        }
    }

    @Test
    void refusedConnectionIsAPreciseError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Throwable t = failureOf(DqliteClient.connect("dqlite://127.0.0.1:" + port + "/db?max_attempts=2"));
        assertThat(t).isInstanceOf(NoLeaderException.class).hasMessageContaining("connection refused")
                .hasMessageContaining("2 attempt(s)");
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void requestsAfterCloseFailWithoutSending(Io io) throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> Thread.sleep(5000))) {
            DqliteConnection conn = dial(server, "", io);
            conn.close();
            Throwable t = failureOf(conn.leader());
            assertThat(t).isInstanceOf(DqliteConnectionException.class);
            assertThat(((DqliteConnectionException) t).sentBeforeFailure()).isFalse();
            assertThat(conn.requestsSent()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Io.class)
    void trustedHeartbeatWidensTheReadDeadline(Io io) throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in); // CLIENT
            // WELCOME announcing a 1500 ms heartbeat.
            out.write(new byte[] {1, 0, 0, 0, 2, 0, 0, 0, (byte) 0xdc, 0x05, 0, 0, 0, 0, 0, 0});
            out.flush();
            in.readNBytes(16); // LEADER, never answered
            Thread.sleep(20_000);
        })) {
            DqliteConnection conn = dial(server, "timeout=0.2&trust_server_heartbeat=true", io);
            long start = System.nanoTime();
            Throwable t = failureOf(conn.leader());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(t).isInstanceOf(DqliteTimeoutException.class).hasMessageContaining("1500 ms");
            assertThat(tookMillis).isGreaterThanOrEqualTo(1400);
        }
    }
}
