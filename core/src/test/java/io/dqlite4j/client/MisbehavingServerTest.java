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

/** Malformed, oversized, truncated or missing answers give precise exceptions and never hang. */
@Timeout(30)
class MisbehavingServerTest {

    private static DqliteConnection dial(ScriptedServer server, String params) throws Exception {
        DqliteConfig config = DqliteUrl.parse(server.url(params));
        return DqliteConnection.dial(config.seeds().get(0), config).get(5, TimeUnit.SECONDS);
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

    @Test
    void oversizedFrameIsRejectedBeforeBuffering() throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            // Announces 2^28 words (2 GiB); then keeps the socket open.
            out.write(new byte[] {0, 0, 0, 0x10, 1, 0, 0, 0});
            out.flush();
            Thread.sleep(5000);
        })) {
            DqliteConnection conn = dial(server, "max_message_size=4096");
            Throwable t = failureOf(conn.leader());
            assertThat(t).isInstanceOf(DqliteConnectionException.class).hasMessageContaining("max_message_size=4096");
            assertThat(t.getCause()).isInstanceOf(ProtocolException.class);
            assertThat(conn.isClosed()).isTrue();
        }
    }

    @Test
    void truncatedFrameThenHangupIsAConnectionLoss() throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            out.write(new byte[] {3, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3});
            out.flush();
        })) {
            DqliteConnection conn = dial(server, "");
            Throwable t = failureOf(conn.leader());
            assertThat(t).isInstanceOf(DqliteConnectionException.class).hasMessageContaining("closed by the server");
        }
    }

    @Test
    void garbageAnswerIsAProtocolError() throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            // A well-framed message of an unknown type 0x63.
            out.write(new byte[] {1, 0, 0, 0, 0x63, 0, 0, 0, 'g', 'a', 'r', 'b', 'a', 'g', 'e', '!'});
            out.flush();
            Thread.sleep(5000);
        })) {
            DqliteConnection conn = dial(server, "");
            Throwable t = failureOf(conn.leader());
            assertThat(t).isInstanceOf(DqliteConnectionException.class).hasMessageContaining("unknown response type 99");
        }
    }

    @Test
    void wrongResponseTypeIsAProtocolError() throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            // EMPTY in answer to LEADER.
            out.write(new byte[] {1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            out.flush();
            Thread.sleep(5000);
        })) {
            DqliteConnection conn = dial(server, "");
            assertThat(failureOf(conn.leader())).isInstanceOf(DqliteConnectionException.class)
                    .hasMessageContaining("expected response type");
        }
    }

    @Test
    void unsolicitedBytesBreakTheConnection() throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            in.readNBytes(8);
            // The server speaks first, which dqlite never does.
            out.write(new byte[] {1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
            out.flush();
            Thread.sleep(5000);
        })) {
            DqliteConnection conn = dial(server, "");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!conn.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(conn.isClosed()).isTrue();
            assertThat(conn.closeCause()).hasMessageContaining("no request waiting");
        }
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in);
            Thread.sleep(20_000);
        })) {
            DqliteConnection conn = dial(server, "timeout=0.3");
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

    @Test
    void requestsAfterCloseFailWithoutSending() throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> Thread.sleep(5000))) {
            DqliteConnection conn = dial(server, "");
            conn.close();
            Throwable t = failureOf(conn.leader());
            assertThat(t).isInstanceOf(DqliteConnectionException.class);
            assertThat(((DqliteConnectionException) t).sentBeforeFailure()).isFalse();
            assertThat(conn.requestsSent()).isZero();
        }
    }

    @Test
    void trustedHeartbeatWidensTheReadDeadline() throws Exception {
        try (ScriptedServer server = new ScriptedServer((in, out, s) -> {
            ScriptedServer.readHandshakeAndRequest(in); // CLIENT
            // WELCOME announcing a 1500 ms heartbeat.
            out.write(new byte[] {1, 0, 0, 0, 2, 0, 0, 0, (byte) 0xdc, 0x05, 0, 0, 0, 0, 0, 0});
            out.flush();
            in.readNBytes(16); // LEADER, never answered
            Thread.sleep(20_000);
        })) {
            DqliteConnection conn = dial(server, "timeout=0.2&trust_server_heartbeat=true");
            long start = System.nanoTime();
            Throwable t = failureOf(conn.leader());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(t).isInstanceOf(DqliteTimeoutException.class).hasMessageContaining("1500 ms");
            assertThat(tookMillis).isGreaterThanOrEqualTo(1400);
        }
    }
}
