package io.dqlite4j.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDBC driver on the session core: read-only transactions, generated keys by column, compound
 * texts, the JDBC contract cases, and the flows Spring runs (without Spring). One node is enough.
 */
@DqliteCluster(nodes = 1)
@Timeout(120)
class JdbcSessionIT {
    private static final AtomicInteger DB = new AtomicInteger();
    private Connection c;

    @BeforeEach
    void open(LocalCluster cluster) throws SQLException {
        c = DriverManager.getConnection(cluster.jdbcUrl("jdbc_session_" + DB.incrementAndGet()));
        exec("CREATE TABLE person (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private long count() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM person")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                row.put(md.getColumnLabel(i), rs.getObject(i));
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void aReadOnlyTransactionReadsRefusesWritesAndTheConnectionWritesAgainAfterwards() throws SQLException {
        exec("INSERT INTO person (name) VALUES ('ann')");
        c.setReadOnly(true);
        c.setAutoCommit(false);
        assertThat(count()).isEqualTo(1);
        assertThatThrownBy(() -> exec("INSERT INTO person (name) VALUES ('bob')")).isInstanceOf(SQLException.class)
                .hasMessageContaining("readonly");
        c.rollback();
        c.setAutoCommit(true);
        c.setReadOnly(false);
        exec("INSERT INTO person (name) VALUES ('cy')");
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void generatedKeysByNameAndIndexComeUnderTheRequestedNames() throws SQLException {
        exec("INSERT INTO person (name) VALUES ('first')");
        try (PreparedStatement p = c.prepareStatement("INSERT INTO person (name) VALUES (?)", new String[] {"id"})) {
            p.setString(1, "ann");
            assertThat(p.executeUpdate()).isEqualTo(1);
            try (ResultSet keys = p.getGeneratedKeys()) {
                assertThat(rows(keys)).containsExactly(Map.of("id", 2L));
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO person (name) VALUES (?)", new int[] {1, 2})) {
            p.setString(1, "bob");
            assertThat(p.executeUpdate()).isEqualTo(1);
            try (ResultSet keys = p.getGeneratedKeys()) {
                assertThat(rows(keys)).containsExactly(Map.of("id", 3L, "name", "bob"));
            }
        }
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO person (name) VALUES ('x'), ('y'), ('z')", new String[] {"id"}))
                    .isEqualTo(3);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(rows(keys)).containsExactly(Map.of("id", 4L), Map.of("id", 5L), Map.of("id", 6L));
            }
            // The rowid for RETURN_GENERATED_KEYS, one round trip.
            assertThat(s.executeUpdate("INSERT INTO person (name) VALUES ('w')", Statement.RETURN_GENERATED_KEYS))
                    .isEqualTo(1);
            try (ResultSet keys = s.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(7L);
            }
        }
        assertThat(c.getAutoCommit()).isTrue();
        assertThat(count()).isEqualTo(7);
    }

    @Test
    void generatedKeysOfABoundBatchAreInOrder() throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO person (name) VALUES (?)", new String[] {"id"})) {
            for (String name : List.of("a", "b", "c")) {
                p.setString(1, name);
                p.addBatch();
            }
            assertThat(p.executeBatch()).containsExactly(1, 1, 1);
            try (ResultSet keys = p.getGeneratedKeys()) {
                assertThat(rows(keys)).containsExactly(Map.of("id", 1L), Map.of("id", 2L), Map.of("id", 3L));
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO person (name) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (String name : List.of("d", "e", "f")) {
                p.setString(1, name);
                p.addBatch();
            }
            assertThat(p.executeBatch()).containsExactly(1, 1, 1);
            List<Long> ids = new ArrayList<>();
            try (ResultSet keys = p.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
            assertThat(ids).containsExactly(4L, 5L, 6L);
        }
    }

    @Test
    void compoundTextsAreNeverHalfRun() throws SQLException {
        for (String sql : List.of("SELECT 1; INSERT INTO person (name) VALUES ('a')",
                "INSERT INTO person (name) VALUES ('a'); SELECT 1")) {
            assertThatThrownBy(() -> exec(sql)).as(sql).isInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("Nothing was sent");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO person (name) VALUES ('a'); "
                + "INSERT INTO person (name) VALUES (?)")) {
            p.setString(1, "b");
            assertThatThrownBy(p::execute).isInstanceOf(SQLFeatureNotSupportedException.class);
        }
        assertThat(count()).isZero();
        exec("INSERT INTO person (name) VALUES ('a'); INSERT INTO person (name) VALUES ('b');");
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void contractCases() throws SQLException {
        // commit() and rollback() in autocommit mode.
        assertThatThrownBy(c::commit).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25000"));
        assertThatThrownBy(c::rollback).isInstanceOf(SQLException.class);
        try (Statement s = c.createStatement()) {
            // getMoreResults(int): validated; KEEP_CURRENT_RESULT refused (supportsMultipleOpenResults is false).
            assertThat(c.getMetaData().supportsMultipleOpenResults()).isFalse();
            s.executeQuery("SELECT 1");
            assertThatThrownBy(() -> s.getMoreResults(Statement.KEEP_CURRENT_RESULT))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            assertThatThrownBy(() -> s.getMoreResults(42)).isInstanceOf(SQLException.class);
            assertThat(s.getMoreResults(Statement.CLOSE_ALL_RESULTS)).isFalse();
            // setFetchDirection is a hint.
            s.setFetchDirection(ResultSet.FETCH_REVERSE);
            assertThat(s.getFetchDirection()).isEqualTo(ResultSet.FETCH_REVERSE);
            assertThatThrownBy(() -> s.setFetchDirection(12345)).isInstanceOf(SQLException.class);
            // A row-returning batch item fails executeBatch, not addBatch, and nothing runs.
            s.addBatch("INSERT INTO person (name) VALUES ('a')");
            s.addBatch("select 1");
            assertThatThrownBy(s::executeBatch).isInstanceOf(BatchUpdateException.class);
        }
        assertThat(count()).isZero();
        // PreparedStatement.getMetaData() after execution.
        try (PreparedStatement p = c.prepareStatement("SELECT id, name AS who FROM person WHERE id > ?")) {
            p.setLong(1, 0);
            p.executeQuery().close();
            ResultSetMetaData md = p.getMetaData();
            assertThat(md).isNotNull();
            assertThat(md.getColumnCount()).isEqualTo(2);
            assertThat(md.getColumnLabel(2)).isEqualTo("who");
        }
    }

    /** DataSourceTransactionManager with readOnly = true, and JdbcTemplate.update with a KeyHolder. */
    @Test
    void springShapedFlows() throws SQLException {
        // KeyHolder: prepareStatement(sql, new String[] {"id"}), then getKeys().get("id").
        try (PreparedStatement p = c.prepareStatement("INSERT INTO person (name) VALUES (?)", new String[] {"id"})) {
            p.setString(1, "ann");
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                assertThat(rows(keys).get(0).get("id")).isEqualTo(1L);
            }
        }
        // @Transactional(readOnly = true): setReadOnly(true), setAutoCommit(false), read, commit, restore.
        c.setReadOnly(true);
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("SELECT name FROM person WHERE id = ?")) {
            p.setLong(1, 1);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ann");
            }
        }
        c.commit();
        c.setAutoCommit(true);
        c.setReadOnly(false);
        exec("UPDATE person SET name = 'bo'");
    }
}
