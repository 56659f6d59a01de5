package io.dqlite4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node that accepts TCP but never answers the ClientHello must not hang a TLS client: both
 * I/O paths give up within {@code dial_timeout}, with the SSLException as cause.
 */
@Timeout(30)
class TlsHandshakeTimeoutTest {

    private static DqliteConfig config(int port) {
        return DqliteUrl.parse("dqlite://127.0.0.1:" + port + "/db?tls_verify=none&dial_timeout=0.5&timeout=5");
    }

    private static SSLException ssl(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException s) {
                return s;
            }
        }
        return null;
    }

    @Test
    void directLinkGivesUpWithinTheDialBudget() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            DqliteConfig c = config(silent.getLocalPort());
            long start = System.nanoTime();
            assertThatThrownBy(() -> DqliteConnection.dialDirect(c.seeds().get(0), c))
                    .isInstanceOf(DqliteConnectionException.class)
                    .hasMessageContaining("TLS handshake")
                    .satisfies(e -> assertThat(ssl(e)).isNotNull());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void nettyLinkGivesUpWithinTheDialBudget() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            DqliteConfig c = config(silent.getLocalPort());
            long start = System.nanoTime();
            assertThatThrownBy(() -> DqliteConnection.dial(c.seeds().get(0), c).join())
                    .isInstanceOf(CompletionException.class)
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOf(DqliteConnectionException.class)
                            .hasMessageContaining("TLS handshake"))
                    .satisfies(e -> assertThat(ssl(e)).isNotNull());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
