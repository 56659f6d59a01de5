package io.dqlite4j.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.dqlite4j.jdbc.DqliteDataSource;
import io.dqlite4j.jdbc.DqliteJdbcConnection;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The driver behind a HikariCP pool, against a real 3-node cluster (both server generations). */
@DqliteCluster(nodes = 3)
@Timeout(240)
class HikariIT {
    private static final int POOL = 8;
    private static final AtomicInteger DB = new AtomicInteger();

    private static HikariDataSource pool(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setDataSource(new DqliteDataSource(url));
        ds.setMaximumPoolSize(POOL);
        ds.setMinimumIdle(POOL);
        ds.setConnectionTimeout(30_000);
        ds.setPoolName("hikari-it-" + DB.get());
        return ds;
    }

    private static String url(LocalCluster cluster) {
        return cluster.jdbcUrl("hikari" + DB.incrementAndGet());
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    /** Borrows every connection of the pool at once (so each physical connection is seen). */
    private static List<Connection> borrowAll(HikariDataSource ds) throws SQLException {
        List<Connection> all = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            all.add(ds.getConnection());
        }
        return all;
    }

    private static void closeAll(List<Connection> connections) throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
    }

    @Test
    void eightThreadsReadModifyWriteThroughThePoolLoseNoUpdate(LocalCluster cluster) throws Exception {
        String url = url(cluster);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
            s.execute("INSERT INTO counter VALUES (1, 0)");
        }
        int threads = 8;
        int perThread = 100;
        AtomicInteger busyRetries = new AtomicInteger();
        try (HikariDataSource ds = pool(url)) {
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    futures.add(executor.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            incrementOnce(ds, busyRetries);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(180, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
                assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }
            try (Connection c = ds.getConnection()) {
                assertThat(queryLong(c, "SELECT v FROM counter WHERE id = 1")).as("no lost update")
                        .isEqualTo((long) threads * perThread);
            }

            List<Connection> all = borrowAll(ds);
            try {
                for (Connection c : all) {
                    DqliteJdbcConnection raw = c.unwrap(DqliteJdbcConnection.class);
                    assertThat(raw.inTransaction()).as("no connection is left in a transaction").isFalse();
                    assertThat(raw.hasUntrackedSavepoint()).isFalse();
                    assertThat(c.getAutoCommit()).as("the pool restored autocommit").isTrue();
                }
            } finally {
                closeAll(all);
            }
        }
        System.out.printf("HikariIT (%s): %d increments retried after SQLState 40001%n",
                cluster.server(), busyRetries.get());
    }

    /** SELECT v; UPDATE v = read + 1; COMMIT, retried as a whole on 40001. */
    private static void incrementOnce(HikariDataSource ds, AtomicInteger busyRetries) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement read = c.prepareStatement("SELECT v FROM counter WHERE id = 1");
                     PreparedStatement write = c.prepareStatement("UPDATE counter SET v = ? WHERE id = 1")) {
                    long v;
                    try (ResultSet rs = read.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        v = rs.getLong(1);
                    }
                    write.setLong(1, v + 1);
                    assertThat(write.executeUpdate()).isEqualTo(1);
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    if (!"40001".equals(e.getSQLState()) || attempt >= 100) {
                        throw e;
                    }
                    busyRetries.incrementAndGet();
                }
            }
        }
    }

    @Test
    void aConnectionReturnedWithAQuotedSavepointOpenIsCleanWhenBorrowedAgain(LocalCluster cluster)
            throws Exception {
        String url = url(cluster);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
        }
        try (HikariDataSource ds = pool(url)) {
            DqliteJdbcConnection dirty;
            try (Connection c = ds.getConnection()) {
                dirty = c.unwrap(DqliteJdbcConnection.class);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SAVEPOINT \"x\"");
                    s.executeUpdate("INSERT INTO t VALUES (1, 'inside the savepoint')");
                }
                assertThat(dirty.inTransaction()).isTrue();
                assertThat(dirty.hasUntrackedSavepoint()).as("a quoted savepoint name is not tracked").isTrue();
                // Returned to the pool with the transaction and the quoted savepoint still open.
            }

            List<Connection> all = borrowAll(ds);
            try {
                boolean seen = false;
                for (Connection c : all) {
                    DqliteJdbcConnection raw = c.unwrap(DqliteJdbcConnection.class);
                    seen |= raw == dirty;
                    assertThat(raw.inTransaction()).as("no connection is left in a transaction").isFalse();
                    assertThat(raw.hasUntrackedSavepoint()).as("no untracked savepoint is left").isFalse();
                    assertThat(c.getAutoCommit()).as("the pool restored autocommit").isTrue();
                }
                assertThat(seen).as("the connection returned dirty was borrowed again").isTrue();

                // The dirty connection works normally and its write lock is gone: every pooled
                // connection can write in autocommit mode, and the savepoint's insert is not there.
                int id = 100;
                for (Connection c : all) {
                    try (Statement s = c.createStatement()) {
                        assertThat(s.executeUpdate("INSERT INTO t VALUES (" + id++ + ", 'after')")).isEqualTo(1);
                    }
                }
                try (Connection other = DriverManager.getConnection(url)) {
                    assertThat(queryLong(other, "SELECT count(*) FROM t WHERE id = 1"))
                            .as("the work under the savepoint was rolled back").isZero();
                    assertThat(queryLong(other, "SELECT count(*) FROM t")).isEqualTo(POOL);
                }
            } finally {
                closeAll(all);
            }
        }
    }
}
