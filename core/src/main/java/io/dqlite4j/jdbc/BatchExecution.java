package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteMetrics;
import io.dqlite4j.client.DqliteProperty;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.ErrorCodes;
import io.dqlite4j.client.ExecResult;
import io.dqlite4j.client.PreparedStatementHandle;
import io.dqlite4j.client.ServerGeneration;
import io.dqlite4j.session.Session;
import io.dqlite4j.sql.MultiRowInsert;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.Protocol;
import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How JDBC batches run ({@code docs/batches.md} tells the whole story).
 *
 * <p><b>Units.</b> A batch is cut into units, each one request: a single item, or, for a
 * prepared single-row INSERT that {@link MultiRowInsert} recognises, a multi-row INSERT of
 * consecutive items, bounded by the server's parameter limit (255 on dqlite 1.11, whose tuple
 * count is one byte), {@value #MAX_ROWS} rows, {@code max_message_size} and SQLite's statement
 * length. Multi-row texts are prepared once per connection and kept in the statement cache.
 *
 * <p><b>Exact counts.</b> Every item gets its own count. A multi-row unit is used only when its
 * change count splits exactly, one per item: plain INSERT, {@code OR ABORT} and {@code REPLACE},
 * no generated keys requested, and a table without IGNORE/FAIL/ROLLBACK conflict clauses or
 * triggers (looked up in {@code sqlite_master} once per batch). Everything else runs one item per
 * request. A multi-row unit that fails applied nothing (SQLite rolls back the failed statement);
 * its items then run one by one, so the counts and the table are exactly those of per-item
 * execution.
 *
 * <p><b>Inside a transaction</b> units are pipelined ({@value #PIPELINE_WINDOW} requests in
 * flight), under a savepoint when the batch has several units and at least one multi-row: when a
 * multi-row unit fails, the units behind it may already have run, so the batch rolls back to the
 * savepoint and runs again one request at a time, the failed unit item by item.
 *
 * <p><b>In autocommit</b> every unit is its own replicated transaction and commits on its own.
 * Units are sent one at a time (each waits for a Raft commit anyway, so pipelining gains little),
 * which keeps them in order and lets a unit refused with SQLITE_BUSY — it applied nothing — be
 * retried after SQLite's backoff until {@code busy_timeout}, so concurrent autocommit batches
 * succeed.
 */
final class BatchExecution {
    /** Requests in flight inside a transaction (the answers' TCP window keeps the server busy). */
    static final int PIPELINE_WINDOW = 1024;
    /**
     * Rows per multi-row INSERT. Measured with 4-column rows in one transaction (3-node loopback
     * cluster, shared 2-core machine, so noisy): 100 rows gave 135k-320k rows/s, 200 190k-380k,
     * 400 340k-350k, 800 160k-350k.
     */
    static final int MAX_ROWS = 400;
    private static final String SAVEPOINT = "dqlite4j_batch";

    /** Sends the requests of one batch. */
    interface Sender {
        /** Sends items {@code [from, to)} one request each, pipelined, and returns their futures in order. */
        List<CompletableFuture<ExecResult>> sendItems(DqliteConnection conn, int from, int to) throws SQLException;

        /** Sends items {@code [from, to)} as one multi-row statement; only for rewritten batches. */
        default CompletableFuture<ExecResult> sendRows(DqliteConnection conn, int from, int to) throws SQLException {
            throw new IllegalStateException("not a rewritten batch");
        }

        /** Whether item {@code i} is DML (other statements report 0, not the connection's stale counter). */
        boolean isDml(int i);

        /** Called once after the batch, on the connection it ran on: gives back borrowed statements. */
        default void done(DqliteConnection conn) {
        }
    }

    private final DqliteJdbcConnection connection;
    private final SqlStatement first;
    private final int size;
    private final Sender sender;
    private final Planner planner;

    /** Cuts the batch into units on a given connection; null for one item per unit. */
    interface Planner {
        /** The end of the unit that starts at {@code from}. */
        int unitEnd(DqliteConnection conn, int from) throws SQLException;
    }

    private BatchExecution(DqliteJdbcConnection connection, SqlStatement first, int size, Sender sender,
            Planner planner) {
        this.connection = connection;
        this.first = first;
        this.size = size;
        this.sender = sender;
        this.planner = planner;
    }

    // ------------------------------------------------------------------ entry points

    /** A batch of SQL texts ({@code Statement.addBatch(String)}). */
    static long[] texts(DqliteJdbcConnection connection, List<String> items) throws SQLException {
        List<SqlStatement> analyses = new ArrayList<>(items.size());
        for (String sql : items) {
            analyses.add(SqlStatement.analyze(sql));
        }
        Sender sender = new Sender() {
            @Override
            public List<CompletableFuture<ExecResult>> sendItems(DqliteConnection conn, int from, int to) {
                List<CompletableFuture<ExecResult>> futures = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    futures.add(conn.execSql(items.get(i), Params.NONE));
                }
                return futures;
            }

            @Override
            public boolean isDml(int i) {
                return analyses.get(i).isDml();
            }
        };
        return new BatchExecution(connection, analyses.get(0), items.size(), sender, null).run();
    }

    /**
     * A batch of one prepared statement's parameter sets.
     *
     * @param handles the statement's own server-side handle on a connection (null: send the text)
     * @param generatedKeys whether the caller asked for generated keys (no multi-row units then)
     */
    static long[] prepared(DqliteJdbcConnection connection, String sql, SqlStatement analysis, List<Params> items,
            DqliteStatement.Target handles, boolean generatedKeys) throws SQLException {
        boolean dml = analysis.isDml();
        MultiRowInsert shape = items.size() > 1 && !generatedKeys && rewriteEnabled(connection)
                ? MultiRowInsert.recognise(sql) : null;
        if (shape != null && !(shape.countsPerRow() && schemaKeepsCountsExact(connection, shape))) {
            shape = null;
        }
        String text = analysis.hasMultipleStatements() ? SqlStatement.trimTrailing(sql) : sql;
        RowsSender sender = new RowsSender(connection, text, items, handles, dml, shape);
        return new BatchExecution(connection, analysis, items.size(), sender, shape == null ? null : sender).run();
    }

    private static boolean rewriteEnabled(DqliteJdbcConnection connection) {
        return Boolean.parseBoolean(connection.config().valueText(DqliteProperty.BATCH_REWRITE));
    }

    /**
     * Whether the target table's definition and triggers keep one change per row and atomic
     * failures (no IGNORE/FAIL/ROLLBACK clauses, not a view); asked once per batch, because
     * another connection may change the schema between batches.
     */
    private static boolean schemaKeepsCountsExact(DqliteJdbcConnection connection, MultiRowInsert shape)
            throws SQLException {
        if (!shape.schemaVisible()) {
            return false;
        }
        boolean any = false;
        try (PreparedStatement ps = connection.prepareStatement(MultiRowInsert.SCHEMA_QUERY)) {
            ps.setString(1, shape.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    any = true;
                    if (!MultiRowInsert.schemaKeepsCountsExact(rs.getString(1), rs.getString(2))) {
                        return false;
                    }
                }
            }
        }
        return any; // an unknown table: let each item fail on its own
    }

    // ------------------------------------------------------------------ the engine

    private long[] counts;
    private SQLException firstFailure;
    /** Whether any request of this attempt was answered: a broken connection is then in doubt, never re-run. */
    private boolean answered;

    private long[] run() throws SQLException {
        long[] result = connection.run(first, conn -> {
            counts = new long[size];
            firstFailure = null;
            answered = false;
            try {
                boolean inTransaction = connection.inTransaction();
                List<int[]> units = plan(conn);
                if (inTransaction) {
                    pipelined(conn, units);
                } else {
                    oneByOne(conn, units);
                }
            } finally {
                sender.done(conn);
            }
            return counts;
        });
        if (firstFailure != null) {
            SQLException cause = firstFailure;
            throw new BatchUpdateException(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(),
                    DqliteStatement.toIntCounts(result), cause);
        }
        return result;
    }

    private List<int[]> plan(DqliteConnection conn) throws SQLException {
        List<int[]> units = new ArrayList<>();
        for (int from = 0; from < size;) {
            int to = planner == null ? from + 1 : planner.unitEnd(conn, from);
            units.add(new int[] {from, to});
            from = to;
        }
        return units;
    }

    private static boolean multi(int[] unit) {
        return unit[1] - unit[0] > 1;
    }

    /** Inside a transaction: everything pipelined; a failed multi-row unit restarts the batch one unit at a time. */
    private void pipelined(DqliteConnection conn, List<int[]> units) throws SQLException {
        boolean anyMulti = units.stream().anyMatch(BatchExecution::multi);
        boolean savepoint = anyMulti && units.size() > 1;
        List<CompletableFuture<ExecResult>> futures = new ArrayList<>(units.size());
        CompletableFuture<ExecResult> begin = savepoint ? conn.execSql("SAVEPOINT " + SAVEPOINT, Params.NONE) : null;
        if (begin != null) {
            connection.await(conn, begin);
            answered = true;
        }
        int failedUnit = -1;
        int sent = 0;
        for (int u = 0; u < units.size(); u++) {
            // A sliding window: the next requests are written while a window's worth of answers is
            // still due, so the pipeline never drains to one request (with a single answer
            // outstanding the client's delayed ACK would stall dqlite, which leaves Nagle on).
            while (sent < units.size() && sent - u < PIPELINE_WINDOW) {
                int end = sent;
                while (end < units.size() && end - sent < PIPELINE_WINDOW && !multi(units.get(end))) {
                    end++;
                }
                if (end > sent) {
                    futures.addAll(sender.sendItems(conn, units.get(sent)[0], units.get(end - 1)[1]));
                    sent = end;
                } else {
                    int[] unit = units.get(sent++);
                    futures.add(sender.sendRows(conn, unit[0], unit[1]));
                }
            }
            int[] unit = units.get(u);
            SQLException failure = await(conn, futures.get(u), unit);
            if (failure == null) {
                continue;
            }
            if (!multi(unit)) {
                fail(unit[0], failure);
                continue;
            }
            failedUnit = u;
            // Drain what was sent behind it: those answers must be read before anything else.
            for (int v = u + 1; v < sent; v++) {
                await(conn, futures.get(v), units.get(v));
            }
            break;
        }
        if (failedUnit >= 0) {
            // The failed unit applied nothing; its items run one by one. With a savepoint, the units
            // that ran behind it are undone first and everything runs again in order.
            List<int[]> again = new ArrayList<>(units.subList(savepoint ? 0 : failedUnit, failedUnit));
            again.addAll(items(units.get(failedUnit)));
            again.addAll(units.subList(failedUnit + 1, units.size()));
            if (savepoint) {
                connection.await(conn, conn.execSql("ROLLBACK TO " + SAVEPOINT, Params.NONE));
                firstFailure = null;
                java.util.Arrays.fill(counts, 0);
            }
            oneByOne(conn, again);
        }
        if (savepoint) {
            connection.await(conn, conn.execSql("RELEASE " + SAVEPOINT, Params.NONE));
        }
    }

    /**
     * One unit at a time: nothing is ever in flight behind a unit, so a
     * unit refused with SQLITE_BUSY (which applied nothing) is retried in place, and a failed
     * multi-row unit's items run one by one.
     */
    private void oneByOne(DqliteConnection conn, List<int[]> units) throws SQLException {
        long busyDeadline = 0;
        for (int u = 0; u < units.size(); u++) {
            int[] unit = units.get(u);
            SQLException failure;
            int busyStep = 0;
            while (true) {
                CompletableFuture<ExecResult> f = multi(unit) ? sender.sendRows(conn, unit[0], unit[1])
                        : sender.sendItems(conn, unit[0], unit[1]).get(0);
                failure = await(conn, f, unit);
                if (failure == null || (failure.getErrorCode() & 0xff) != ErrorCodes.SQLITE_BUSY
                        || connection.busyTimeoutMillis() <= 0) {
                    break;
                }
                long now = System.nanoTime();
                if (busyStep == 0) {
                    busyDeadline = now + TimeUnit.MILLISECONDS.toNanos(connection.busyTimeoutMillis());
                }
                long left = TimeUnit.NANOSECONDS.toMillis(busyDeadline - now);
                if (left <= 0) {
                    break;
                }
                DqliteMetrics.listeners().busyRetry();
                DqliteJdbcConnection.sleep(Session.busyDelayMillis(busyStep++, left));
            }
            if (failure == null) {
                continue;
            }
            if (!multi(unit)) {
                fail(unit[0], failure);
                continue;
            }
            oneByOne(conn, items(unit));
        }
    }

    /** A multi-row unit's items as units of their own. */
    private static List<int[]> items(int[] unit) {
        List<int[]> items = new ArrayList<>(unit[1] - unit[0]);
        for (int i = unit[0]; i < unit[1]; i++) {
            items.add(new int[] {i, i + 1});
        }
        return items;
    }

    private void fail(int item, SQLException failure) {
        counts[item] = Statement.EXECUTE_FAILED;
        if (firstFailure == null) {
            firstFailure = failure;
        }
    }

    /**
     * Waits for a unit's answer and records its counts; returns the server's failure (nothing
     * recorded then), or throws when the connection failed.
     *
     * <p>A broken connection after an earlier answer is in doubt instead of re-runnable.
     */
    private SQLException await(DqliteConnection conn, CompletableFuture<ExecResult> future, int[] unit)
            throws SQLException {
        int from = unit[0];
        int n = unit[1] - unit[0];
        ExecResult r;
        try {
            r = connection.await(conn, future);
        } catch (DqliteJdbcConnection.WireFailure wf) {
            Throwable cause = DqliteConnection.unwrap(wf.getCause());
            if (cause instanceof DqliteConnectionException dce) {
                if (!answered) {
                    throw wf; // nothing ran yet: the connection's retry rules apply
                }
                // Earlier items may be applied: re-running the batch could duplicate them.
                throw new DqliteJdbcConnection.WireFailure(new DqliteConnectionException("connection lost after "
                        + from + " of " + size + " batch items were answered: " + dce.getMessage(), dce.code(), true,
                        dce));
            }
            if (!(cause instanceof DqliteServerException)) {
                throw wf;
            }
            answered = true;
            return SqlExceptions.toSqlException("batch item " + (from + 1) + " failed", cause);
        }
        answered = true;
        if (n == 1) {
            counts[from] = sender.isDml(from) ? r.rowsAffected() : 0;
        } else {
            // A multi-row INSERT that changed one row per item: each item inserted its row. Any
            // other total (the schema changed since it was checked) cannot be split.
            long each = r.rowsAffected() == n ? 1 : Statement.SUCCESS_NO_INFO;
            java.util.Arrays.fill(counts, from, from + n, each);
        }
        return null;
    }

    /** The parameter sets of a prepared statement, sent one per request or as multi-row INSERTs. */
    private static final class RowsSender implements Sender, Planner {
        private final DqliteJdbcConnection connection;
        private final String sql;
        private final List<Params> items;
        private final DqliteStatement.Target handles;
        private final boolean dml;
        private final MultiRowInsert shape;
        private final List<PreparedStatementHandle> borrowed = new ArrayList<>();
        private MultiRowInsert.Limits limits;

        RowsSender(DqliteJdbcConnection connection, String sql, List<Params> items, DqliteStatement.Target handles,
                boolean dml, MultiRowInsert shape) {
            this.connection = connection;
            this.sql = sql;
            this.items = items;
            this.handles = handles;
            this.dml = dml;
            this.shape = shape;
        }

        @Override
        public int unitEnd(DqliteConnection conn, int from) throws SQLException {
            if (limits == null) {
                ServerGeneration g = connection.await(conn, conn.generation());
                int maxParams = g.supportsWideParams() ? MultiRowInsert.SQLITE_MAX_VARIABLES : Protocol.MAX_NARROW_PARAMS;
                limits = new MultiRowInsert.Limits(maxParams, MAX_ROWS, Math.max(64,
                        connection.config().maxMessageSize() - 64L));
            }
            return shape.chunkEnd(items, from, limits);
        }

        @Override
        public List<CompletableFuture<ExecResult>> sendItems(DqliteConnection conn, int from, int to)
                throws SQLException {
            PreparedStatementHandle h = handles.handle(conn);
            List<Params> window = items.subList(from, to);
            if (h != null) {
                return conn.execPipelined(h, window);
            }
            List<CompletableFuture<ExecResult>> futures = new ArrayList<>(to - from);
            for (Params p : window) {
                futures.add(conn.execSql(sql, p));
            }
            return futures;
        }

        @Override
        public CompletableFuture<ExecResult> sendRows(DqliteConnection conn, int from, int to) throws SQLException {
            int rows = to - from;
            String text = shape.sql(rows);
            PreparedStatementHandle h = null;
            for (PreparedStatementHandle b : borrowed) {
                if (b.sql().equals(text) && b.isAlive()) {
                    h = b;
                }
            }
            if (h == null) {
                h = connection.statementCache().take(text, conn);
                if (h == null) {
                    h = connection.await(conn, conn.prepare(text));
                }
                borrowed.add(h);
                if (h.parameterCount() != rows * shape.paramsPerRow()) {
                    throw new SQLException("the server counts " + h.parameterCount() + " parameters in the batch's "
                            + "multi-row INSERT, the driver counted " + rows * shape.paramsPerRow(),
                            SqlState.WRONG_PARAMETER_COUNT.code());
                }
            }
            return conn.exec(h, MultiRowInsert.concat(items, from, to));
        }

        @Override
        public boolean isDml(int i) {
            return dml;
        }

        @Override
        public void done(DqliteConnection conn) {
            for (PreparedStatementHandle h : borrowed) {
                connection.returnStatement(h, conn);
            }
            borrowed.clear();
        }
    }
}
