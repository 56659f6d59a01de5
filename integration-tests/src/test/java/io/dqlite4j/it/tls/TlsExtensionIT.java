package io.dqlite4j.it.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code @DqliteCluster(tls = true)} injects a TLS cluster whose URLs carry the keys (skipped on 1.11). */
@DqliteCluster(nodes = 1, tls = true)
@Timeout(120)
class TlsExtensionIT {

    @Test
    void theInjectedClusterServesMutualTlsAndPlainConnectionsAreRefused(LocalCluster cluster) throws Exception {
        assertThat(cluster.tls()).isPresent();
        assertThat(cluster.jdbcUrl()).contains("tls_ca=", "tls_cert=", "tls_key=");
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            assertThat(c.isValid(5)).isTrue();
        }
        SQLException plain = TlsIT.connectFails("jdbc:dqlite://" + cluster.addresses().get(0) + "/default?" + TlsIT.FAST);
        assertThat(plain.getSQLState()).startsWith("08");
    }
}
