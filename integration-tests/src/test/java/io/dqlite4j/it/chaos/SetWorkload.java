package io.dqlite4j.it.chaos;

import io.dqlite4j.client.DqliteInDoubtException;
import io.dqlite4j.client.DqliteClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The set workload: writers insert values no one else inserts, one autocommit INSERT each, and
 * record what they were told. Afterwards every acknowledged value must be present exactly once, no
 * value reported as failed may be present, and nothing never attempted may appear. In-doubt
 * values may be present or not; how many were applied is reported.
 */
final class SetWorkload {
    /** What a writer was told about one value. */
    enum Outcome {
        ACKNOWLEDGED, FAILED, IN_DOUBT
    }

    private final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
    /** When each acknowledgement arrived (System.nanoTime), for the failover timings. */
    private final ConcurrentSkipListSet<Long> ackTimes = new ConcurrentSkipListSet<>();
    private final AtomicLong attempted = new AtomicLong();
    /** SQLState (or exception type for the native writer) → count, for the report. */
    final Map<String, AtomicLong> failureKinds = new ConcurrentHashMap<>();

    static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            // No UNIQUE constraint: a duplicate must be visible, not refused.
            s.executeUpdate("CREATE TABLE chaos_set (id INTEGER PRIMARY KEY AUTOINCREMENT, v INTEGER NOT NULL)");
        }
    }

    /** A writer on its own JDBC connection; values {@code index × 10^9 + n}. */
    Runnable jdbcWriter(int index, String jdbcUrl, long paceMillis, BooleanSupplier stop) {
        return () -> {
            Connection conn = null;
            try {
                for (long n = 0; !stop.getAsBoolean(); n++) {
                    long v = index * 1_000_000_000L + n;
                    attempted.incrementAndGet();
                    try {
                        if (conn == null) {
                            conn = DriverManager.getConnection(jdbcUrl);
                        }
                        try (Statement s = conn.createStatement()) {
                            s.executeUpdate("INSERT INTO chaos_set(v) VALUES (" + v + ")");
                        }
                        acknowledged(v);
                    } catch (SQLException e) {
                        boolean inDoubt = "08007".equals(e.getSQLState());
                        outcomes.put(v, inDoubt ? Outcome.IN_DOUBT : Outcome.FAILED);
                        failureKinds.computeIfAbsent("jdbc " + e.getSQLState(), k -> new AtomicLong()).incrementAndGet();
                    }
                    pause(paceMillis);
                }
            } finally {
                close(conn);
            }
        };
    }

    /** A writer on the native client's shared connection; values {@code index × 10^9 + n}. */
    Runnable nativeWriter(int index, String url, long paceMillis, BooleanSupplier stop) {
        return () -> {
            try (DqliteClient client = DqliteClient.create(url)) {
                for (long n = 0; !stop.getAsBoolean(); n++) {
                    long v = index * 1_000_000_000L + n;
                    attempted.incrementAndGet();
                    try {
                        client.execute("INSERT INTO chaos_set(v) VALUES (?)", v).get(120, TimeUnit.SECONDS);
                        acknowledged(v);
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        outcomes.put(v, cause instanceof DqliteInDoubtException ? Outcome.IN_DOUBT : Outcome.FAILED);
                        failureKinds.computeIfAbsent("native " + cause.getClass().getSimpleName(), k -> new AtomicLong())
                                .incrementAndGet();
                    } catch (java.util.concurrent.TimeoutException e) {
                        outcomes.put(v, Outcome.IN_DOUBT); // the test gave up waiting: the client never said
                        failureKinds.computeIfAbsent("native test wait expired", k -> new AtomicLong()).incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        outcomes.put(v, Outcome.IN_DOUBT);
                        return;
                    }
                    pause(paceMillis);
                }
            }
        };
    }

    private void acknowledged(long v) {
        outcomes.put(v, Outcome.ACKNOWLEDGED);
        ackTimes.add(System.nanoTime());
    }

    /** The first acknowledgement at or after {@code nanos}, or null. */
    Long firstAckAfter(long nanos) {
        return ackTimes.ceiling(nanos);
    }

    /** Checks the table against what the writers were told. */
    Result verify(Connection c) throws SQLException {
        Map<Long, Integer> present = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v, count(*) FROM chaos_set GROUP BY v")) {
            while (rs.next()) {
                present.put(rs.getLong(1), rs.getInt(2));
            }
        }
        long acked = 0, failed = 0, inDoubt = 0, inDoubtApplied = 0, lost = 0, failedButPresent = 0;
        for (Map.Entry<Long, Outcome> e : outcomes.entrySet()) {
            boolean there = present.containsKey(e.getKey());
            switch (e.getValue()) {
                case ACKNOWLEDGED -> {
                    acked++;
                    lost += there ? 0 : 1;
                }
                case FAILED -> {
                    failed++;
                    failedButPresent += there ? 1 : 0;
                }
                default -> {
                    inDoubt++;
                    inDoubtApplied += there ? 1 : 0;
                }
            }
        }
        long duplicated = present.values().stream().filter(n -> n > 1).count();
        long invented = present.keySet().stream().filter(v -> !outcomes.containsKey(v)).count();
        return new Result(attempted.get(), acked, failed, inDoubt, inDoubtApplied, lost, duplicated, failedButPresent,
                invented);
    }

    /** The counts every run prints. */
    record Result(long attempted, long acknowledged, long failed, long inDoubt, long inDoubtApplied, long lost,
            long duplicated, long failedButPresent, long invented) {
        @Override
        public String toString() {
            return String.format("set: attempted=%d acknowledged=%d failed=%d in_doubt=%d (applied %d) lost=%d "
                    + "duplicated=%d failed_but_present=%d invented=%d", attempted, acknowledged, failed, inDoubt,
                    inDoubtApplied, lost, duplicated, failedButPresent, invented);
        }
    }

    static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the run is over; a broken connection has nothing to flush
            }
        }
    }
}
