package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteTimeoutException;
import io.dqlite4j.client.ExecResult;
import io.dqlite4j.client.RowStream;
import io.dqlite4j.session.ReturningPlan;
import io.dqlite4j.sql.ReturningClause;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.RowBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code INSERT … RETURNING} without sending RETURNING to dqlite, on the JDBC connection: the steps
 * and checks are {@link ReturningPlan}'s (shared with R2DBC); this class runs them blocking.
 *
 * <p><b>Why.</b> Both supported servers fail DML with RETURNING and then abort on their next write
 * (verified on 1.11.1 and 1.18.1: QUERY gives FAILURE 100 "rows yielded when none expected for
 * EXEC request", EXEC kills the node at once), so the driver never sends it.
 *
 * <p><b>How.</b> For a single plain {@code INSERT INTO t … RETURNING exprs}, under the write lock
 * ({@code BEGIN IMMEDIATE} in autocommit mode, {@code SAVEPOINT dqlite_returning} inside an open
 * transaction), each step through the connection's usual transaction, BUSY and failover rules:
 * <ol>
 *   <li>{@code SELECT coalesce(max(rowid), 0) FROM t} gives M0;</li>
 *   <li>the INSERT without its RETURNING clause (same parameters) gives the last insert rowid L
 *       and the inserted row count N;</li>
 *   <li>{@code SELECT exprs FROM t WHERE rowid > M0 AND rowid <= L ORDER BY rowid} reads the rows
 *       ({@code WHERE 0} when N is 0, which still names the columns); SQLite names the columns of
 *       this SELECT exactly as it names those of the RETURNING clause;</li>
 *   <li>the rows are checked: N of them, and L &gt; M0. Any mismatch (rows updated rather than
 *       inserted, explicit rowids at or below the old maximum, triggers inserting into the same
 *       table) undoes the INSERT ({@code ROLLBACK}, or {@code ROLLBACK TO} + {@code RELEASE}) and
 *       raises {@link SQLFeatureNotSupportedException} (0A000); otherwise {@code COMMIT} (with the
 *       connection's ambiguous-commit rules) or {@code RELEASE}.</li>
 * </ol>
 * Every row with a rowid above M0 was created inside the write lock, so when the check passes the
 * rows read are the inserted ones. They are read in full before the commit and returned as a
 * {@link DqliteResultSet}, so values convert exactly as in any other result.
 *
 * <p><b>Refused before anything is sent</b> (0A000): UPDATE/DELETE/REPLACE … RETURNING (the
 * rows they touch cannot be identified afterwards), {@code INSERT OR …}, {@code ON CONFLICT …
 * DO UPDATE} (updated rows allocate no new rowid; DO NOTHING is fine: skipped rows allocate none),
 * parameters inside the RETURNING clause, RETURNING in a text with several statements. A table
 * without rowid (WITHOUT ROWID, a view) is refused when step 1 fails, before the INSERT.
 *
 * <p><b>Differences from native RETURNING.</b> Rows come back in rowid order (insertion order
 * unless the INSERT gives explicit rowids out of order), and values changed by AFTER triggers are
 * read back changed. Costs five round trips in autocommit mode. Known limit of the check: a trigger
 * that inserts into the same table together with explicit rowids at or below the old maximum can
 * make the counts agree while a trigger's row stands in for an inserted one.
 */
final class ReturningEmulation {
    private static final String COMMIT = "COMMIT";
    private static final String ROLLBACK = "ROLLBACK";

    private ReturningEmulation() {
    }

    /**
     * Refuses, before anything is sent, a text of several statements in which any DML statement
     * carries a RETURNING clause: it would reach the server as it is. Single statements are left
     * to {@link #execute}.
     */
    static void refuseHidden(SqlStatement analysis) throws SQLException {
        if (!analysis.hasMultipleStatements()) {
            return;
        }
        for (SqlStatement part : analysis.statements()) {
            if (part.hasReturning() && part.isDml() && ReturningClause.scan(part.sql()).hasReturning()) {
                throw new SQLFeatureNotSupportedException("DML with RETURNING cannot be part of a text with several "
                        + "statements: the driver emulates INSERT … RETURNING only as a statement of its own. "
                        + "Nothing was sent.", SqlState.FEATURE_NOT_SUPPORTED.code());
            }
        }
    }

    /**
     * Refuses DML with a RETURNING clause in {@code executeUpdate} before anything is sent: it
     * produces a result set, which executeUpdate would have to throw away after the rows were
     * already inserted (and, in autocommit mode, committed).
     */
    static void refuseForUpdate(SqlStatement analysis) throws SQLException {
        if (analysis.hasReturning() && analysis.isDml() && !analysis.hasMultipleStatements()
                && ReturningClause.scan(analysis.sql()).hasReturning()) {
            throw new SQLException("executeUpdate cannot run DML with RETURNING: it returns rows; use executeQuery() "
                    + "or execute(). Nothing was sent.", SqlState.CARDINALITY_VIOLATION.code());
        }
    }

    /** The plan for DML with RETURNING; a refusal becomes the matching SQLException. */
    static ReturningPlan plan(SqlStatement analysis) throws SQLException {
        try {
            return ReturningPlan.of(analysis);
        } catch (ReturningPlan.Refused r) {
            throw refusal(r);
        }
    }

    /** The plan for generated keys of {@code analysis} under the requested names, or null if it generates none. */
    static ReturningPlan generatedPlan(SqlStatement analysis, String[] columns) throws SQLException {
        try {
            return ReturningPlan.generated(analysis, columns);
        } catch (ReturningPlan.Refused r) {
            throw refusal(r);
        }
    }

    static SQLException refusal(ReturningPlan.Refused r) {
        return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.code().equals(r.sqlState()) ? new SQLSyntaxErrorException(r.getMessage(), r.sqlState())
                : new SQLFeatureNotSupportedException(r.getMessage(), r.sqlState());
    }

    /**
     * Runs DML whose analysis says it has RETURNING: emulates INSERT … RETURNING, refuses the rest.
     *
     * @return the RETURNING rows, read in full
     */
    static ResultSet execute(DqliteStatement statement, SqlStatement analysis, Params params) throws SQLException {
        ReturningPlan plan = plan(analysis);
        statement.checkServerCanRun(analysis, params);
        return new Run(statement, plan, params).run();
    }

    /** Runs an INSERT through {@code plan} and returns its rows and change count. */
    static Outcome run(DqliteStatement statement, ReturningPlan plan, Params params) throws SQLException {
        Run run = new Run(statement, plan, params);
        ResultSet rows = run.run();
        return new Outcome(rows, run.inserted);
    }

    /**
     * Generated values read natively, on a server that runs DML with RETURNING correctly
     * (dqlite 1.18.3 and newer): the INSERT with the requested columns as its RETURNING clause,
     * run as a query under the connection's usual rules. The change count is the number of rows
     * returned, one per inserted row.
     */
    static Outcome returningNatively(DqliteStatement statement, String sql, Params params) throws SQLException {
        List<RowBatch> rows = queryAll(statement.connection, sql, params);
        long n = 0;
        for (RowBatch b : rows) {
            n += b.rowCount();
        }
        return new Outcome(new DqliteResultSet(statement, rows, 0), n);
    }

    /** Runs a query and reads its whole result (the rows of an INSERT: few). */
    private static List<RowBatch> queryAll(DqliteJdbcConnection connection, String sql, Params p) throws SQLException {
        return connection.run(SqlStatement.analyze(sql), conn -> {
            RowStream stream;
            try {
                stream = conn.querySql(sql, p);
            } catch (RuntimeException e) {
                throw new DqliteJdbcConnection.WireFailure(e);
            }
            return drain(connection, conn, stream);
        });
    }

    private static List<RowBatch> drain(DqliteJdbcConnection connection, DqliteConnection conn, RowStream stream) {
        List<RowBatch> batches = new ArrayList<>();
        try {
            for (;;) {
                RowBatch b = stream.next(connection.waitMillis(), TimeUnit.MILLISECONDS);
                if (b == null) {
                    return batches;
                }
                batches.add(b);
                if (b.isLast()) {
                    return batches;
                }
            }
        } catch (DqliteTimeoutException e) {
            stream.cancel();
            conn.close(); // the position on the wire is unknown
            throw new DqliteJdbcConnection.WireFailure(e);
        } catch (RuntimeException e) {
            throw new DqliteJdbcConnection.WireFailure(e);
        }
    }

    /** The rows read back and the INSERT's change count. */
    record Outcome(ResultSet rows, long inserted) {
    }

    /** One emulated statement. */
    private static final class Run {
        private final DqliteStatement statement;
        private final DqliteJdbcConnection connection;
        private final ReturningPlan plan;
        private final Params params;
        /** Whether the emulation owns the transaction (autocommit mode): COMMIT/ROLLBACK, else a savepoint. */
        private final boolean ownTransaction;
        long inserted;

        Run(DqliteStatement statement, ReturningPlan plan, Params params) throws SQLException {
            this.statement = statement;
            this.connection = statement.connection;
            this.plan = plan;
            this.params = params;
            this.ownTransaction = connection.getAutoCommit() && !connection.inTransaction();
        }

        ResultSet run() throws SQLException {
            exec(ownTransaction ? ReturningPlan.BEGIN : ReturningPlan.SET_SAVEPOINT, Params.NONE);
            boolean open = true;
            try {
                long m0;
                try {
                    m0 = firstLong(query(plan.maxRowidSql(), Params.NONE));
                } catch (SQLException e) {
                    if (!ReturningPlan.isNoRowid(e.getMessage())) {
                        throw e;
                    }
                    SQLException refusal = new SQLFeatureNotSupportedException(plan.noRowidMessage(), SqlState.FEATURE_NOT_SUPPORTED.code(), e);
                    open = false;
                    undo(refusal);
                    throw refusal;
                }

                ExecResult result = exec(plan.dml(), params);
                long n = result.rowsAffected();
                long last = result.lastInsertId();
                inserted = n;
                List<RowBatch> rows = n == 0 ? query(plan.rowsSql(true), Params.NONE)
                        : query(plan.rowsSql(false), plan.rowsParams(m0, last));
                long found = 0;
                for (RowBatch b : rows) {
                    found += b.rowCount();
                }
                String mismatch = plan.mismatch(n, found, m0, last);
                if (mismatch != null) {
                    SQLException refusal = new SQLFeatureNotSupportedException(mismatch, SqlState.FEATURE_NOT_SUPPORTED.code());
                    open = false;
                    undo(refusal);
                    throw refusal;
                }
                open = false;
                finish();
                return new DqliteResultSet(statement, rows, statement.getMaxRows());
            } catch (SQLException | RuntimeException e) {
                if (open) {
                    undo(e);
                }
                throw e;
            }
        }

        /** COMMIT (with the connection's ambiguous-commit rules) or RELEASE; a failure still open is undone. */
        private void finish() throws SQLException {
            try {
                exec(ownTransaction ? COMMIT : ReturningPlan.RELEASE, Params.NONE);
            } catch (SQLException e) {
                undo(e);
                throw e;
            }
        }

        /**
         * Undoes the emulation's work, unless the server already ended the transaction (an error
         * that rolls back, a lost connection: the tracker then says no transaction is open).
         * Failures are attached to {@code failure}.
         */
        private void undo(Exception failure) {
            if (!connection.inTransaction()) {
                return;
            }
            try {
                if (ownTransaction) {
                    exec(ROLLBACK, Params.NONE);
                } else {
                    exec(ReturningPlan.ROLLBACK_TO, Params.NONE);
                    exec(ReturningPlan.RELEASE, Params.NONE);
                }
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }

        private ExecResult exec(String sql, Params p) throws SQLException {
            return connection.run(SqlStatement.analyze(sql), conn -> {
                CompletableFuture<ExecResult> future;
                try {
                    future = conn.execSql(sql, p);
                } catch (RuntimeException e) {
                    throw new DqliteJdbcConnection.WireFailure(e); // refused by the client: mapped by run()
                }
                return connection.await(conn, future);
            });
        }

        private List<RowBatch> query(String sql, Params p) throws SQLException {
            return queryAll(connection, sql, p);
        }

        private static long firstLong(List<RowBatch> batches) throws SQLException {
            for (RowBatch b : batches) {
                if (b.rowCount() > 0 && b.typeCode(0, 0) == 1) {
                    return b.getLong(0, 0);
                }
            }
            throw new SQLException("SELECT coalesce(max(rowid), 0) returned no integer", SqlState.GENERAL_ERROR.code());
        }
    }
}
