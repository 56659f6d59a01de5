package io.dqlite4j.it.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.QueryResult;
import io.dqlite4j.jdbc.DqliteDataSource;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.testkit.ServerVersion;
import io.dqlite4j.testkit.TlsFiles;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every client path over mutual TLS against a three-node {@code dqlite-demo --cert/--key} cluster;
 * the kill -9 failover runs last because it breaks the cluster.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Fail fast: one discovery round, short budgets, so an error case cannot hide in retries. */
    static final String FAST = "max_attempts=1&dial_timeout=3&timeout=3";

    private static LocalCluster cluster;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        assumeThat(LocalCluster.servesTls(ServerVersion.current()))
                .as("dqlite " + ServerVersion.current().version() + " does not serve TLS (1.18 and newer do)").isTrue();
        cluster = LocalCluster.builder().nodes(3).tls().start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String tlsQuery() {
        return cluster.tls().orElseThrow().urlParameters();
    }

    private static LocalNode follower() {
        LocalNode leader = cluster.leader();
        return cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    }

    @Test
    @Order(1)
    void jdbcRunsSqlOverMutualTls() throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(cluster.jdbcUrl());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS jdbc_tls (id INTEGER PRIMARY KEY, v TEXT)");
            s.execute("INSERT INTO jdbc_tls (v) VALUES ('over tls')");
            try (ResultSet rs = s.executeQuery("SELECT v FROM jdbc_tls")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("over tls");
            }
        }
    }

    @Test
    @Order(2)
    void nativeClientRunsSqlAndAdminCallsOverMutualTls() {
        try (DqliteClient client = DqliteClient.connect(cluster.url()).join()) {
            client.execute("CREATE TABLE IF NOT EXISTS native_tls (id INTEGER PRIMARY KEY)").join();
            client.execute("INSERT INTO native_tls VALUES (7)").join();
            QueryResult r = client.query("SELECT id FROM native_tls").join();
            assertThat(r.rows().get(0)).containsExactly(7L);
            assertThat(client.cluster().join()).hasSize(3);
            assertThat(client.leader().join().address()).isEqualTo(cluster.leader().address());
        }
    }

    @Test
    @Order(3)
    void r2dbcRunsSqlOverMutualTlsAndSslMeansTls() {
        Connection c = Mono.from(ConnectionFactories.get(cluster.r2dbcUrl()).create()).block(WAIT);
        try {
            Mono.from(c.createStatement("CREATE TABLE IF NOT EXISTS r2dbc_tls (v TEXT)").execute())
                    .flatMap(r -> Mono.from(r.getRowsUpdated())).block(WAIT);
            Mono.from(c.createStatement("INSERT INTO r2dbc_tls VALUES ('reactive')").execute())
                    .flatMap(r -> Mono.from(r.getRowsUpdated())).block(WAIT);
            String v = Flux.from(c.createStatement("SELECT v FROM r2dbc_tls").execute())
                    .flatMap(r -> r.map((row, meta) -> row.get(0, String.class))).blockFirst(WAIT);
            assertThat(v).isEqualTo("reactive");
        } finally {
            Mono.from(c.close()).block(WAIT);
        }
        // ssl=false contradicts the tls_* keys, as tls=false does.
        TlsFiles files = cluster.tls().orElseThrow();
        ConnectionFactoryOptions contradictory = ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "dqlite")
                .option(ConnectionFactoryOptions.HOST, cluster.addresses().get(0))
                .option(ConnectionFactoryOptions.SSL, false)
                .option(io.r2dbc.spi.Option.valueOf("tls_ca"), files.certificate().toString())
                .build();
        assertThatThrownBy(() -> ConnectionFactories.get(contradictory))
                .hasMessageContaining("tls_ca").hasMessageContaining("'tls' is false");
    }

    @Test
    @Order(4)
    void discoveryThroughAFollowerOnlySeedFindsTheLeaderOverTls() throws Exception {
        LocalNode follower = follower();
        String url = "dqlite://" + follower.address() + "/default?" + tlsQuery();
        try (DqliteClient client = DqliteClient.connect(url).join()) {
            assertThat(client.query("SELECT 1").join().rows().get(0)).containsExactly(1L);
            assertThat(client.lastKnownLeader().toString()).isEqualTo(cluster.leader().address());
        }
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:" + url);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2L);
        }
    }

    @Test
    @Order(5)
    void traditionalEcPrivateKeyWorksLikePkcs8() throws Exception {
        TlsFiles files = cluster.tls().orElseThrow();
        Path sec1 = tmp.resolve("cluster-sec1.key");
        Files.writeString(sec1, TlsKeys.toSec1Pem(Files.readString(files.key())));
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        String url = "jdbc:dqlite://" + String.join(",", cluster.addresses()) + "/default?tls_ca=" + files.certificate()
                + "&tls_cert=" + files.certificate() + "&tls_key=" + sec1;
        try (java.sql.Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 3")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    @Order(6)
    void dataSourceNativeConfigAndR2dbcTakeAnSslContext() throws Exception {
        TlsFiles files = cluster.tls().orElseThrow();
        DqliteDataSource ds = new DqliteDataSource("jdbc:dqlite://" + cluster.addresses().get(0) + "/default");
        ds.setSslContext(TlsKeys.context(files));
        try (java.sql.Connection c = ds.getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 4")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(4L);
        }
        // The native client takes the same context through its configuration.
        io.dqlite4j.client.DqliteConfig config = io.dqlite4j.client.DqliteUrl.parse(cluster.url().replaceAll("\\?.*", ""))
                .toBuilder().sslContext(TlsKeys.context(files)).build();
        try (DqliteClient client = DqliteClient.create(config)) {
            assertThat(client.query("SELECT 5").join().rows().get(0)).containsExactly(5L);
        }
        // And R2DBC as an option.
        ConnectionFactoryOptions options = ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "dqlite")
                .option(ConnectionFactoryOptions.HOST, cluster.addresses().get(0))
                .option(io.dqlite4j.r2dbc.DqliteConnectionFactoryProvider.SSL_CONTEXT, TlsKeys.context(files))
                .build();
        Connection c = Mono.from(ConnectionFactories.get(options).create()).block(WAIT);
        try {
            Long six = Flux.from(c.createStatement("SELECT 6").execute())
                    .flatMap(r -> r.map((row, meta) -> row.get(0, Long.class))).blockFirst(WAIT);
            assertThat(six).isEqualTo(6L);
        } finally {
            Mono.from(c.close()).block(WAIT);
        }
    }

    @Test
    @Order(7)
    void largeResultsAndBatchesCrossManyTlsRecordsIntact() throws Exception {
        String pad = "x".repeat(1000);
        try (java.sql.Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE big_tls (id INTEGER PRIMARY KEY, v TEXT)");
            }
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO big_tls VALUES (?, ?)")) {
                for (int i = 1; i <= 5000; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, pad + i);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            // About 5 MB over the blocking path: frames span records and fill the read buffer.
            long sum = 0;
            int rows = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v FROM big_tls")) {
                while (rs.next()) {
                    assertThat(rs.getString(2)).isEqualTo(pad + rs.getLong(1));
                    sum += rs.getLong(1);
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(5000);
            assertThat(sum).isEqualTo(5000L * 5001 / 2);
        }
        try (DqliteClient client = DqliteClient.connect(cluster.url()).join()) {
            QueryResult r = client.query("SELECT id, v FROM big_tls ORDER BY id").join();
            assertThat(r.rows()).hasSize(5000);
            assertThat(r.rows().get(4999)).containsExactly(5000L, pad + 5000);
        }
    }

    // ---- error cases: each within its budget, with SQLState class 08 and the SSLException ----

    @Test
    @Order(10)
    void plaintextClientToATlsNodeFailsWith08() {
        String url = "jdbc:dqlite://" + cluster.addresses().get(0) + "/default?" + FAST;
        SQLException e = connectFails(url);
        assertThat(e.getSQLState()).startsWith("08");
    }

    @Test
    @Order(11)
    void untrustedServerCertificateFailsWith08AndSslCause() {
        TlsFiles other = TlsFiles.generate(tmp.resolve("other"));
        TlsFiles files = cluster.tls().orElseThrow();
        String url = "jdbc:dqlite://" + cluster.addresses().get(0) + "/default?" + FAST + "&tls_ca=" + other.certificate()
                + "&tls_cert=" + files.certificate() + "&tls_key=" + files.key();
        SQLException e = connectFails(url);
        assertThat(e.getSQLState()).startsWith("08");
        assertThat(sslCause(e)).isNotNull();
        assertThat(e.getMessage()).contains("TLS");
    }

    @Test
    @Order(12)
    void hostNameMismatchFailsWith08UnderFullVerificationAndPassesWithCa() throws Exception {
        String base = "jdbc:dqlite://" + cluster.addresses().get(0) + "/default?" + FAST + "&" + tlsQuery();
        SQLException e = connectFails(base + "&tls_server_name=not-the-cluster.example");
        assertThat(e.getSQLState()).startsWith("08");
        assertThat(sslCause(e)).isNotNull();
        try (java.sql.Connection c = DriverManager.getConnection(base
                + "&tls_server_name=not-the-cluster.example&tls_verify=ca")) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    @Order(13)
    void missingClientCertificateIsRefusedWith08() {
        TlsFiles files = cluster.tls().orElseThrow();
        String url = "jdbc:dqlite://" + cluster.addresses().get(0) + "/default?" + FAST + "&tls_ca=" + files.certificate();
        SQLException e = connectFails(url);
        assertThat(e.getSQLState()).startsWith("08");
        assertThat(sslCause(e)).as("the SSLException of the refused handshake").isNotNull();
        // The native client on the Netty path reports the same.
        assertThatThrownBy(() -> DqliteClient.connect(url.substring("jdbc:".length())).join())
                .isInstanceOf(CompletionException.class)
                .satisfies(t -> assertThat(sslCause(t)).isNotNull());
    }

    @Test
    @Order(14)
    void missingFileAndContradictoryKeysNameTheKeyAndTheFile() {
        String base = "jdbc:dqlite://" + cluster.addresses().get(0) + "/default?";
        SQLException missing = connectFails(base + "tls_ca=/nonexistent/ca.pem");
        assertThat(missing.getSQLState()).isEqualTo("08001");
        assertThat(missing.getMessage()).contains("tls_ca", "/nonexistent/ca.pem");
        SQLException contradictory = connectFails(base + "tls=false&tls_verify=none");
        assertThat(contradictory.getSQLState()).isEqualTo("08001");
        assertThat(contradictory.getMessage()).contains("tls_verify", "'tls' is false");
    }

    @Test
    @Order(15)
    void tlsClientToAPlaintextNodeFailsWith08WithinTheDialBudget() {
        try (LocalCluster plain = LocalCluster.start(1)) {
            String url = "jdbc:dqlite://" + plain.addresses().get(0) + "/default?" + FAST + "&" + tlsQuery();
            long start = System.nanoTime();
            SQLException e = connectFails(url);
            assertThat(e.getSQLState()).startsWith("08");
            assertThat(sslCause(e)).isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThatThrownBy(() -> DqliteClient.connect(url.substring("jdbc:".length())).join())
                    .satisfies(t -> assertThat(sslCause(t)).isNotNull());
        }
    }

    @Test
    @Order(100)
    void killMinusNineOfTheLeaderFailsOverOverTls() throws Exception {
        try (DqliteClient client = DqliteClient.connect(cluster.url() + "&max_attempts=20").join()) {
            client.execute("CREATE TABLE IF NOT EXISTS failover_tls (id INTEGER PRIMARY KEY)").join();
            client.execute("INSERT INTO failover_tls VALUES (1)").join();
            LocalNode oldLeader = cluster.leader();
            oldLeader.kill();
            while (true) {
                try {
                    client.execute("INSERT OR IGNORE INTO failover_tls VALUES (2)").join();
                    break;
                } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(DqliteConnectionException.class);
                }
            }
            LocalNode newLeader = cluster.awaitLeader(WAIT);
            assertThat(newLeader).isNotSameAs(oldLeader);
            assertThat(client.query("SELECT count(*) FROM failover_tls").join().rows().get(0)).containsExactly(2L);
            // JDBC rediscovers the new leader over TLS too.
            try (java.sql.Connection c = DriverManager.getConnection(cluster.jdbcUrl());
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM failover_tls")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2L);
            }
        }
    }

    static SQLException connectFails(String url) {
        try (java.sql.Connection c = DriverManager.getConnection(url)) {
            throw new AssertionError("connected to " + url + " although it should fail");
        } catch (SQLException e) {
            return e;
        }
    }

    static SSLException sslCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }
}
