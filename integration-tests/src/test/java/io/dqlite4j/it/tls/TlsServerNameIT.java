package io.dqlite4j.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.ServerVersion;
import io.dqlite4j.testkit.TlsFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster certificate that names only {@code DNS:dqlite} (as LXD-style cluster certificates
 * name no address): full verification of 127.0.0.1 refuses it; {@code tls_server_name=dqlite}
 * or {@code tls_verify=ca} accept it.
 */
@Timeout(120)
class TlsServerNameIT {

    @Test
    void fullVerificationRefusesACertificateThatDoesNotNameTheAddressUnlessTheNameOrCaModeIsGiven(@TempDir Path dir)
            throws Exception {
        assumeThat(LocalCluster.servesTls(ServerVersion.current()))
                .as("dqlite " + ServerVersion.current().version() + " does not serve TLS (1.18 and newer do)").isTrue();
        TlsFiles files = TlsFiles.generate(dir, "DNS:dqlite");
        try (LocalCluster cluster = LocalCluster.builder().nodes(1).tls(files).start()) {
            assertThat(cluster.url()).as("the testkit's URLs reach the nodes").endsWith("&tls_server_name=dqlite");
            String base = "jdbc:dqlite://" + cluster.addresses().get(0) + "/default?" + files.urlParameters();
            SQLException refused = TlsIT.connectFails(base + "&" + TlsIT.FAST);
            assertThat(refused.getSQLState()).startsWith("08");
            assertThat(TlsIT.sslCause(refused)).isNotNull();
            assertThat(TlsIT.sslCause(refused).getMessage()).contains("127.0.0.1");

            try (Connection c = DriverManager.getConnection(base + "&tls_server_name=dqlite")) {
                assertThat(c.isValid(5)).isTrue();
            }
            try (Connection c = DriverManager.getConnection(base + "&tls_verify=ca")) {
                assertThat(c.isValid(5)).isTrue();
            }
            // The Netty path (native client) decides the same way.
            try (DqliteClient client = DqliteClient.connect(base.substring("jdbc:".length()) + "&tls_server_name=dqlite").join()) {
                assertThat(client.query("SELECT 1").join().rows().get(0)).containsExactly(1L);
            }
        }
    }

    @Test
    void aTlsClusterOnAServerWithoutTlsIsRefusedClearly() {
        assumeThat(ServerVersion.V1_11.isInstalled()).as("dqlite 1.11 is not installed here").isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> LocalCluster.builder().server(ServerVersion.V1_11).nodes(1).tls().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1.11.1 does not serve TLS").hasMessageContaining("1.18 or newer");
    }
}
