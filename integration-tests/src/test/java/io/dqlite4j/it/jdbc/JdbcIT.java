package io.dqlite4j.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.jdbc.DqliteJdbcConnection;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.LocalNode;
import io.dqlite4j.testkit.ServerVersion;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDBC driver against a real 3-node cluster (both server generations, per dqlite.server). */
@DqliteCluster(nodes = 3)
@Timeout(120)
class JdbcIT {
    private static final AtomicInteger DB = new AtomicInteger();

    private static Connection connect(LocalCluster cluster) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl("jdbc" + DB.incrementAndGet()));
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void selectOneThroughAFollowerLandsOnTheLeader(LocalCluster cluster) throws SQLException {
        LocalNode leader = cluster.leader();
        LocalNode follower = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        try (Connection c = DriverManager.getConnection("jdbc:dqlite://" + follower.address() + "/follower");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(c.unwrap(DqliteJdbcConnection.class).leaderAddress()).isEqualTo(leader.address());
        }
    }

    @Test
    void aTransactionOfInsertsIsCommittedAtomically(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            c.createStatement().execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
                for (int i = 0; i < 10; i++) {
                    p.setString(1, "v" + i);
                    assertThat(p.executeUpdate()).isEqualTo(1);
                }
            }
            try (Connection other = DriverManager.getConnection(c.getMetaData().getURL())) {
                assertThat(count(other, "t")).as("uncommitted rows are invisible to others").isZero();
                c.commit();
                assertThat(count(other, "t")).isEqualTo(10);
            }
            c.createStatement().executeUpdate("INSERT INTO t (v) VALUES ('rolled back')");
            c.rollback();
            c.setAutoCommit(true);
            assertThat(count(c, "t")).isEqualTo(10);
        }
    }

    @Test
    void rawBeginInsideTheDriversTransactionFails(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            c.createStatement().execute("CREATE TABLE t (v INTEGER)");
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO t VALUES (1)");
            assertThatThrownBy(() -> c.createStatement().execute("BEGIN"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("cannot start a transaction within a transaction")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("25"));
            c.rollback();
            c.setAutoCommit(true);
            assertThat(count(c, "t")).isZero();
            // Outside a transaction a raw BEGIN is plain SQL and is tracked.
            c.createStatement().execute("BEGIN");
            assertThat(c.unwrap(DqliteJdbcConnection.class).inTransaction()).isTrue();
            c.createStatement().execute("INSERT INTO t VALUES (2)");
            c.createStatement().execute("COMMIT");
            assertThat(c.unwrap(DqliteJdbcConnection.class).inTransaction()).isFalse();
            assertThat(count(c, "t")).isEqualTo(1);
        }
    }

    @Test
    void weakerIsolationIsRejectedWithTheReason(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThatThrownBy(() -> c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED))
                    .isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("SERIALIZABLE").hasMessageContaining("READ_COMMITTED");
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        }
    }

    @Test
    void nestedSavepointsRollBackOnlyTheInnerWork(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            c.createStatement().execute("CREATE TABLE t (v INTEGER)");
            c.setAutoCommit(false);
            c.createStatement().execute("INSERT INTO t VALUES (1)");
            Savepoint outer = c.setSavepoint();
            c.createStatement().execute("INSERT INTO t VALUES (2)");
            Savepoint inner = c.setSavepoint();
            c.createStatement().execute("INSERT INTO t VALUES (3)");
            c.rollback(inner);
            c.releaseSavepoint(outer);
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet rs = c.createStatement().executeQuery("SELECT group_concat(v) FROM (SELECT v FROM t ORDER BY v)")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("1,2");
            }
            assertThat(outer.getSavepointId()).isPositive();
        }
    }

    @Test
    void aQuotedSavepointNameWorksAndForcesRollbackOnReturn(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DqliteJdbcConnection dc = c.unwrap(DqliteJdbcConnection.class);
            c.createStatement().execute("CREATE TABLE t (v INTEGER)");
            // In autocommit mode with nothing open, rollback() is refused (JDBC) and costs no round trip.
            long before = dc.roundTrips();
            assertThatThrownBy(c::rollback).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("25000");
            assertThat(dc.roundTrips()).isEqualTo(before);

            c.createStatement().execute("SAVEPOINT \"weird name\"");
            c.createStatement().execute("INSERT INTO t VALUES (1)");
            c.createStatement().execute("RELEASE \"weird name\"");
            assertThat(dc.hasUntrackedSavepoint()).isTrue();
            before = dc.roundTrips();
            c.rollback(); // what a pool does on return: one safety ROLLBACK
            assertThat(dc.roundTrips()).isEqualTo(before + 1);
            assertThat(dc.hasUntrackedSavepoint()).isFalse();
            assertThat(count(c, "t")).isEqualTo(1);
        }
    }

    @Test
    void constraintViolationsCarryTheExtendedCode(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)");
            s.execute("CREATE TABLE ch (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p(id), u TEXT UNIQUE, "
                    + "n TEXT NOT NULL DEFAULT 'x', k INTEGER CHECK (k > 0))");
            s.execute("INSERT INTO p VALUES (1)");
            s.execute("INSERT INTO ch (id, p, u, k) VALUES (1, 1, 'a', 1)");
            assertConstraint(s, "INSERT INTO ch (id, p, u, k) VALUES (2, 1, 'a', 1)", 2067, "23505");
            assertConstraint(s, "INSERT INTO ch (id, p, u, n, k) VALUES (3, 1, 'b', NULL, 1)", 1299, "23502");
            assertConstraint(s, "INSERT INTO ch (id, p, u, k) VALUES (4, 99, 'c', 1)", 787, "23503");
            assertConstraint(s, "INSERT INTO ch (id, p, u, k) VALUES (5, 1, 'd', 0)", 275, "23514");
            assertConstraint(s, "INSERT INTO ch (id, p, u, k) VALUES (1, 1, 'e', 1)", 1555, "23505");
            assertThat(count(c, "ch")).isEqualTo(1);
        }
    }

    private static void assertConstraint(Statement s, String sql, int code, String state) {
        assertThatThrownBy(() -> s.execute(sql)).isInstanceOfSatisfying(SQLIntegrityConstraintViolationException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(code);
            assertThat(e.getSQLState()).isEqualTo(state);
            assertThat(e.getMessage()).contains("constraint failed");
        });
    }

    @Test
    void everyTypeRoundTripsThroughParametersAndGetters(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            c.createStatement().execute("CREATE TABLE ty (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, "
                    + "d DATETIME, dd DATE, ok BOOLEAN, dec NUMERIC)");
            LocalDateTime ldt = LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000);
            OffsetDateTime odt = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2));
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ty VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setInt(1, 1);
                p.setLong(2, Long.MAX_VALUE);
                p.setDouble(3, Double.NEGATIVE_INFINITY);
                p.setString(4, "");
                p.setBytes(5, new byte[0]);
                p.setObject(6, ldt);
                p.setObject(7, LocalDate.of(2020, 1, 1));
                p.setBoolean(8, true);
                p.setBigDecimal(9, new BigDecimal("12.50"));
                p.executeUpdate();
                p.setInt(1, 2);
                for (int i = 2; i <= 9; i++) {
                    p.setNull(i, java.sql.Types.NULL);
                }
                p.setObject(6, odt);
                p.executeUpdate();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT i, r, t, b, d, dd, ok, dec FROM ty ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(Long.MAX_VALUE);
                assertThat(rs.getDouble(2)).isEqualTo(Double.NEGATIVE_INFINITY);
                assertThat(rs.getString(3)).isEqualTo("");
                assertThat(rs.wasNull()).isFalse();
                assertThat(rs.getBytes(4)).isEmpty();
                assertThat(rs.wasNull()).isFalse();
                assertThat(rs.getObject(5, LocalDateTime.class)).isEqualTo(ldt);
                assertThat(rs.getObject(6, LocalDate.class)).isEqualTo(LocalDate.of(2020, 1, 1));
                assertThat(rs.getBoolean(7)).isTrue();
                assertThat(rs.getObject(7)).isEqualTo(true);
                assertThat(rs.getBigDecimal(8)).isEqualByComparingTo("12.5");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1)).isNull();
                assertThat(rs.getString(3)).isNull();
                assertThat(rs.wasNull()).isTrue();
                assertThat(rs.getBytes(4)).isNull();
                assertThat(rs.getObject(5, OffsetDateTime.class)).isEqualTo(odt);
                assertThat(rs.getObject(5, Instant.class)).isEqualTo(odt.toInstant());
                assertThat(rs.getObject(6)).as("ISO8601 \"\" (a NULL DATE) reads as NULL").isNull();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void batchesAreRewrittenAndReportPerItemOutcomes(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            c.createStatement().execute("CREATE TABLE bt (id INTEGER PRIMARY KEY, v TEXT)");
            c.setAutoCommit(false);
            DqliteJdbcConnection dc = c.unwrap(DqliteJdbcConnection.class);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bt VALUES (?, ?)")) {
                for (int i = 0; i < 5000; i++) {
                    p.setInt(1, i);
                    p.setString(2, "v" + i);
                    p.addBatch();
                }
                int[] counts = p.executeBatch();
                assertThat(counts).hasSize(5000).containsOnly(1);
                p.setInt(1, 5000);
                p.setString(2, "ok");
                p.addBatch();
                p.setInt(1, 1); // duplicate key
                p.setString(2, "dup");
                p.addBatch();
                p.setInt(1, 5001);
                p.setString(2, "ok");
                p.addBatch();
                assertThatThrownBy(p::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
                    assertThat(e.getUpdateCounts()).containsExactly(1, Statement.EXECUTE_FAILED, 1);
                    assertThat(e.getErrorCode()).isEqualTo(1555);
                });
            }
            c.commit();
            c.setAutoCommit(true);
            assertThat(count(c, "bt")).isEqualTo(5002);
            // Multi-row INSERTs of 63 rows (dqlite 1.11: 255 parameters) or 100 (newer servers).
            assertThat(dc.roundTrips()).isLessThan(200);
        }
    }

    @Test
    void badInputGivesPreciseErrorsAndKeepsTheConnectionUsable(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            c.createStatement().execute("CREATE TABLE bi (a TEXT, b TEXT)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bi VALUES (?, ?)")) {
                assertThatThrownBy(() -> p.setString(1, "nul\0inside")).isInstanceOf(SQLDataException.class)
                        .hasMessageContaining("U+0000");
                assertThatThrownBy(() -> p.setString(3, "x")).hasMessageContaining("out of range 1..2");
                p.setString(1, "only one");
                assertThatThrownBy(p::executeUpdate).hasMessageContaining("no value specified for parameter 2");
                assertThatThrownBy(() -> p.setArray(1, null)).isInstanceOf(SQLFeatureNotSupportedException.class);
                assertThatThrownBy(() -> p.setRef(1, null)).isInstanceOf(SQLFeatureNotSupportedException.class);
                p.setBytes(2, "nul\0inside".getBytes());
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
            assertThatThrownBy(() -> c.createStatement().execute("SELEC 1")).hasMessageContaining("syntax error");
            assertThat(count(c, "bi")).isEqualTo(1);
        }
    }

    @Test
    void everyReadOfABlobCellGetsAnArrayNoOtherReadSees(LocalCluster cluster) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("blobs"));
             ResultSet rs = c.createStatement().executeQuery("SELECT x'010203', x'0405'")) {
            assertThat(rs.next()).isTrue();
            byte[] first = rs.getBytes(1);
            first[0] = 99;
            byte[] second = rs.getBytes(1);
            assertThat(second).containsExactly(1, 2, 3).isNotSameAs(first);
            assertThat((byte[]) rs.getObject(1)).containsExactly(1, 2, 3).isNotSameAs(second);
            assertThat(rs.getObject(1, byte[].class)).containsExactly(1, 2, 3);
            byte[] other = rs.getObject(2, byte[].class);
            other[1] = 0;
            assertThat(rs.getBinaryStream(2).readAllBytes()).containsExactly(4, 5);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void moreThan255ParametersWorkWhereTheServerCanAndFailCleanlyWhereNot(LocalCluster cluster) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ?");
        for (int i = 1; i < 300; i++) {
            sql.append(" + ?");
        }
        try (Connection c = connect(cluster); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 1; i <= 300; i++) {
                p.setInt(i, i);
            }
            if (cluster.server() == ServerVersion.V1_11) {
                long before = c.unwrap(DqliteJdbcConnection.class).roundTrips();
                assertThatThrownBy(p::executeQuery).hasMessageContaining("at most 255 parameters");
                // Only the generation probe went out; the statement itself was never sent.
                assertThat(c.unwrap(DqliteJdbcConnection.class).roundTrips()).isLessThanOrEqualTo(before + 1);
            } else {
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(300L * 301 / 2);
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT 7")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
    }

    @Test
    void generatedKeysAndUpdateCounts(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            Statement s = c.createStatement();
            assertThat(s.executeUpdate("CREATE TABLE gk (id INTEGER PRIMARY KEY, v TEXT)")).isZero();
            try (PreparedStatement p = c.prepareStatement("INSERT INTO gk (v) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                p.setString(1, "x");
                assertThat(p.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = p.getGeneratedKeys()) {
                    assertThat(keys.next()).isTrue();
                    assertThat(keys.getLong(1)).isEqualTo(1);
                }
            }
            s.executeUpdate("INSERT INTO gk (v) VALUES ('y'), ('z')");
            assertThat(s.executeUpdate("UPDATE gk SET v = 'w' WHERE id >= 2")).isEqualTo(2);
            // DDL after DML reports 0, not the server's stale counter.
            assertThat(s.executeUpdate("CREATE INDEX gk_v ON gk (v)")).isZero();
            assertThat(s.execute("SELECT 1")).isTrue();
            assertThat(s.getUpdateCount()).isEqualTo(-1);
            assertThat(s.getMoreResults()).isFalse();
        }
    }

    @Test
    void busyTimeoutPragmaIsAnsweredByTheDriver(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA busy_timeout = 1234")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1234);
            }
            try (ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1234);
            }
        }
    }
}
