package io.dqlite4j.r2dbc;

import io.dqlite4j.session.ReturningPlan;
import io.dqlite4j.sql.SqlStatement;
import io.r2dbc.spi.R2dbcException;
import io.dqlite4j.sql.StatementKind;
import io.dqlite4j.wire.Params;
import java.util.Map;

/** One statement execution with one parameter set, as the connection runs it. */
final class Execution {
    final SqlStatement analysis;
    final String sql;
    final Params params;
    /** Blob/Clob values still to be read, by 0-based tuple index; null when none. */
    final Map<Integer, Object> lobs;
    /** Whether the statement timeout applies (user statements, not the driver's own BEGIN/COMMIT). */
    final boolean userStatement;
    /** QUERY_SQL (rows) rather than EXEC_SQL; may flip once when the server disagrees. */
    boolean asQuery;
    boolean flipped;
    /** Emulated RETURNING or generated values: run by the connection's plan runner; null for a plain statement. */
    final ReturningPlan plan;
    /** A step of the session's own (the plan runner's): rows read in full, EXEC answers kept whole. */
    final boolean raw;
    /** With {@link #plan}: the text to send instead where the server runs RETURNING natively. */
    final String nativeSql;
    /** RETURNING the emulation cannot run: fails unless the server runs RETURNING natively. */
    R2dbcException refusal;

    Execution(SqlStatement analysis, String sql, Params params, Map<Integer, Object> lobs, boolean userStatement) {
        this(analysis, sql, params, lobs, userStatement, null, false, null);
    }

    Execution(SqlStatement analysis, String sql, Params params, Map<Integer, Object> lobs, boolean userStatement,
            ReturningPlan plan, boolean raw, String nativeSql) {
        this.plan = plan;
        this.raw = raw;
        this.nativeSql = nativeSql;
        this.analysis = analysis;
        this.sql = sql;
        this.params = params;
        this.lobs = lobs;
        this.userStatement = userStatement;
        this.asQuery = analysis.returnsRows();
    }

    /** A driver-issued statement without parameters (BEGIN, COMMIT, SAVEPOINT …). */
    static Execution internal(String sql) {
        return new Execution(SqlStatement.analyze(sql), sql, Params.NONE, null, false);
    }

    /**
     * The same statement sent as it is, with {@code sql} (the text with its RETURNING clause), for
     * a server that runs RETURNING natively.
     */
    Execution nativeReturning(String sql) {
        return new Execution(SqlStatement.analyze(sql), sql, params, lobs, userStatement, null, false, null);
    }

    /** A step of the plan runner, answered whole. */
    static Execution step(String sql, Params params) {
        return new Execution(SqlStatement.analyze(sql), sql, params, null, false, null, true, null);
    }

    /** DML with RETURNING (its own, or for generated values): decided by the server's abilities when it runs. */
    boolean returning() {
        return plan != null || refusal != null;
    }

    /** A plain read: safe to re-run on the new leader and never ambiguous. */
    boolean isRead() {
        StatementKind kind = analysis.kind();
        return (kind == StatementKind.SELECT && !analysis.hasReturning())
                || (kind == StatementKind.PRAGMA && analysis.returnsRows());
    }

    /** DML with RETURNING: its rows are followed by an update count. */
    boolean countsRows() {
        return analysis.isDml() && analysis.hasReturning();
    }

    @Override
    public String toString() {
        return "Execution[" + sql + ", " + params + "]";
    }
}
