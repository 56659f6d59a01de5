package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteTimeoutException;
import io.dqlite4j.client.ExecResult;
import io.dqlite4j.client.RowStream;
import io.dqlite4j.sql.ReturningClause;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.RowBatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code INSERT … RETURNING} without sending RETURNING to dqlite.
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
    static final String SAVEPOINT = "dqlite_returning";

    private static final String BEGIN = "BEGIN IMMEDIATE";
    private static final String COMMIT = "COMMIT";
    private static final String ROLLBACK = "ROLLBACK";
    private static final String SET_SAVEPOINT = "SAVEPOINT " + SAVEPOINT;
    private static final String ROLLBACK_TO = "ROLLBACK TO " + SAVEPOINT;
    private static final String RELEASE = "RELEASE " + SAVEPOINT;
    private static final String WHY = "dqlite servers (1.11.1 and 1.18.1) fail DML with RETURNING and then abort on "
            + "their next write, so the driver never sends it";

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
                        + "statements: " + WHY + ", and it emulates INSERT … RETURNING only as a statement of its own. "
                        + "Nothing was sent.", "0A000");
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
                    + "or execute(). Nothing was sent.", "21000");
        }
    }

    /**
     * Runs DML whose analysis says it has RETURNING: emulates INSERT … RETURNING, refuses the rest.
     *
     * @return the RETURNING rows, read in full
     */
    static ResultSet execute(DqliteStatement statement, SqlStatement analysis, Params params) throws SQLException {
        if (analysis.hasMultipleStatements()) {
            refuseHidden(analysis);
            throw new SQLFeatureNotSupportedException("INSERT … RETURNING can only be emulated as a statement of its "
                    + "own, not in a text with several statements. Nothing was sent.", "0A000");
        }
        ReturningClause clause = ReturningClause.scan(analysis.sql());
        checkEmulable(clause);
        statement.checkServerCanRun(analysis, params);
        return new Run(statement, clause, params).run();
    }

    private static void checkEmulable(ReturningClause clause) throws SQLException {
        if (!clause.hasReturning() || SqlStatement.analyze(clause.withoutReturning()).hasReturning()) {
            // The client library refuses any DML in which the word appears outside quotes and literals.
            throw refused("this statement uses the word RETURNING as a name (a column called returning?): " + WHY
                    + ", and it does not send DML in which the bare word appears. Quote the name (\"returning\"). "
                    + "Nothing was sent.");
        }
        StatementKind verb = clause.verb();
        if (verb == StatementKind.UPDATE || verb == StatementKind.DELETE || verb == StatementKind.REPLACE) {
            throw refused(verb + " … RETURNING is not supported: " + WHY + ", and it can emulate RETURNING only for "
                    + "a plain INSERT, whose new rows it can find by rowid; the rows an " + verb + " touches cannot "
                    + "be identified afterwards. Nothing was sent. Run the " + verb + " and a SELECT in one "
                    + "transaction instead.");
        }
        if (verb != StatementKind.INSERT || clause.table() == null) {
            throw refused("this statement with RETURNING is not supported: " + WHY + ", and it emulates RETURNING "
                    + "only for INSERT INTO table …, which it could not recognise here. Nothing was sent.");
        }
        if (clause.conflictAlgorithm() != null) {
            throw refused("INSERT OR " + clause.conflictAlgorithm() + " … RETURNING is not supported: " + WHY
                    + ", and it emulates RETURNING only for a plain INSERT (with at most ON CONFLICT DO NOTHING). "
                    + "Nothing was sent.");
        }
        if (clause.upsertUpdates()) {
            throw refused("INSERT … ON CONFLICT DO UPDATE … RETURNING is not supported: " + WHY + ", and the rows "
                    + "an upsert updates cannot be identified afterwards (only inserted rows get new rowids). "
                    + "Nothing was sent.");
        }
        if (clause.returningHasParameters()) {
            throw refused("INSERT … RETURNING with parameters inside the RETURNING clause is not supported: " + WHY
                    + ", and its emulation re-runs the RETURNING expressions in a SELECT of its own. "
                    + "Nothing was sent.");
        }
        if (clause.returningExpressions().isEmpty()) {
            throw new SQLSyntaxErrorException("RETURNING without expressions. Nothing was sent.", "42000");
        }
    }

    private static SQLFeatureNotSupportedException refused(String message) {
        return new SQLFeatureNotSupportedException(message, "0A000");
    }

    /** One emulated statement. */
    private static final class Run {
        private final DqliteStatement statement;
        private final DqliteJdbcConnection connection;
        private final ReturningClause clause;
        private final Params params;
        /** Whether the emulation owns the transaction (autocommit mode): COMMIT/ROLLBACK, else a savepoint. */
        private final boolean ownTransaction;

        Run(DqliteStatement statement, ReturningClause clause, Params params) throws SQLException {
            this.statement = statement;
            this.connection = statement.connection;
            this.clause = clause;
            this.params = params;
            this.ownTransaction = connection.getAutoCommit() && !connection.inTransaction();
        }

        ResultSet run() throws SQLException {
            exec(ownTransaction ? BEGIN : SET_SAVEPOINT, Params.NONE);
            boolean open = true;
            try {
                String table = clause.table();
                String from = clause.alias() == null ? table : table + " AS " + clause.alias();
                long m0;
                try {
                    m0 = firstLong(query("SELECT coalesce(max(rowid), 0) FROM " + table, Params.NONE));
                } catch (SQLException e) {
                    if (!isNoRowid(e)) {
                        throw e;
                    }
                    SQLException refusal = new SQLFeatureNotSupportedException("INSERT … RETURNING is not supported "
                            + "for " + table + ", which has no rowid (a WITHOUT ROWID table or a view): " + WHY + ", "
                            + "and it finds the inserted rows by rowid. Nothing was applied.", "0A000", e);
                    open = false;
                    undo(refusal);
                    throw refusal;
                }

                ExecResult result = exec(clause.withoutReturning(), params);
                long n = result.rowsAffected();
                long last = result.lastInsertId();
                String exprs = clause.returningExpressions();
                List<RowBatch> rows = n == 0
                        ? query("SELECT " + exprs + " FROM " + from + " WHERE 0", Params.NONE)
                        : query("SELECT " + exprs + " FROM " + from + " WHERE rowid > ? AND rowid <= ? ORDER BY rowid",
                                Params.of(m0, last));
                long found = 0;
                for (RowBatch b : rows) {
                    found += b.rowCount();
                }
                if (n != 0 && (found != n || last <= m0)) {
                    SQLException refusal = refused("INSERT … RETURNING cannot be emulated for this statement: it "
                            + "inserted " + n + " row(s), but " + found + " row(s) of " + table + " lie between the "
                            + "old maximum rowid " + m0 + " and the last insert rowid " + last + " (rows updated "
                            + "instead of inserted, explicit rowids at or below the old maximum, or triggers inserting "
                            + "into the same table). " + WHY + ". The INSERT was rolled back. Nothing was applied.");
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
                exec(ownTransaction ? COMMIT : RELEASE, Params.NONE);
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
                    exec(ROLLBACK_TO, Params.NONE);
                    exec(RELEASE, Params.NONE);
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

        /** Runs a query and reads its whole result (the rows of an INSERT: few). */
        private List<RowBatch> query(String sql, Params p) throws SQLException {
            return connection.run(SqlStatement.analyze(sql), conn -> {
                RowStream stream;
                try {
                    stream = conn.querySql(sql, p);
                } catch (RuntimeException e) {
                    throw new DqliteJdbcConnection.WireFailure(e);
                }
                return drain(conn, stream);
            });
        }

        private List<RowBatch> drain(DqliteConnection conn, RowStream stream) {
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

        private static long firstLong(List<RowBatch> batches) throws SQLException {
            for (RowBatch b : batches) {
                if (b.rowCount() > 0 && b.typeCode(0, 0) == 1) {
                    return b.getLong(0, 0);
                }
            }
            throw new SQLException("SELECT coalesce(max(rowid), 0) returned no integer", "HY000");
        }

        private static boolean isNoRowid(SQLException e) {
            String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return msg.contains("no such column") && msg.contains("rowid");
        }
    }
}
