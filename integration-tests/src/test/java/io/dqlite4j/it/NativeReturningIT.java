package io.dqlite4j.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.jdbc.DqliteJdbcConnection;
import io.dqlite4j.r2dbc.DqliteR2dbcConnection;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.ServerVersion;
import io.r2dbc.spi.ConnectionFactories;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RETURNING sent as it is where the server runs it correctly (dqlite 1.18.3 and newer: 1.18.7
 * here), emulated elsewhere; the probe tells the generations apart without touching data, and
 * the node keeps serving writes afterwards on every generation.
 */
@DqliteCluster(nodes = 1)
@Timeout(120)
class NativeReturningIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static boolean fixedServer(LocalCluster cluster) {
        return cluster.server() == ServerVersion.V1_18_7;
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                sb.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void jdbcSendsReturningOnlyToAServerThatRunsIt(LocalCluster cluster) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("native_jdbc"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            long before = c.unwrap(DqliteJdbcConnection.class).roundTrips();
            try (ResultSet rs = s.executeQuery("INSERT INTO t (v) VALUES ('a'), ('b') RETURNING id, v")) {
                assertThat(rows(rs)).containsExactly("1|a", "2|b");
            }
            long trips = c.unwrap(DqliteJdbcConnection.class).roundTrips() - before;
            if (fixedServer(cluster)) {
                // The probe (DUMP) and the statement itself; nothing else.
                assertThat(trips).isLessThanOrEqualTo(3);
                try (ResultSet rs = s.executeQuery("UPDATE t SET v = upper(v) RETURNING v")) {
                    assertThat(rows(rs)).containsExactlyInAnyOrder("A", "B");
                }
                try (ResultSet rs = s.executeQuery("DELETE FROM t WHERE id = 1 RETURNING id")) {
                    assertThat(rows(rs)).containsExactly("1");
                }
            } else {
                assertThat(trips).as("the emulation's steps").isGreaterThan(3);
            }
            s.execute("INSERT INTO t (v) VALUES ('after')"); // the node still takes writes
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(fixedServer(cluster) ? 2 : 3);
            }
        }
        assertThat(cluster.node(0).isRunning()).isTrue();
    }

    @Test
    void jdbcGeneratedKeysByNameAndIndexAreReadNativelyWhereTheServerRunsReturning(LocalCluster cluster)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("native_keys"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, made TEXT DEFAULT 'd')");
            DqliteJdbcConnection dc = c.unwrap(DqliteJdbcConnection.class);
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)", new String[] {"id", "made"})) {
                ps.setString(1, "a");
                assertThat(ps.executeUpdate()).isEqualTo(1); // warms the probe and the statement cache
                ps.setString(1, "b");
                long before = dc.roundTrips();
                assertThat(ps.executeUpdate()).isEqualTo(1);
                long trips = dc.roundTrips() - before;
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertThat(keys.getMetaData().getColumnLabel(1)).isEqualTo("id");
                    assertThat(keys.getMetaData().getColumnLabel(2)).isEqualTo("made");
                    assertThat(rows(keys)).containsExactly("2|d");
                }
                if (fixedServer(cluster)) {
                    assertThat(trips).as("one INSERT ... RETURNING").isEqualTo(1);
                } else {
                    assertThat(trips).as("the emulation's steps").isGreaterThan(1);
                }
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO t (v) VALUES (?)", new int[] {2, 1})) {
                ps.setString(1, "c");
                assertThat(ps.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    assertThat(keys.getMetaData().getColumnLabel(1)).isEqualTo("v");
                    assertThat(rows(keys)).containsExactly("c|3");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT group_concat(v) FROM t")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("a,b,c"); // each INSERT ran exactly once
            }
        }
    }

    @Test
    void r2dbcGeneratedValuesAndReturningOnEveryGeneration(LocalCluster cluster) {
        DqliteR2dbcConnection c = (DqliteR2dbcConnection) Mono.from(
                ConnectionFactories.get(cluster.r2dbcUrl("native_r2dbc")).create()).block(WAIT);
        try {
            Flux.from(c.createStatement("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)").execute())
                    .concatMap(r -> r.getRowsUpdated()).blockLast(WAIT);
            List<Object> ids = Flux.from(c.createStatement("INSERT INTO t (v) VALUES ($1)").bind(0, "x").add()
                    .bind(0, "y").returnGeneratedValues("id").execute())
                    .concatMap(r -> r.map(row -> row.get("id"))).collectList().block(WAIT);
            assertThat(ids).containsExactly(1L, 2L);
            List<Object> vs = Flux.from(c.createStatement("INSERT INTO t (v) VALUES ('z') RETURNING upper(v) AS u")
                    .execute()).concatMap(r -> r.map(row -> row.get("u"))).collectList().block(WAIT);
            assertThat(vs).containsExactly("Z");
            Long count = Flux.from(c.createStatement("INSERT INTO t (v) VALUES ('after')").execute())
                    .concatMap(r -> r.getRowsUpdated()).blockLast(WAIT);
            assertThat(count).isEqualTo(1L);
        } finally {
            Mono.from(c.close()).block(WAIT);
        }
        assertThat(cluster.node(0).isRunning()).isTrue();
    }
}
