package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteMetrics;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.session.FailurePolicy;
import io.dqlite4j.session.FailurePolicy.Decision;
import io.dqlite4j.session.FailurePolicy.Failure;
import io.dqlite4j.session.InDoubt;
import io.dqlite4j.session.QueryTimeoutException;
import io.dqlite4j.session.Session;
import io.dqlite4j.session.StatementCache;
import io.dqlite4j.wire.Params;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JDBC connection to a dqlite cluster: one socket to the Raft leader with the URL's database
 * opened.
 *
 * <p><b>Transactions.</b> Autocommit is on by default: each statement is its own replicated
 * transaction. With autocommit off, the driver opens a transaction lazily, right before the first
 * statement, with the BEGIN of the {@code session_mode} (IMMEDIATE by default), and
 * {@link #commit()} / {@link #rollback()} cost no round trip when nothing is open. Raw
 * {@code BEGIN}, {@code COMMIT}, {@code SAVEPOINT} … sent as SQL are tracked as well (see
 * {@link TransactionTracker}). Isolation is always SERIALIZABLE.
 *
 * <p><b>Failover.</b> When the leader changes, an autocommit statement that the old leader
 * refused before running it (or a plain SELECT) is re-run on the new leader; anything that may
 * have been applied is reported, never retried: a COMMIT in doubt raises
 * {@link DqliteInDoubtSQLException} (SQLState 08007), and a transaction broken by the leader
 * change fails with SQLState 08006 so that the caller can retry the whole transaction.
 *
 * <p><b>SQLITE_BUSY</b> is retried with SQLite's own backoff curve for up to {@code busy_timeout}
 * where that is safe: autocommit statements, BEGIN, and single statements inside a transaction
 * (a failed statement has no effect); never COMMIT.
 *
 * <p>Thread-safe in the sense that calls are serialised by a lock; like every JDBC connection it
 * is meant to be used by one thread at a time.
 */
public final class DqliteJdbcConnection implements java.sql.Connection {
    private static final SqlStatement BEGIN_ANALYSIS = SqlStatement.analyze("BEGIN");
    /** What a probe of the server counts as: a plain read, safe to re-run. */
    private static final SqlStatement PROBE_ANALYSIS = SqlStatement.analyze("SELECT 1");
    private static final SqlStatement ROLLBACK_ANALYSIS = SqlStatement.analyze("ROLLBACK");
    private static final SqlStatement COMMIT_ANALYSIS = SqlStatement.analyze("COMMIT");
    /**
     * {@code -Ddqlite4j.jdbcTransport=netty} puts JDBC connections on the shared Netty event loop
     * (as R2DBC's) instead of letting the calling thread drive the socket; for comparisons.
     */
    private static final boolean NETTY_TRANSPORT = "netty".equals(System.getProperty("dqlite4j.jdbcTransport"));

    private final DqliteClient client;
    private final DqliteConfig config;
    private final String url;
    private final ReentrantLock lock = new ReentrantLock();
    private final Session session;
    private final AtomicInteger savepointSeq = new AtomicInteger();

    private boolean readOnlyApplied;
    private volatile boolean closed;
    private int networkTimeoutMillis;
    private String sqliteVersion;

    DqliteJdbcConnection(DqliteClient client, String url) throws SQLException {
        this.client = client;
        this.config = client.config();
        this.url = url;
        this.session = new Session(config);
        lock.lock();
        try {
            live();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ the execution core

    /** The open wire connection, reconnecting to the (possibly new) leader when needed. */
    DqliteConnection live() throws SQLException {
        DqliteConnection current = session.current();
        if (current != null && !current.isClosed()) {
            return current;
        }
        if (current != null) {
            boolean lostTransaction = session.inTransaction();
            session.detach(current);
            if (lostTransaction) {
                // Never run the next statement outside the transaction the caller believes is open.
                throw new SQLTransientConnectionException("the transaction was rolled back because the connection "
                        + "to the leader broke" + describe(current.closeCause()) + "; retry the whole transaction",
                        SqlState.CONNECTION_FAILURE.code(), current.closeCause());
            }
        }
        DqliteConnection fresh;
        try {
            fresh = NETTY_TRANSPORT
                    ? client.openConnection().get(connectBudgetMillis(), TimeUnit.MILLISECONDS)
                    : client.openDirectConnection(connectBudgetMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLNonTransientConnectionException("interrupted while connecting", SqlState.CONNECTION_UNABLE_TO_CONNECT.code(), e);
        } catch (ExecutionException e) {
            throw SqlExceptions.toSqlException("cannot connect to " + config.seeds(), e.getCause());
        } catch (RuntimeException e) {
            throw SqlExceptions.toSqlException("cannot connect to " + config.seeds(), e);
        } catch (TimeoutException e) {
            throw new SQLTransientConnectionException("no connection to the leader of " + config.seeds()
                    + " within " + connectBudgetMillis() + " ms", SqlState.CONNECTION_UNABLE_TO_CONNECT.code(), e);
        }
        session.attach(fresh);
        readOnlyApplied = false;
        if (session.readOnly()) {
            try {
                applyReadOnly(fresh);
            } catch (WireFailure wf) {
                session.detach(fresh);
                throw SqlExceptions.toSqlException("cannot make the connection read-only",
                        DqliteConnection.unwrap(wf.getCause()));
            }
        }
        return fresh;
    }

    private static String describe(Throwable cause) {
        return cause == null ? "" : " (" + cause.getMessage() + ")";
    }

    /** Gives a prepared statement back to the cache when its PreparedStatement closes. */
    void returnStatement(io.dqlite4j.client.PreparedStatementHandle handle, DqliteConnection owner) {
        lock.lock();
        try {
            if (owner != null && owner == session.current() && !owner.isClosed()) {
                session.statementCache().give(handle, owner);
            }
        } finally {
            lock.unlock();
        }
    }

    private void applyReadOnly(DqliteConnection conn) throws SQLException {
        boolean on = session.readOnly();
        await(conn, conn.execSql(Session.queryOnlyPragma(on), Params.NONE));
        readOnlyApplied = on;
    }

    private long connectBudgetMillis() {
        // Discovery runs up to max_attempts rounds of attempt_timeout plus capped backoff.
        long perRound = config.attemptTimeout().toMillis() + 1000;
        return Math.min(Long.MAX_VALUE / 4, perRound * config.maxAttempts() + config.timeout().toMillis());
    }

    /** How long a blocking call waits for one answer: the network timeout, else a backstop past the watchdog. */
    long waitMillis() {
        return networkTimeoutMillis > 0 ? networkTimeoutMillis : config.timeout().toMillis() * 2 + 2000;
    }

    /** Waits for a wire answer; a wait that times out closes the connection (its position is unknown). */
    <T> T await(DqliteConnection conn, CompletableFuture<T> future) throws SQLException {
        try {
            return future.get(waitMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            conn.close();
            throw new SQLNonTransientConnectionException("interrupted while waiting for the server; connection closed",
                    SqlState.CONNECTION_FAILURE.code(), e);
        } catch (ExecutionException e) {
            throw new WireFailure(e.getCause());
        } catch (TimeoutException e) {
            // A node that left a request unanswered is suspect for leader discovery (it may be
            // frozen), so the reconnect does not wait on it again.
            conn.abandon();
            // Sent and unanswered: run() decides whether that leaves the statement in doubt.
            throw new WireFailure(new io.dqlite4j.client.DqliteTimeoutException("no answer from " + conn.address()
                    + " within " + waitMillis() + " ms; connection closed", true));
        }
    }

    /** Unchecked carrier of a failure from the wire, unwrapped by {@link #run}. */
    static final class WireFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WireFailure(Throwable cause) {
            super(cause);
        }
    }

    /** One attempt at a statement on a live wire connection. */
    interface Attempt<T> {
        T run(DqliteConnection conn) throws SQLException;
    }

    /**
     * Runs a statement with the driver's transaction, failover and BUSY rules: opens the lazy
     * transaction first, retries what is safe to retry, updates the tracker, and maps failures
     * to SQLExceptions.
     */
    <T> T run(SqlStatement analysis, Attempt<T> attempt) throws SQLException {
        lock.lock();
        try {
            checkOpen();
            Session.Attempts attempts = new Session.Attempts();
            while (true) {
                DqliteConnection conn = live();
                attempts.transactionHadWork(session.inTransaction());
                boolean statementSent = false;
                try {
                    beginIfNeeded(conn, analysis);
                    statementSent = true;
                    T result = attempt.run(conn);
                    session.onSuccess(analysis);
                    return result;
                } catch (io.dqlite4j.client.UnsupportedSqlException | IllegalArgumentException e) {
                    // Refused by the client before anything was sent (unsafe SQL, unencodable value).
                    throw SqlExceptions.toSqlException(e);
                } catch (WireFailure wf) {
                    Throwable cause = DqliteConnection.unwrap(wf.getCause());
                    Failure failure = Session.classify(cause, analysis.returnsRows(), analysis, statementSent);
                    if (failure == Failure.WRONG_REQUEST_KIND) {
                        failure = Failure.SERVER_ERROR; // the statement re-runs itself as the other kind
                    }
                    if (cause instanceof DqliteConnectionException) {
                        session.detach(conn);
                    }
                    Decision decision = FailurePolicy.decide(session.situation(failure, analysis, attempts, false));
                    switch (decision) {
                        case RECONNECT_AND_RETRY -> {
                            attempts.reconnected();
                            continue;
                        }
                        case RETRY_AFTER_DELAY -> {
                            DqliteMetrics.listeners().busyRetry();
                            sleep(attempts.nextBusyDelayMillis(session.busyTimeoutMillis()));
                            continue;
                        }
                        case DONE -> {
                            session.onTransactionEnded();
                            return null;
                        }
                        default -> throw failureException(decision, failure, analysis, cause);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private SQLException failureException(Decision decision, Failure failure, SqlStatement analysis, Throwable cause) {
        int code = cause instanceof io.dqlite4j.client.DqliteException de ? (int) Math.max(0, de.code()) : 0;
        switch (decision) {
            case IN_DOUBT:
                return new DqliteInDoubtSQLException(InDoubt.message(FailurePolicy.Role.of(analysis), failure,
                        cause.getMessage()), code, cause);
            case TRANSACTION_LOST:
                return new SQLTransientConnectionException("the transaction was rolled back because the connection "
                        + "to the leader broke (" + cause.getMessage() + "); retry the whole transaction", SqlState.CONNECTION_FAILURE.code(),
                        code, cause);
            default:
                if (cause instanceof QueryTimeoutException qte) {
                    return new SQLTimeoutException(qte.getMessage(), SqlState.TIMEOUT_EXPIRED.code(), qte);
                }
                if (cause instanceof DqliteServerException se) {
                    session.onFailure(analysis, se.code(), se.serverMessage());
                }
                return SqlExceptions.toSqlException(cause);
        }
    }

    static void sleep(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry a busy database", SqlState.SERIALIZATION_FAILURE.code(), e);
        }
    }

    /** Opens the driver's transaction before the first statement when autocommit is off. */
    private void beginIfNeeded(DqliteConnection conn, SqlStatement analysis) throws SQLException {
        if (!session.needsLazyBegin(analysis)) {
            return;
        }
        await(conn, conn.execSql(session.beginStatement(), Params.NONE));
        session.onSuccess(BEGIN_ANALYSIS);
    }

    /** Closes the wire connection; the server rolls back whatever was open on it. */
    private void dropWire() {
        session.detach(session.current());
    }

    StatementCache statementCache() {
        return session.statementCache();
    }

    /** Whether the server runs DML with RETURNING natively (the session's probe, once per wire connection). */
    boolean nativeReturning() throws SQLException {
        return run(PROBE_ANALYSIS, conn -> await(conn, session.nativeReturning(conn)));
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLNonTransientConnectionException("connection is closed", SqlState.CONNECTION_DOES_NOT_EXIST.code());
        }
    }

    DqliteConfig config() {
        return config;
    }

    Session session() {
        return session;
    }

    long busyTimeoutMillis() {
        return session.busyTimeoutMillis();
    }

    void busyTimeoutMillis(long millis) {
        session.busyTimeoutMillis(millis);
    }

    /**
     * Requests sent to the server over this connection's lifetime (all wire connections it
     * used); a round-trip counter for tests and metrics.
     */
    public long roundTrips() {
        lock.lock();
        try {
            return session.roundTrips();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the driver believes a transaction (or an untracked savepoint) is open. */
    public boolean inTransaction() {
        lock.lock();
        try {
            return session.inTransaction();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a quoted or otherwise untrackable savepoint name was used, forcing ROLLBACK on return. */
    public boolean hasUntrackedSavepoint() {
        lock.lock();
        try {
            return session.hasUntrackedSavepoint();
        } finally {
            lock.unlock();
        }
    }

    /** The leader this connection talks to, or null while disconnected. */
    public String leaderAddress() {
        DqliteConnection current = session.current();
        return current == null || current.isClosed() ? null : current.address().toString();
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        lock.lock();
        try {
            checkOpen();
            if (session.autoCommit() == autoCommit) {
                return;
            }
            if (autoCommit && session.inTransaction()) {
                // JDBC: switching autocommit on commits the open transaction.
                commitNow();
            }
            session.autoCommit(autoCommit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return session.autoCommit();
    }

    /**
     * Sends COMMIT if a transaction is open; otherwise does nothing (no round trip).
     *
     * @throws SQLException (25000) in autocommit mode, as the JDBC specification requires
     */
    @Override
    public void commit() throws SQLException {
        lock.lock();
        try {
            checkOpen();
            checkNotAutoCommit("commit");
            if (session.inTransaction()) {
                commitNow();
            }
        } finally {
            lock.unlock();
        }
    }

    private void commitNow() throws SQLException {
        run(COMMIT_ANALYSIS, conn -> await(conn, conn.execSql("COMMIT", Params.NONE)));
    }

    /**
     * Sends ROLLBACK when the tracker says a transaction or an untracked savepoint may be open;
     * otherwise does nothing (no round trip). A server answer of "no transaction is active" counts
     * as success.
     *
     * @throws SQLException (25000) in autocommit mode with nothing open, as the JDBC specification
     *         requires (a raw BEGIN or an untracked savepoint in autocommit mode is still rolled back)
     */
    @Override
    public void rollback() throws SQLException {
        lock.lock();
        try {
            checkOpen();
            if (!session.needsRollback()) {
                checkNotAutoCommit("rollback");
                return;
            }
            DqliteConnection conn = session.current();
            if (conn == null || conn.isClosed()) {
                dropWire(); // the server already rolled back with the socket
                return;
            }
            // A broken connection or "no transaction is active" counts as rolled back (FailurePolicy).
            run(ROLLBACK_ANALYSIS, c -> await(c, c.execSql("ROLLBACK", Params.NONE)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        int id = savepointSeq.incrementAndGet();
        DqliteSavepoint sp = new DqliteSavepoint(id, "dqlite_sp_" + id, false);
        savepoint("SAVEPOINT " + sp.serverName());
        return sp;
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null || name.isEmpty()) {
            throw new SQLException("savepoint name must not be empty", SqlState.INVALID_SAVEPOINT_SPECIFICATION.code());
        }
        DqliteSavepoint sp = new DqliteSavepoint(savepointSeq.incrementAndGet(), name, true);
        savepoint("SAVEPOINT " + Session.savepointSql(name));
        return sp;
    }

    private void savepoint(String sql) throws SQLException {
        lock.lock();
        try {
            checkOpen();
            if (session.autoCommit()) {
                throw new SQLException("cannot set a savepoint in autocommit mode; call setAutoCommit(false) first", SqlState.INVALID_TRANSACTION_STATE.code());
            }
            execTracked(sql);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        execTracked("ROLLBACK TO SAVEPOINT " + Session.savepointSql(name(savepoint)));
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        execTracked("RELEASE SAVEPOINT " + Session.savepointSql(name(savepoint)));
    }

    private static String name(Savepoint savepoint) throws SQLException {
        if (!(savepoint instanceof DqliteSavepoint sp)) {
            throw new SQLException("not a savepoint of this driver: " + savepoint, SqlState.INVALID_SAVEPOINT_SPECIFICATION.code());
        }
        return sp.serverName();
    }

    private void execTracked(String sql) throws SQLException {
        SqlStatement analysis = SqlStatement.analyze(sql);
        run(analysis, conn -> await(conn, conn.execSql(sql, Params.NONE)));
    }

    private void checkNotAutoCommit(String what) throws SQLException {
        if (session.autoCommit()) {
            throw new SQLException("cannot " + what + " in autocommit mode: every statement commits by itself; call "
                    + "setAutoCommit(false) first", SqlState.INVALID_TRANSACTION_STATE.code());
        }
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (level != TRANSACTION_SERIALIZABLE) {
            throw new SQLFeatureNotSupportedException("dqlite runs every transaction SERIALIZABLE (one writer at a "
                    + "time, readers see a consistent snapshot); isolation level " + isolationName(level)
                    + " cannot be provided", SqlState.FEATURE_NOT_SUPPORTED.code());
        }
    }

    private static String isolationName(int level) {
        return switch (level) {
            case TRANSACTION_NONE -> "NONE";
            case TRANSACTION_READ_UNCOMMITTED -> "READ_UNCOMMITTED";
            case TRANSACTION_READ_COMMITTED -> "READ_COMMITTED";
            case TRANSACTION_REPEATABLE_READ -> "REPEATABLE_READ";
            default -> String.valueOf(level);
        };
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_SERIALIZABLE;
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        lock.lock();
        try {
            checkOpen();
            if (session.readOnly() == readOnly) {
                return;
            }
            if (session.inTransaction()) {
                throw new SQLException("cannot change read-only mode inside a transaction", SqlState.ACTIVE_SQL_TRANSACTION.code());
            }
            session.readOnly(readOnly);
            DqliteConnection conn = session.current();
            if (conn != null && !conn.isClosed() && readOnlyApplied != readOnly) {
                try {
                    applyReadOnly(conn);
                } catch (WireFailure wf) {
                    throw SqlExceptions.toSqlException(DqliteConnection.unwrap(wf.getCause()));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return session.readOnly();
    }

    // ------------------------------------------------------------------ statements

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return new DqliteStatement(this);
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        return new DqlitePreparedStatement(this, sql, false);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkOpen();
        return new DqlitePreparedStatement(this, sql, DqliteStatement.autoGeneratedKeys(autoGeneratedKeys));
    }

    /** Generated keys are the named table columns, by 1-based position, under their names. */
    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        checkOpen();
        DqlitePreparedStatement ps = new DqlitePreparedStatement(this, sql, true);
        ps.requestGeneratedKeys(true, null, columnIndexes);
        return ps;
    }

    /** Generated keys are the named columns, under those names (emulated RETURNING of the INSERT). */
    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkOpen();
        DqlitePreparedStatement ps = new DqlitePreparedStatement(this, sql, true);
        ps.requestGeneratedKeys(true, columnNames, null);
        return ps;
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        checkResultSetType(resultSetType, resultSetConcurrency);
        return createStatement();
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int holdability) throws SQLException {
        checkResultSetType(resultSetType, resultSetConcurrency);
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        checkResultSetType(resultSetType, resultSetConcurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency, int holdability)
            throws SQLException {
        checkResultSetType(resultSetType, resultSetConcurrency);
        return prepareStatement(sql);
    }

    private static void checkResultSetType(int type, int concurrency) throws SQLException {
        if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
            throw new SQLFeatureNotSupportedException("dqlite result sets are forward-only and read-only "
                    + "(results are streamed from the server)", SqlState.FEATURE_NOT_SUPPORTED.code());
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLite has no stored procedures", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency, int holdability)
            throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    // ------------------------------------------------------------------ metadata and state

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new DqliteDatabaseMetaData(this, url, sqliteVersion(), DqliteDriver.VERSION);
    }

    /** The server's SQLite version, asked once. */
    String sqliteVersion() throws SQLException {
        if (sqliteVersion == null) {
            try (Statement s = createStatement(); ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                sqliteVersion = rs.getString(1);
            }
        }
        return sqliteVersion;
    }

    /**
     * Valid when the connection is open and its node still confirms that it leads the cluster
     * (a LEADER request; no SQL state is touched).
     */
    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("timeout must be >= 0, not " + timeout, SqlState.INVALID_PARAMETER_VALUE.code());
        }
        if (closed) {
            return false;
        }
        lock.lock();
        try {
            DqliteConnection conn = session.current();
            if (conn == null || conn.isClosed()) {
                return !session.inTransaction() && tryReconnect();
            }
            try {
                long wait = timeout == 0 ? waitMillis() : TimeUnit.SECONDS.toMillis(timeout);
                var server = conn.leader().get(wait, TimeUnit.MILLISECONDS);
                return server.knowsLeader() && io.dqlite4j.client.NodeAddress.parse(server.address()).equals(conn.address());
            } catch (Exception e) {
                return false;
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean tryReconnect() {
        try {
            live();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() throws SQLException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dropWire(); // closing the socket makes the server roll back anything still open
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Closes the socket at once, from any thread, without waiting for the lock. */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("executor must not be null", SqlState.INVALID_PARAMETER_VALUE.code());
        }
        closed = true;
        DqliteConnection current = session.current();
        if (current != null) {
            executor.execute(current::close);
        }
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) {
            throw new SQLException("network timeout must be >= 0, not " + milliseconds, SqlState.INVALID_PARAMETER_VALUE.code());
        }
        this.networkTimeoutMillis = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return networkTimeoutMillis;
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
    public void setCatalog(String catalog) throws SQLException {
        checkOpen(); // SQLite has no catalogs; ignored as the JDBC spec allows
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen(); // one database per connection; ignored as the JDBC spec allows
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return Map.of();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        throw new SQLFeatureNotSupportedException("type maps are not supported", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw new SQLFeatureNotSupportedException("only CLOSE_CURSORS_AT_COMMIT is supported", SqlState.FEATURE_NOT_SUPPORTED.code());
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public Clob createClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("Clob is not supported; use String", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public Blob createBlob() throws SQLException {
        throw new SQLFeatureNotSupportedException("Blob is not supported; use byte[]", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public NClob createNClob() throws SQLException {
        throw new SQLFeatureNotSupportedException("NClob is not supported; use String", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLXML is not supported", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLite has no array type", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLite has no structured types", SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        // No client info is kept by dqlite; accepted and ignored as the JDBC spec allows.
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        // See setClientInfo(String, String).
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        return new Properties();
    }

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return Wrappers.unwrap(this, iface); }
    @Override public boolean isWrapperFor(Class<?> iface) { return Wrappers.isWrapperFor(this, iface); }

    @Override
    public String toString() {
        return "DqliteJdbcConnection[" + url + (closed ? ", closed" : "") + "]";
    }

    static SqlStatement rollbackAnalysis() {
        return ROLLBACK_ANALYSIS;
    }
}
