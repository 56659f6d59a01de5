package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.ExecResult;
import io.dqlite4j.client.PreparedStatementHandle;
import io.dqlite4j.client.RowStream;
import io.dqlite4j.session.QueryTimeoutException;
import io.dqlite4j.session.ReturningPlan;
import io.dqlite4j.session.Session;
import io.dqlite4j.sql.SqlLexer;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.RowBatch;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDBC statement. Statements that return rows (SELECT, VALUES, PRAGMA reads, WITH … SELECT,
 * anything with RETURNING) run as QUERY and stream; everything else runs as EXEC.
 *
 * <p>DML with RETURNING runs natively (QUERY_SQL) on servers that run it correctly (dqlite 1.18.3
 * and newer, found by the session's probe). Older servers fail it and then abort on their next
 * write, so it is never sent to them: {@code INSERT … RETURNING} is emulated (see
 * {@link ReturningEmulation}), other DML with RETURNING is refused before it is sent. {@code PRAGMA
 * busy_timeout} is answered by the driver (the server denies it): it reads or sets the budget
 * for the driver's SQLITE_BUSY retries, in milliseconds.
 */
class DqliteStatement implements Statement {
    final DqliteJdbcConnection connection;
    private ResultSet resultSet;
    private long updateCount = -1;
    private boolean closed;
    private int maxRows;
    private int queryTimeoutSeconds;
    private int fetchSize;
    private boolean closeOnCompletion;
    private final List<String> batch = new ArrayList<>();
    private ResultSet generatedKeys;
    boolean returnGeneratedKeys;
    /** The generated-key columns asked for by name or by 1-based index; both null: the rowid. */
    private String[] generatedNames;
    private int[] generatedIndexes;
    private int fetchDirection = ResultSet.FETCH_FORWARD;
    /** The columns of the last result set this statement produced (PreparedStatement.getMetaData). */
    java.sql.ResultSetMetaData lastMetaData;

    DqliteStatement(DqliteJdbcConnection connection) {
        this.connection = connection;
    }

    // ------------------------------------------------------------------ execution core

    /** What to execute: SQL text (EXEC_SQL / QUERY_SQL) or a prepared statement (EXEC / QUERY). */
    interface Target {
        /** The prepared statement to use on {@code conn}, or null to send the SQL text. */
        PreparedStatementHandle handle(DqliteConnection conn) throws SQLException;
    }

    static final Target TEXT = conn -> null;

    /**
     * Runs one statement and records its outcome as the current result.
     *
     * @return true if the outcome is a result set
     */
    boolean executeAnalyzed(SqlStatement analysis, Params params, Target target) throws SQLException {
        checkOpen();
        clearResults();
        if (analysis.kind() == StatementKind.EMPTY) {
            throw new SQLException("empty statement: the SQL text contains no statement", SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.code());
        }
        if (LocalPragmas.isBusyTimeout(analysis)) {
            resultSet = LocalPragmas.busyTimeout(this, analysis.sql());
            return true;
        }
        ReturningEmulation.refuseHidden(analysis);
        refuseUnsafeCompound(analysis);
        if (returnGeneratedKeys && (generatedNames != null || generatedIndexes != null)
                && analysis.kind() == StatementKind.INSERT && !analysis.hasReturning()
                && !analysis.hasMultipleStatements()) {
            return executeWithGeneratedColumns(analysis, params);
        }
        if (analysis.hasReturning() && analysis.isDml()) {
            if (connection.nativeReturning()) {
                // dqlite >= 1.18.3 runs it through QUERY_SQL, every row written and returned.
                checkServerCanRun(analysis, params);
                boolean rows = runQuery(analysis, params, TEXT);
                return rows;
            }
            // Older servers fail DML with RETURNING and then abort on the next write, so it is
            // never sent to them; INSERT ... RETURNING is emulated.
            resultSet = ReturningEmulation.execute(this, analysis, params);
            lastMetaData = resultSet.getMetaData();
            updateCount = -1; // the outcome is a result set: no update count
            return true;
        }
        checkServerCanRun(analysis, params);
        boolean asQuery = analysis.returnsRows();
        try {
            return asQuery ? runQuery(analysis, params, target) : runExec(analysis, params, target);
        } catch (SQLException e) {
            if (wrongRequestKind(e, asQuery, analysis)) {
                // The analyzer guessed wrong for a PRAGMA or an unusual statement: run it the other way.
                return asQuery ? runExec(analysis, params, target) : runQuery(analysis, params, target);
            }
            throw e;
        }
    }

    /**
     * An INSERT whose generated keys were asked for by column: the session's RETURNING plan reads
     * them back under the requested names (Spring's {@code KeyHolder.getKeys().get("id")}): natively where the
     * server runs RETURNING correctly, else through the emulation.
     */
    private boolean executeWithGeneratedColumns(SqlStatement analysis, Params params) throws SQLException {
        String[] columns = generatedNames;
        ReturningPlan plan = ReturningEmulation.generatedPlan(analysis, columns != null ? columns : new String[0]);
        if (columns == null) {
            columns = columnNames(plan.table(), generatedIndexes);
            plan = ReturningEmulation.generatedPlan(analysis, columns);
        }
        checkServerCanRun(analysis, params);
        ReturningEmulation.Outcome outcome = connection.nativeReturning()
                // dqlite >= 1.18.3 runs RETURNING through QUERY_SQL: one round trip, no emulation.
                ? ReturningEmulation.returningNatively(this, ReturningPlan.withReturning(analysis.trimmedSql(), columns), params)
                : ReturningEmulation.run(this, plan, params);
        generatedKeys = outcome.rows();
        updateCount = outcome.inserted();
        return false;
    }

    /** The names of a table's columns at 1-based positions (JDBC's column indexes). */
    private String[] columnNames(String table, int[] indexes) throws SQLException {
        List<String> all = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name FROM pragma_table_info('" + SqlLexer.unquote(table).replace("'", "''")
                     + "') ORDER BY cid")) {
            while (rs.next()) {
                all.add(rs.getString(1));
            }
        }
        String[] names = new String[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            int index = indexes[i];
            if (index < 1 || index > all.size()) {
                throw new SQLException("generated key column index " + index + " is not a column of " + table + " (it has "
                        + all.size() + ")", SqlState.INVALID_PARAMETER_VALUE.code());
            }
            names[i] = all.get(index - 1);
        }
        return names;
    }

    /** Records how generated keys were asked for (Statement and prepareStatement variants). */
    void requestGeneratedKeys(boolean on, String[] names, int[] indexes) throws SQLException {
        if (names != null) {
            if (names.length == 0) {
                throw new SQLException("generated key column names must not be empty", SqlState.INVALID_PARAMETER_VALUE.code());
            }
            for (String n : names) {
                if (n == null || n.isEmpty()) {
                    throw new SQLException("generated key column names must not be null or empty",
                            SqlState.INVALID_PARAMETER_VALUE.code());
                }
            }
        }
        if (indexes != null && indexes.length == 0) {
            throw new SQLException("generated key column indexes must not be empty", SqlState.INVALID_PARAMETER_VALUE.code());
        }
        this.returnGeneratedKeys = on;
        this.generatedNames = names == null ? null : names.clone();
        this.generatedIndexes = indexes == null ? null : indexes.clone();
    }

    private boolean runQuery(SqlStatement analysis, Params params, Target target) throws SQLException {
        DqliteResultSet rs = connection.run(analysis, conn -> {
            PreparedStatementHandle handle = target.handle(conn);
            String sql = sqlToSend(analysis);
            RowStream stream = handle == null ? conn.querySql(sql, params) : conn.query(handle, params);
            RowBatch first = firstBatch(conn, stream);
            return new DqliteResultSet(this, stream, first, maxRows);
        });
        resultSet = rs;
        lastMetaData = rs.getMetaData();
        updateCount = -1;
        return true;
    }

    private boolean runExec(SqlStatement analysis, Params params, Target target) throws SQLException {
        ExecResult r = connection.run(analysis, conn -> {
            PreparedStatementHandle handle = target.handle(conn);
            String sql = sqlToSend(analysis);
            return awaitStatement(conn, handle == null ? conn.execSql(sql, params) : conn.exec(handle, params));
        });
        // RESULT carries connection-level counters that statements other than DML do not reset.
        updateCount = analysis.isDml() ? r.rowsAffected() : 0;
        if (returnGeneratedKeys && (analysis.kind() == StatementKind.INSERT || analysis.kind() == StatementKind.REPLACE)) {
            generatedKeys = ResultSets.generatedKey(this, updateCount > 0 ? r.lastInsertId() : null);
        }
        return false;
    }

    /**
     * A text of several statements goes out as one EXEC_SQL, which the server runs in order. Refused
     * before anything is sent where that would half-run it: a statement that returns rows (QUERY
     * runs only the first statement on 1.11 and fails on newer servers; EXEC fails at the row
     * statement after running the ones before it), and parameters beyond the first statement
     * (servers before 1.18.2 bind the whole tuple to the first, see docs/protocol.md).
     */
    static void refuseUnsafeCompound(SqlStatement analysis) throws SQLException {
        if (!analysis.hasMultipleStatements()) {
            return;
        }
        List<SqlStatement> parts = analysis.statements();
        for (int i = 0; i < parts.size(); i++) {
            SqlStatement part = parts.get(i);
            if (part.returnsRows()) {
                throw new SQLFeatureNotSupportedException("a text of several statements cannot include one that "
                        + "returns rows (" + abbreviate(part.sql()) + "): dqlite would run only part of it. Run the "
                        + "statements one by one. Nothing was sent.", SqlState.FEATURE_NOT_SUPPORTED.code());
            }
            if (i > 0 && part.placeholderCount() > 0) {
                throw new SQLFeatureNotSupportedException("parameters are only supported in the first statement of a "
                        + "text of several statements (dqlite before 1.18.2 binds them all to the first). Run the "
                        + "statements one by one. Nothing was sent.", SqlState.FEATURE_NOT_SUPPORTED.code());
            }
        }
    }

    /** The SQL as sent: trailing text after the final ';' makes 1.11 lose the counters (docs/protocol.md). */
    private static String sqlToSend(SqlStatement analysis) {
        return analysis.hasMultipleStatements() ? SqlStatement.trimTrailing(analysis.sql()) : analysis.sql();
    }

    void checkServerCanRun(SqlStatement analysis, Params params) throws SQLException {
        if (!params.isWide()) {
            return;
        }
        String refusal = connection.run(SqlStatement.analyze("SELECT 1"),
                conn -> connection.await(conn, Session.parameterRefusal(conn, params)));
        if (refusal != null) {
            throw new SQLException(refusal, SqlState.WRONG_PARAMETER_COUNT.code());
        }
    }

    /** The server wanted the other request kind (the session's rule, applied to the mapped failure). */
    private static boolean wrongRequestKind(SQLException e, boolean asQuery, SqlStatement analysis) {
        return Session.wrongRequestKind(e.getErrorCode(), e.getMessage(), asQuery, analysis);
    }

    /** Waits for the first batch (so errors surface now, inside the connection's retry rules). */
    private RowBatch firstBatch(DqliteConnection conn, RowStream stream) throws SQLException {
        long wait = statementWaitMillis();
        try {
            return stream.next(wait, TimeUnit.MILLISECONDS);
        } catch (io.dqlite4j.client.DqliteTimeoutException e) {
            stream.cancel();
            if (queryTimeoutSeconds > 0) {
                throw new DqliteJdbcConnection.WireFailure(new QueryTimeoutException("query timeout of "
                        + queryTimeoutSeconds + " s expired; the rest of the result is discarded"));
            }
            conn.close();
            throw new DqliteJdbcConnection.WireFailure(e);
        } catch (RuntimeException e) {
            throw new DqliteJdbcConnection.WireFailure(e);
        }
    }

    /** Waits for an EXEC answer, honouring the query timeout without breaking the connection. */
    private <T> T awaitStatement(DqliteConnection conn, CompletableFuture<T> future) throws SQLException {
        if (queryTimeoutSeconds == 0) {
            return connection.await(conn, future);
        }
        try {
            return future.get(statementWaitMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", SqlState.OPERATION_CANCELED.code(), e);
        } catch (ExecutionException e) {
            throw new DqliteJdbcConnection.WireFailure(e.getCause());
        } catch (TimeoutException e) {
            // dqlite cannot cancel a running statement; its answer is discarded when it arrives and
            // requests queued behind it still get theirs in order. A write may thus be applied: the
            // connection's run() reports it in doubt.
            throw new DqliteJdbcConnection.WireFailure(new QueryTimeoutException("query timeout of "
                    + queryTimeoutSeconds + " s expired; the server still completes the statement"));
        }
    }

    long statementWaitMillis() {
        long network = connection.waitMillis();
        return queryTimeoutSeconds > 0 ? Math.min(network, TimeUnit.SECONDS.toMillis(queryTimeoutSeconds)) : network;
    }

    // ------------------------------------------------------------------ Statement API

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) {
            throw new SQLException("statement returned no result set: " + abbreviate(sql), SqlState.NO_DATA.code());
        }
        return resultSet;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        checkOpen();
        ReturningEmulation.refuseForUpdate(SqlStatement.analyze(sql));
        if (execute(sql)) {
            clearResults();
            throw new SQLException("statement returned a result set; use executeQuery: " + abbreviate(sql), SqlState.CARDINALITY_VIOLATION.code());
        }
        return updateCount;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return executeAnalyzed(SqlStatement.analyze(sql), Params.NONE, TEXT);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        requestGeneratedKeys(autoGeneratedKeys(autoGeneratedKeys), null, null);
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        requestGeneratedKeys(true, null, columnIndexes);
        return executeUpdate(sql);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        requestGeneratedKeys(true, columnNames, null);
        return executeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        requestGeneratedKeys(autoGeneratedKeys(autoGeneratedKeys), null, null);
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        requestGeneratedKeys(true, null, columnIndexes);
        return executeLargeUpdate(sql);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        requestGeneratedKeys(true, columnNames, null);
        return executeLargeUpdate(sql);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        requestGeneratedKeys(autoGeneratedKeys(autoGeneratedKeys), null, null);
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        requestGeneratedKeys(true, null, columnIndexes);
        return execute(sql);
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        requestGeneratedKeys(true, columnNames, null);
        return execute(sql);
    }

    static boolean autoGeneratedKeys(int flag) throws SQLException {
        if (flag != RETURN_GENERATED_KEYS && flag != NO_GENERATED_KEYS) {
            throw new SQLException("autoGeneratedKeys must be Statement.RETURN_GENERATED_KEYS or NO_GENERATED_KEYS, not "
                    + flag, SqlState.INVALID_PARAMETER_VALUE.code());
        }
        return flag == RETURN_GENERATED_KEYS;
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, updateCount);
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    /** One statement produces one result: there are never more. */
    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    /**
     * @param current {@link #CLOSE_CURRENT_RESULT} or {@link #CLOSE_ALL_RESULTS};
     *        {@link #KEEP_CURRENT_RESULT} is refused (only one result set can be open:
     *        {@code supportsMultipleOpenResults()} is false)
     */
    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current == KEEP_CURRENT_RESULT) {
            throw new SQLFeatureNotSupportedException("KEEP_CURRENT_RESULT is not supported: a dqlite connection "
                    + "streams one result at a time (supportsMultipleOpenResults() is false)", SqlState.FEATURE_NOT_SUPPORTED.code());
        }
        if (current != CLOSE_CURRENT_RESULT && current != CLOSE_ALL_RESULTS) {
            throw new SQLException("getMoreResults takes CLOSE_CURRENT_RESULT, KEEP_CURRENT_RESULT or "
                    + "CLOSE_ALL_RESULTS, not " + current, SqlState.INVALID_PARAMETER_VALUE.code());
        }
        if (resultSet != null) {
            resultSet.close();
        }
        resultSet = null;
        updateCount = -1;
        return false;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return generatedKeys != null ? generatedKeys : ResultSets.generatedKey(this, null);
    }

    // ------------------------------------------------------------------ batches

    /** Kept for {@link #executeBatch()}, which refuses (BatchUpdateException) what a batch cannot run. */
    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw new SQLException("sql must not be null", SqlState.INVALID_PARAMETER_VALUE.code());
        }
        batch.add(sql);
    }

    static void checkBatchable(SqlStatement analysis, String sql) throws SQLException {
        ReturningEmulation.refuseHidden(analysis);
        if (analysis.kind().isTransactionVerb() || analysis.returnsRows()) {
            throw new SQLException("a batch cannot contain transaction control or row-returning statements: "
                    + abbreviate(sql), SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.code());
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return toIntCounts(executeLargeBatch());
    }

    /** JDBC's int update counts, clamped like {@link #getUpdateCount()}. */
    static int[] toIntCounts(long[] large) {
        int[] counts = new int[large.length];
        for (int i = 0; i < large.length; i++) {
            counts[i] = (int) Math.min(Integer.MAX_VALUE, large[i]);
        }
        return counts;
    }

    /**
     * Runs every statement of the batch, even after one failed, and collects their counts in
     * order (pipelined inside a transaction; see {@link BatchExecution}). A failure raises a
     * {@link BatchUpdateException} whose counts cover every statement, with
     * {@link #EXECUTE_FAILED} for the failed ones.
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        clearResults();
        List<String> items = new ArrayList<>(batch);
        batch.clear();
        if (items.isEmpty()) {
            return new long[0];
        }
        for (String sql : items) {
            try {
                checkBatchable(SqlStatement.analyze(sql), sql);
            } catch (SQLException e) {
                // JDBC: a batch item that is not an update fails executeBatch, before anything is sent.
                throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), new long[0], e);
            }
        }
        return BatchExecution.texts(connection, items);
    }

    // ------------------------------------------------------------------ state

    void clearResults() throws SQLException {
        if (resultSet != null) {
            resultSet.close();
            resultSet = null;
        }
        generatedKeys = null;
        updateCount = -1;
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("statement is closed", SqlState.FUNCTION_SEQUENCE_ERROR.code());
        }
        connection.checkOpen();
    }

    /** Called by a result set of this statement when it closes. */
    void resultSetClosed(ResultSet rs) throws SQLException {
        if (closeOnCompletion && rs == resultSet) {
            close();
        }
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        try {
            clearResults();
        } finally {
            closed = true;
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("max field size must be >= 0", SqlState.INVALID_PARAMETER_VALUE.code());
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("max rows must be >= 0, not " + max, SqlState.INVALID_PARAMETER_VALUE.code());
        }
        maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen(); // no JDBC escape syntax is rewritten; SQLite SQL is sent as written
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeoutSeconds;
    }

    /**
     * Limits how long the driver waits for a statement's first answer. dqlite cannot stop a
     * running statement: on timeout a query's remaining rows are discarded and an EXEC's answer is
     * ignored when it arrives; the connection stays usable.
     */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("query timeout must be >= 0, not " + seconds, SqlState.INVALID_PARAMETER_VALUE.code());
        }
        queryTimeoutSeconds = seconds;
    }

    /** Stops reading the current result: its remaining rows are discarded. */
    @Override
    public void cancel() throws SQLException {
        ResultSet rs = resultSet;
        if (rs instanceof DqliteResultSet drs) {
            drs.cancelStream();
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw new SQLFeatureNotSupportedException("named cursors are not supported", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    /** A hint, as JDBC defines it: kept and reported, while results are always read forward. */
    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD && direction != ResultSet.FETCH_REVERSE
                && direction != ResultSet.FETCH_UNKNOWN) {
            throw new SQLException("fetch direction must be FETCH_FORWARD, FETCH_REVERSE or FETCH_UNKNOWN, not "
                    + direction, SqlState.INVALID_PARAMETER_VALUE.code());
        }
        fetchDirection = direction;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return fetchDirection;
    }

    /** A hint only: the server decides its batch size (about 4 KiB); the driver streams regardless. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must be >= 0, not " + rows, SqlState.INVALID_PARAMETER_VALUE.code());
        }
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return false;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return Wrappers.unwrap(this, iface); }
    @Override public boolean isWrapperFor(Class<?> iface) { return Wrappers.isWrapperFor(this, iface); }

    static String abbreviate(String sql) {
        String s = sql.strip();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
