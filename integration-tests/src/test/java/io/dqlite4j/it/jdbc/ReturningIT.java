package io.dqlite4j.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.dqlite4j.jdbc.DqliteJdbcConnection;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.ServerVersion;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * INSERT … RETURNING through the JDBC driver: emulated (RETURNING itself is never sent, because
 * both supported servers abort on the write after one), every inserted row returned, refused
 * cases leave nothing applied, and the node keeps serving writes.
 */
@DqliteCluster(nodes = 1)
@Timeout(120)
class ReturningIT {
    private static final AtomicInteger DB = new AtomicInteger();

    private static Connection connect(LocalCluster cluster) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl("returning" + DB.incrementAndGet()));
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                b.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            out.add(b.toString());
        }
        return out;
    }

    private static List<String> labels(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            out.add(md.getColumnLabel(i));
        }
        return out;
    }

    private static boolean inTransaction(Connection c) throws SQLException {
        return c.unwrap(DqliteJdbcConnection.class).inTransaction();
    }

    private static long roundTrips(Connection c) throws SQLException {
        return c.unwrap(DqliteJdbcConnection.class).roundTrips();
    }

    /** The node is up and takes writes (a node hit by DML with RETURNING aborts on its next write). */
    private static void assertNodeServes(LocalCluster cluster) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("alive"))) {
            exec(c, "CREATE TABLE IF NOT EXISTS alive (v TEXT)");
            for (int i = 0; i < 3; i++) {
                exec(c, "INSERT INTO alive VALUES ('still writable')");
            }
            assertThat(count(c, "alive")).isPositive();
        }
        Thread.sleep(200);
        assertThat(cluster.node(0).isRunning()).as("node 0 is running").isTrue();
    }

    /** Refused with 0A000 before anything reached the server. */
    private static void assertRefusedBeforeSending(Connection c, ThrowingCallable call) throws SQLException {
        long sent = roundTrips(c);
        assertThatThrownBy(call).isInstanceOf(SQLFeatureNotSupportedException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
                .hasMessageContaining("Nothing was sent");
        assertThat(roundTrips(c)).as("requests sent").isEqualTo(sent);
    }

    private static void assertRefusedAndRolledBack(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(SQLFeatureNotSupportedException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
                .hasMessageContaining("Nothing was applied");
    }

    @Test
    void multiRowInsertReturnsEveryInsertedRowInOrder(LocalCluster cluster) throws Exception {
        try (Connection c = connect(cluster)) {
            exec(c, "CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT NOT NULL, year INTEGER, added DATETIME)");
            exec(c, "INSERT INTO book (title, year) VALUES ('seed', 1900)");
            // As jOOQ renders insertInto(BOOK).values(..).values(..).returning(BOOK.ID, BOOK.TITLE).
            try (PreparedStatement p = c.prepareStatement("insert into \"book\" (\"title\", \"year\") values (?, ?), "
                    + "(?, ?) returning \"book\".\"id\", \"book\".\"title\"")) {
                p.setString(1, "Dune");
                p.setInt(2, 1965);
                p.setString(3, "Emma");
                p.setInt(4, 1815);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(labels(rs)).containsExactly("id", "title");
                    assertThat(p.getUpdateCount()).isEqualTo(-1);
                    assertThat(rows(rs)).containsExactly("2|Dune", "3|Emma");
                }
                assertThat(p.getMoreResults()).isFalse();
                assertThat(p.getUpdateCount()).isEqualTo(-1);

                p.setString(1, "Ulysses");
                p.setInt(2, 1922);
                p.setString(3, "Beloved");
                p.setInt(4, 1987);
                assertThat(p.execute()).isTrue();
                assertThat(p.getUpdateCount()).isEqualTo(-1);
                try (ResultSet rs = p.getResultSet()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong("id")).isEqualTo(4);
                    assertThat(rs.getString("title")).isEqualTo("Ulysses");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(5);
                    assertThat(rs.next()).isFalse();
                }
            }
            assertThat(inTransaction(c)).isFalse();
            assertThat(count(c, "book")).isEqualTo(5);

            // Expressions, aliases and *; values convert as in any other result (DATETIME included).
            try (Statement s = c.createStatement()) {
                assertThat(s.execute("INSERT INTO book (title, year, added) VALUES ('Odyssey', -700, "
                        + "'2024-01-02 03:04:05') RETURNING id, year * 2 AS twice, *;")).isTrue();
                try (ResultSet rs = s.getResultSet()) {
                    assertThat(labels(rs)).containsExactly("id", "twice", "id", "title", "year", "added");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isEqualTo(6);
                    assertThat(rs.getLong("twice")).isEqualTo(-1400);
                    assertThat(rs.getObject("added", LocalDateTime.class)).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
                    assertThat(rs.next()).isFalse();
                }
                assertThat(s.getUpdateCount()).isEqualTo(-1);
                assertThat(s.getMoreResults()).isFalse();
                assertThat(s.getUpdateCount()).isEqualTo(-1);
            }
            // executeUpdate cannot hand back the rows: refused before sending rather than after committing.
            try (Statement s = c.createStatement()) {
                long sent = roundTrips(c);
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO book (title) VALUES ('lost') RETURNING id"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("executeQuery");
                assertThat(roundTrips(c)).isEqualTo(sent);
            }
            assertThat(count(c, "book")).isEqualTo(6);
        }
        assertNodeServes(cluster);
    }

    @Test
    void onConflictDoNothingReturnsOnlyTheInsertedRows(LocalCluster cluster) throws Exception {
        try (Connection c = connect(cluster); Statement s = c.createStatement()) {
            exec(c, "CREATE TABLE tag (id INTEGER PRIMARY KEY, name TEXT UNIQUE)");
            exec(c, "INSERT INTO tag (name) VALUES ('a'), ('b')");
            try (ResultSet rs = s.executeQuery("INSERT INTO tag (name) VALUES ('a'), ('c'), ('b'), ('d') "
                    + "ON CONFLICT (name) DO NOTHING RETURNING id, name")) {
                assertThat(rows(rs)).containsExactly("3|c", "4|d");
            }
            try (ResultSet rs = s.executeQuery("INSERT INTO tag (name) VALUES ('a') ON CONFLICT DO NOTHING "
                    + "RETURNING tag.id, tag.name")) {
                assertThat(labels(rs)).containsExactly("id", "name");
                assertThat(rs.next()).isFalse();
            }
            assertThat(count(c, "tag")).isEqualTo(4);
            assertThat(inTransaction(c)).isFalse();
        }
        assertNodeServes(cluster);
    }

    @Test
    void insideATransactionTheRowsRollBackWithIt(LocalCluster cluster) throws Exception {
        try (Connection c = connect(cluster); Connection other = DriverManager.getConnection(c.getMetaData().getURL())) {
            exec(c, "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)");
            c.setAutoCommit(false);
            exec(c, "INSERT INTO note (body) VALUES ('before')");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO note (body) VALUES (?), (?) RETURNING id, body")) {
                p.setString(1, "x");
                p.setString(2, "y");
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rows(rs)).containsExactly("2|x", "3|y");
                }
            }
            assertThat(inTransaction(c)).isTrue();
            assertThat(c.unwrap(DqliteJdbcConnection.class).hasUntrackedSavepoint()).isFalse();
            assertThat(count(c, "note")).isEqualTo(3);
            assertThat(count(other, "note")).as("uncommitted rows are invisible to others").isZero();
            c.rollback();
            assertThat(count(c, "note")).isZero();
            assertThat(count(other, "note")).isZero();

            // Under a user savepoint, then committed.
            exec(c, "INSERT INTO note (body) VALUES ('kept')");
            Savepoint sp = c.setSavepoint();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("INSERT INTO note (body) VALUES ('undone') RETURNING body")) {
                assertThat(rows(rs)).containsExactly("undone");
            }
            c.rollback(sp);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("INSERT INTO note (body) VALUES ('z') RETURNING id, body")) {
                assertThat(rows(rs)).hasSize(1).allMatch(r -> r.endsWith("|z"));
            }
            c.commit();
            assertThat(inTransaction(c)).isFalse();
            try (Statement s = other.createStatement();
                 ResultSet rs = s.executeQuery("SELECT body FROM note ORDER BY id")) {
                assertThat(rows(rs)).containsExactly("kept", "z");
            }
        }
        assertNodeServes(cluster);
    }

    @Test
    void statementsThatCannotBeEmulatedAreRefusedBeforeSending(LocalCluster cluster) throws Exception {
        assumeFalse(cluster.server() == ServerVersion.V1_18_7, "1.18.7 runs RETURNING natively, so the emulation "
                + "is not used there; NativeReturningIT covers it, this test runs on 1.11.1 and 1.18.1");
        try (Connection c = connect(cluster); Statement s = c.createStatement()) {
            exec(c, "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE, qty INTEGER)");
            exec(c, "INSERT INTO item (id, name, qty) VALUES (100, 'a', 1)");
            // The connection asks once what the server can run (generation, DUMP probe): done here.
            exec(c, "CREATE TABLE warm (x)");
            s.executeQuery("INSERT INTO warm VALUES (1) RETURNING x").close();
            assertRefusedBeforeSending(c, () -> s.executeQuery("INSERT INTO item (name, qty) VALUES ('a', 2) "
                    + "ON CONFLICT (name) DO UPDATE SET qty = qty + excluded.qty RETURNING id, qty"));
            assertRefusedBeforeSending(c, () -> s.executeQuery("INSERT OR REPLACE INTO item (name) VALUES ('b') RETURNING id"));
            assertRefusedBeforeSending(c, () -> s.executeQuery("insert or ignore into item (name) values ('b') returning id"));
            assertRefusedBeforeSending(c, () -> s.executeQuery("REPLACE INTO item (name) VALUES ('b') RETURNING id"));
            assertRefusedBeforeSending(c, () -> s.executeQuery("UPDATE item SET qty = 5 RETURNING id"));
            assertRefusedBeforeSending(c, () -> s.executeQuery("DELETE FROM item RETURNING id"));
            assertRefusedBeforeSending(c, () -> s.execute("INSERT INTO item (name) VALUES ('m1'); "
                    + "INSERT INTO item (name) VALUES ('m2') RETURNING id"));
            assertRefusedBeforeSending(c, () -> s.execute("INSERT INTO item (name) VALUES ('m3') RETURNING id; SELECT 1"));
            // A batch item is checked when the batch runs: BatchUpdateException, nothing sent.
            s.addBatch("INSERT INTO item (name) VALUES ('b1'); UPDATE item SET qty = 0 RETURNING id");
            long sent = roundTrips(c);
            assertThatThrownBy(s::executeBatch).isInstanceOf(java.sql.BatchUpdateException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"))
                    .hasMessageContaining("Nothing was sent");
            assertThat(roundTrips(c)).as("requests sent").isEqualTo(sent);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO item (name) VALUES (?) RETURNING id, ?")) {
                p.setString(1, "p");
                p.setInt(2, 7);
                assertRefusedBeforeSending(c, p::executeQuery);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE item SET qty = ? WHERE name = ? RETURNING qty")) {
                p.setInt(1, 9);
                p.setString(2, "a");
                assertRefusedBeforeSending(c, p::executeQuery);
            }
            assertThat(s.executeBatch()).isEmpty();
            try (ResultSet rs = s.executeQuery("SELECT id, name, qty FROM item")) {
                assertThat(rows(rs)).containsExactly("100|a|1");
            }
            assertThat(inTransaction(c)).isFalse();
        }
        assertNodeServes(cluster);
    }

    @Test
    void rowsThatTheCheckCannotAccountForAreRolledBack(LocalCluster cluster) throws Exception {
        assumeFalse(cluster.server() == ServerVersion.V1_18_7, "1.18.7 runs RETURNING natively, so the emulation "
                + "is not used there; NativeReturningIT covers it, this test runs on 1.11.1 and 1.18.1");
        try (Connection c = connect(cluster); Statement s = c.createStatement()) {
            exec(c, "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
            exec(c, "INSERT INTO item (id, name) VALUES (100, 'a')");
            // An explicit rowid below the maximum: the row cannot be told apart from older rows.
            assertRefusedAndRolledBack(() -> s.executeQuery("INSERT INTO item (id, name) VALUES (50, 'low') RETURNING id"));
            assertRefusedAndRolledBack(() -> s.executeQuery("INSERT INTO item (id, name) VALUES (60, 'x'), (NULL, 'y') "
                    + "RETURNING id, name"));
            assertThat(inTransaction(c)).isFalse();
            try (ResultSet rs = s.executeQuery("SELECT id, name FROM item")) {
                assertThat(rows(rs)).containsExactly("100|a");
            }
            // Explicit rowids above the maximum are fine.
            try (ResultSet rs = s.executeQuery("INSERT INTO item (id, name) VALUES (200, 'b'), (300, 'c') RETURNING *")) {
                assertThat(rows(rs)).containsExactly("200|b", "300|c");
            }

            // A BEFORE trigger that inserts into the same table: more rows than inserted.
            exec(c, "CREATE TABLE ev (id INTEGER PRIMARY KEY, kind TEXT)");
            exec(c, "CREATE TRIGGER ev_before BEFORE INSERT ON ev WHEN new.kind = 'ping' "
                    + "BEGIN INSERT INTO ev (kind) VALUES ('pre'); END");
            assertRefusedAndRolledBack(() -> s.executeQuery("INSERT INTO ev (kind) VALUES ('ping') RETURNING id, kind"));
            assertThat(count(c, "ev")).isZero();
            exec(c, "DROP TRIGGER ev_before");
            // An AFTER trigger's row gets a rowid above the statement's last one: the returned row is right.
            exec(c, "CREATE TRIGGER ev_after AFTER INSERT ON ev WHEN new.kind = 'ping' "
                    + "BEGIN INSERT INTO ev (kind) VALUES ('pong'); END");
            try (ResultSet rs = s.executeQuery("INSERT INTO ev (kind) VALUES ('ping') RETURNING id, kind")) {
                assertThat(rows(rs)).containsExactly("1|ping");
            }
            assertThat(count(c, "ev")).isEqualTo(2);

            // No rowid at all.
            exec(c, "CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID");
            assertRefusedAndRolledBack(() -> s.executeQuery("INSERT INTO kv (k, v) VALUES ('k', 'v') RETURNING k"));
            assertThat(count(c, "kv")).isZero();

            // The INSERT itself fails: its error, and no transaction left open.
            assertThatThrownBy(() -> s.executeQuery("INSERT INTO kv (k, v) VALUES (NULL, 'v') RETURNING k"))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
            exec(c, "CREATE TABLE strict_t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
            assertThatThrownBy(() -> s.executeQuery("INSERT INTO strict_t (v) VALUES ('ok'), (NULL) RETURNING id"))
                    .isInstanceOf(SQLException.class).isNotInstanceOf(SQLFeatureNotSupportedException.class)
                    .hasMessageContaining("NOT NULL");
            assertThat(inTransaction(c)).isFalse();
            assertThat(count(c, "strict_t")).isZero();
            assertThatThrownBy(() -> s.executeQuery("INSERT INTO missing (v) VALUES (1) RETURNING id"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("no such table");
            assertThat(inTransaction(c)).isFalse();

            // Inside a transaction the refusal undoes only the statement.
            c.setAutoCommit(false);
            exec(c, "INSERT INTO item (id, name) VALUES (400, 't1')");
            assertRefusedAndRolledBack(() -> s.executeQuery("INSERT INTO item (id, name) VALUES (10, 'low') RETURNING id"));
            assertThat(inTransaction(c)).isTrue();
            try (ResultSet rs = s.executeQuery("INSERT INTO item (name) VALUES ('t2') RETURNING id, name")) {
                assertThat(rows(rs)).containsExactly("401|t2");
            }
            c.commit();
            c.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT id FROM item ORDER BY id")) {
                assertThat(rows(rs)).containsExactly("100", "200", "300", "400", "401");
            }
            exec(c, "INSERT INTO item (name) VALUES ('plain write')");
        }
        assertNodeServes(cluster);
    }
}
