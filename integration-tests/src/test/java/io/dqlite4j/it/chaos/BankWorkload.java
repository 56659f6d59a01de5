package io.dqlite4j.it.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The bank workload: transfers move money between accounts in explicit transactions (two UPDATEs
 * and a COMMIT), while readers take the total in one autocommit SELECT. The total must be the
 * same in every snapshot, whatever failed, whatever is in doubt; reads are never in doubt.
 */
final class BankWorkload {
    static final int ACCOUNTS = 5;
    static final long INITIAL = 100;
    static final long TOTAL = ACCOUNTS * INITIAL;

    final AtomicLong transfersAttempted = new AtomicLong();
    final AtomicLong committed = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong commitInDoubt = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong readFailures = new AtomicLong();
    final AtomicLong readsInDoubt = new AtomicLong();
    /** Snapshots whose total or row count was wrong. */
    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE chaos_bank (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
            for (int i = 0; i < ACCOUNTS; i++) {
                s.executeUpdate("INSERT INTO chaos_bank VALUES (" + i + ", " + INITIAL + ")");
            }
        }
    }

    Runnable transferer(String jdbcUrl, long paceMillis, BooleanSupplier stop) {
        return () -> {
            Connection conn = null;
            try {
                while (!stop.getAsBoolean()) {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    int from = r.nextInt(ACCOUNTS);
                    int to = (from + 1 + r.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    long amount = 1 + r.nextInt(10);
                    transfersAttempted.incrementAndGet();
                    boolean committing = false;
                    try {
                        if (conn == null) {
                            conn = DriverManager.getConnection(jdbcUrl);
                            conn.setAutoCommit(false);
                        }
                        try (Statement s = conn.createStatement()) {
                            s.executeUpdate("UPDATE chaos_bank SET balance = balance - " + amount + " WHERE id = " + from);
                            s.executeUpdate("UPDATE chaos_bank SET balance = balance + " + amount + " WHERE id = " + to);
                        }
                        committing = true;
                        conn.commit();
                        committed.incrementAndGet();
                    } catch (SQLException e) {
                        if (committing && "08007".equals(e.getSQLState())) {
                            commitInDoubt.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        rollbackQuietly(conn);
                    }
                    SetWorkload.pause(paceMillis);
                }
            } finally {
                SetWorkload.close(conn);
            }
        };
    }

    Runnable reader(String jdbcUrl, long paceMillis, BooleanSupplier stop) {
        return () -> {
            Connection conn = null;
            try {
                while (!stop.getAsBoolean()) {
                    try {
                        if (conn == null) {
                            conn = DriverManager.getConnection(jdbcUrl);
                        }
                        check(conn);
                        reads.incrementAndGet();
                    } catch (SQLException e) {
                        readFailures.incrementAndGet();
                        if ("08007".equals(e.getSQLState())) {
                            readsInDoubt.incrementAndGet();
                        }
                    }
                    SetWorkload.pause(paceMillis);
                }
            } finally {
                SetWorkload.close(conn);
            }
        };
    }

    /** One snapshot: the total and the number of accounts. */
    void check(Connection conn) throws SQLException {
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(balance), count(*) FROM chaos_bank")) {
            rs.next();
            long total = rs.getLong(1);
            long rows = rs.getLong(2);
            if (total != TOTAL || rows != ACCOUNTS) {
                violations.add("total " + total + " over " + rows + " accounts");
            }
        }
    }

    private static void rollbackQuietly(Connection conn) {
        if (conn != null) {
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the server rolled back with it
            }
        }
    }

    List<String> violationsSoFar() {
        return List.copyOf(violations);
    }

    @Override
    public String toString() {
        return String.format("bank: transfers attempted=%d committed=%d failed=%d commit_in_doubt=%d; snapshots read=%d "
                + "read_failures=%d reads_in_doubt=%d violations=%d", transfersAttempted.get(), committed.get(),
                failed.get(), commitInDoubt.get(), reads.get(), readFailures.get(), readsInDoubt.get(), violations.size());
    }
}
