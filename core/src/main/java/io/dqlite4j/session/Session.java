package io.dqlite4j.session;

import io.dqlite4j.client.DqliteInDoubtException;
import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.DqliteTimeoutException;
import io.dqlite4j.client.ErrorCodes;
import io.dqlite4j.client.PreparedStatementHandle;
import io.dqlite4j.client.ServerGeneration;
import io.dqlite4j.client.SessionMode;
import io.dqlite4j.session.FailurePolicy.Failure;
import io.dqlite4j.session.FailurePolicy.Role;
import io.dqlite4j.session.FailurePolicy.Situation;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
import io.dqlite4j.sql.TransactionTracker;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.Request;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one driver connection, shared by the JDBC (blocking) and R2DBC (Publisher-based)
 * adapters: the wire connection to the leader, the transaction and savepoint state, autocommit,
 * read-only mode, the busy budget, the prepared-statement cache, and the rules that turn these
 * into what is sent (the lazy BEGIN, the text to send) and into what a failure means
 * ({@link FailurePolicy}).
 *
 * <p>How a wire connection is opened differs between the adapters (a blocking dial, a future);
 * once open it is {@linkplain #attach attached} here, and every loss goes through
 * {@link #detach}, which forgets the transaction the server rolled back with the socket.
 *
 * <p>Thread-safe: the JDBC adapter calls it under its own lock, the R2DBC adapter from its
 * operation queue and I/O threads; every method is short and takes this object's monitor.
 */
public final class Session {
    private static final long[] BUSY_DELAYS_MILLIS = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
    /** Re-runs after reconnecting start only within this many {@code timeout}s of the first attempt. */
    static final int RERUN_BUDGET_TIMEOUTS = 2;

    private final DqliteConfig config;
    private final TransactionTracker tracker = new TransactionTracker();
    private final StatementCache statementCache;
    private final AtomicLong retiredRoundTrips = new AtomicLong();
    private volatile DqliteConnection wire;
    private volatile boolean autoCommit = true;
    private volatile boolean readOnly;
    private volatile long busyTimeoutMillis;
    /** The wire connection {@link #nativeReturning} was decided for, and the decision. */
    private volatile DqliteConnection returningProbed;
    private volatile boolean returningNative;

    /** A session for a connection made with {@code config}. */
    public Session(DqliteConfig config) {
        this.config = config;
        this.statementCache = new StatementCache(config.statementCacheSize());
        this.readOnly = config.sessionMode() == SessionMode.READ_ONLY;
        this.busyTimeoutMillis = config.busyTimeout().toMillis();
    }

    public DqliteConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ the wire connection

    /** The current wire connection when it is open, else null. */
    public DqliteConnection live() {
        DqliteConnection current = wire;
        return current != null && !current.isClosed() ? current : null;
    }

    /** The current wire connection, open or broken, or null. */
    public DqliteConnection current() {
        return wire;
    }

    /** Makes {@code fresh} the session's wire connection. */
    public synchronized void attach(DqliteConnection fresh) {
        wire = fresh;
    }

    /**
     * Closes {@code conn}; when it is the current wire connection, the session forgets it, its
     * cached statements and the transaction the server rolled back with it.
     *
     * @return whether {@code conn} was the current connection
     */
    public boolean detach(DqliteConnection conn) {
        if (conn == null) {
            return false;
        }
        boolean current;
        synchronized (this) {
            current = wire == conn;
            if (current) {
                wire = null;
                statementCache.clear();
                tracker.onConnectionLost();
            }
        }
        if (current) {
            retiredRoundTrips.addAndGet(conn.requestsSent());
        }
        conn.close();
        return current;
    }

    /** Requests sent over the session's lifetime, over every wire connection it used. */
    public long roundTrips() {
        DqliteConnection current = wire;
        return retiredRoundTrips.get() + (current != null ? current.requestsSent() : 0);
    }

    /** For the JDBC adapter, which calls it under its own lock. */
    public StatementCache statementCache() {
        return statementCache;
    }

    /** A cached prepared statement for {@code sql} on {@code conn}, checked out, or null (thread-safe). */
    public synchronized PreparedStatementHandle takeStatement(String sql, DqliteConnection conn) {
        return conn == wire ? statementCache.take(sql, conn) : null;
    }

    /** Gives a statement back to the cache, or finalizes it (thread-safe). */
    public synchronized void giveStatement(PreparedStatementHandle handle, DqliteConnection conn) {
        if (conn == wire && !conn.isClosed()) {
            statementCache.give(handle, conn);
        }
    }

    // ------------------------------------------------------------------ transaction state

    public boolean autoCommit() {
        return autoCommit;
    }

    public void autoCommit(boolean on) {
        this.autoCommit = on;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public void readOnly(boolean on) {
        this.readOnly = on;
    }

    public long busyTimeoutMillis() {
        return busyTimeoutMillis;
    }

    public void busyTimeoutMillis(long millis) {
        this.busyTimeoutMillis = Math.max(0, millis);
    }

    public synchronized boolean inTransaction() {
        return tracker.inTransaction();
    }

    public synchronized boolean hasUntrackedSavepoint() {
        return tracker.hasUntrackedSavepoint();
    }

    public synchronized boolean needsRollback() {
        return tracker.needsRollbackOnReturn();
    }

    public synchronized void onSuccess(SqlStatement analysis) {
        tracker.onSuccess(analysis);
    }

    public synchronized void onFailure(SqlStatement analysis, long code, String message) {
        tracker.onFailure(analysis, code, message);
    }

    /** The transaction ended (ROLLBACK answered, or the server said none is active). */
    public synchronized void onTransactionEnded() {
        tracker.reset();
    }

    /** Whether the session must open its transaction before running {@code analysis}. */
    public boolean needsLazyBegin(SqlStatement analysis) {
        if (autoCommit || inTransaction()) {
            return false;
        }
        StatementKind kind = analysis.kind();
        return kind != StatementKind.BEGIN && kind != StatementKind.COMMIT && kind != StatementKind.ROLLBACK
                && kind != StatementKind.EMPTY;
    }

    /**
     * The BEGIN the session sends to open a transaction: the {@code session_mode}'s, except in
     * read-only mode, where it is a plain (deferred) BEGIN: under {@code PRAGMA query_only}
     * SQLite refuses BEGIN IMMEDIATE and EXCLUSIVE ("attempt to write a readonly database").
     */
    public String beginStatement() {
        return readOnly ? SessionMode.DEFERRED.beginStatement() : config.sessionMode().beginStatement();
    }

    /**
     * Whether {@code analysis} is {@code PRAGMA busy_timeout}, which the server's authorizer denies
     * and the session answers itself: it is the budget of the session's SQLITE_BUSY retries.
     */
    public static boolean isBusyTimeoutPragma(SqlStatement analysis) {
        if (analysis.kind() != StatementKind.PRAGMA || analysis.hasMultipleStatements()) {
            return false;
        }
        String s = analysis.sql().strip().toLowerCase(java.util.Locale.ROOT);
        return s.startsWith("pragma") && s.substring(6).strip().replace("main.", "").startsWith("busy_timeout");
    }

    /**
     * Runs {@code PRAGMA busy_timeout [= N | (N)]} locally: sets the busy budget when a value is
     * given (negative or beyond int: 0, as SQLite does) and returns the budget in milliseconds.
     *
     * @throws IllegalArgumentException if the value is not an integer
     */
    public long applyBusyTimeoutPragma(String sql) {
        String s = sql.strip();
        int eq = s.indexOf('=');
        int at = eq >= 0 ? eq : s.indexOf('(');
        if (at >= 0) {
            String value = s.substring(at + 1).replace(")", "").replace(";", "").strip();
            long millis;
            try {
                millis = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PRAGMA busy_timeout expects an integer number of milliseconds, not '"
                        + value + "'", e);
            }
            busyTimeoutMillis(millis < 0 || millis > Integer.MAX_VALUE ? 0 : millis);
        }
        return busyTimeoutMillis;
    }

    /** The pragma that puts a wire connection in (or out of) read-only mode. */
    public static String queryOnlyPragma(boolean on) {
        return on ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0";
    }

    /**
     * The text to send for a user statement: a bare BEGIN gets the session's qualifier; text after
     * the final ';' of several statements is cut (it makes dqlite 1.11 lose the statement's
     * counters, docs/protocol.md "Trailing text").
     */
    public String textToSend(SqlStatement analysis) {
        if (analysis.kind() == StatementKind.BEGIN && !analysis.hasMultipleStatements()) {
            return SqlStatement.rewriteBegin(analysis, beginStatement());
        }
        return analysis.hasMultipleStatements() ? analysis.trimmedSql() : analysis.sql();
    }

    /**
     * A savepoint name as SQL: bare ASCII identifiers as they are, anything else double-quoted
     * (the tracker then treats the savepoint as untracked).
     */
    public static String savepointSql(String name) {
        boolean bare = !name.isEmpty() && (isAsciiLetter(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; i < name.length() && bare; i++) {
            char c = name.charAt(i);
            bare = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
        }
        return bare ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    // ------------------------------------------------------------------ server checks

    /** A database name no one uses: DUMP of it tells the servers apart without touching data. */
    static final String RETURNING_PROBE_DATABASE = "dqlite4j-probe-no-such-database";

    /**
     * Whether {@code conn}'s server runs DML with RETURNING through QUERY_SQL correctly (dqlite
     * 1.18.3 and newer), asked once per wire connection. Older servers fail such a statement and
     * abort on their next write, so they are never sent one; the session emulates RETURNING there
     * ({@link ReturningPlan}).
     *
     * <p>The probe: 1.18.3 also started answering DUMP of an unknown database with FAILURE 1002,
     * where older servers send two empty files (docs/protocol.md "Telling servers apart"). DUMP
     * reads nothing but the named database, so asking for one that does not exist is harmless on
     * every generation; a 1.11 server (LEGACY) is not even asked. When the answer is 1002 the
     * wire connection is told to let RETURNING queries through.
     *
     * @return completes with the decision; a failed probe (a broken connection) completes false
     */
    public CompletableFuture<Boolean> nativeReturning(DqliteConnection conn) {
        if (returningProbed == conn) {
            return CompletableFuture.completedFuture(returningNative);
        }
        if (conn.returningQueriesAllowed()) {
            return CompletableFuture.completedFuture(remember(conn, true));
        }
        return conn.generation().thenCompose(g -> g == ServerGeneration.LEGACY
                ? CompletableFuture.completedFuture(false)
                : conn.send(new Request.Dump(RETURNING_PROBE_DATABASE)).handle((files, e) -> {
                    if (e == null) {
                        return false; // two empty files: before 1.18.3
                    }
                    Throwable cause = DqliteConnection.unwrap(e);
                    if (cause instanceof DqliteServerException se && se.code() == ErrorCodes.DQLITE_NOTFOUND) {
                        conn.allowReturningQueries();
                        return true;
                    }
                    return false;
                })).handle((native_, e) -> remember(conn, e == null && native_));
    }

    private boolean remember(DqliteConnection conn, boolean value) {
        returningNative = value;
        returningProbed = conn;
        return value;
    }

    /**
     * Why {@code conn}'s server cannot take {@code params}, or null when it can: more than 255
     * parameters need the wide tuple form of dqlite 1.12 and newer (docs/protocol.md §4.2). Asks
     * the server's generation at most once per wire connection, and only for a wide tuple.
     */
    public static CompletableFuture<String> parameterRefusal(DqliteConnection conn, Params params) {
        if (!params.isWide()) {
            return CompletableFuture.completedFuture(null);
        }
        return conn.generation().thenApply(g -> g.supportsWideParams() ? null
                : "this dqlite server (1.11) accepts at most 255 parameters per statement, got " + params.size()
                        + "; nothing was sent");
    }

    // ------------------------------------------------------------------ failures

    /** How long re-runs after reconnecting may go on: {@value #RERUN_BUDGET_TIMEOUTS} × {@code timeout}. */
    public long rerunBudgetMillis() {
        return RERUN_BUDGET_TIMEOUTS * config.timeout().toMillis();
    }

    /** The delay before busy retry number {@code step} (SQLite's own curve), at most {@code leftMillis}. */
    public static long busyDelayMillis(int step, long leftMillis) {
        return Math.max(0, Math.min(leftMillis, BUSY_DELAYS_MILLIS[Math.min(step, BUSY_DELAYS_MILLIS.length - 1)]));
    }

    /**
     * What a failure of one attempt was.
     *
     * @param cause the unwrapped failure
     * @param asQuery whether the statement was sent as a QUERY
     * @param analysis the statement
     * @param statementSent false while only the lazy BEGIN was under way: a break then cannot have
     *        applied the statement
     */
    public static Failure classify(Throwable cause, boolean asQuery, SqlStatement analysis, boolean statementSent) {
        if (cause instanceof QueryTimeoutException) {
            return Failure.QUERY_TIMEOUT;
        }
        if (cause instanceof DqliteConnectionException dce) {
            if (!statementSent) {
                return Failure.NOT_SENT;
            }
            if (dce instanceof DqliteTimeoutException) {
                return dce.sentBeforeFailure() ? Failure.NETWORK_TIMEOUT : Failure.NOT_SENT;
            }
            if (dce instanceof DqliteInDoubtException) {
                return Failure.LEADERSHIP_LOST_IN_FLIGHT;
            }
            return dce.sentBeforeFailure() ? Failure.SENT_NO_ANSWER : Failure.NOT_SENT;
        }
        if (cause instanceof DqliteServerException se) {
            if (se.primaryCode() == ErrorCodes.SQLITE_BUSY) {
                return Failure.BUSY;
            }
            if (analysis.kind() == StatementKind.ROLLBACK && isNoTransactionActive(se.serverMessage())) {
                return Failure.NO_TRANSACTION_ACTIVE;
            }
            if (wrongRequestKind(se.code(), se.serverMessage(), asQuery, analysis)) {
                return Failure.WRONG_REQUEST_KIND;
            }
        }
        return Failure.SERVER_ERROR;
    }

    /** SQLite's answer to a ROLLBACK with nothing open. */
    public static boolean isNoTransactionActive(String serverMessage) {
        return String.valueOf(serverMessage).contains("no transaction is active");
    }

    /**
     * The analyzer guessed the request kind wrong (a PRAGMA or unusual statement): the server
     * wants the other one. 1.11 answers QUERY of a statement without result columns with code 1
     * "not an error"; EXEC of a statement that yields rows fails with code 100 or "rows yielded
     * when none expected".
     */
    public static boolean wrongRequestKind(long code, String serverMessage, boolean asQuery, SqlStatement analysis) {
        String msg = String.valueOf(serverMessage);
        if (asQuery) {
            return code == ErrorCodes.SQLITE_ERROR && msg.contains("not an error");
        }
        StatementKind kind = analysis.kind();
        return (kind == StatementKind.PRAGMA || kind == StatementKind.OTHER)
                && (code == ErrorCodes.SQLITE_ROW || msg.contains("rows yielded when none expected"));
    }

    /** The situation of a failed attempt, for {@link FailurePolicy#decide}. */
    public Situation situation(Failure failure, SqlStatement analysis, Attempts attempts, boolean flipped) {
        long busyLeft = busyTimeoutMillis <= 0 ? 0 : attempts.busyLeftMillis(busyTimeoutMillis);
        return new Situation(failure, Role.of(analysis), !attempts.transactionHadWork() && autoCommit,
                attempts.transactionHadWork(), analysis.hasMultipleStatements(), flipped, attempts.reconnects(),
                config.maxAttempts(), attempts.elapsedMillis(), rerunBudgetMillis(), busyLeft);
    }

    /** The bookkeeping of one statement's attempts. Not thread-safe: one statement at a time. */
    public static final class Attempts {
        private final long startNanos = System.nanoTime();
        private long busyDeadlineNanos;
        private int busyStep;
        private int reconnects;
        private boolean transactionHadWork;

        /** Records, before each attempt, whether a transaction with earlier work is open. */
        public void transactionHadWork(boolean hadWork) {
            this.transactionHadWork = hadWork;
        }

        public boolean transactionHadWork() {
            return transactionHadWork;
        }

        public int reconnects() {
            return reconnects;
        }

        public void reconnected() {
            reconnects++;
        }

        public long elapsedMillis() {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }

        long busyLeftMillis(long budgetMillis) {
            long now = System.nanoTime();
            if (busyDeadlineNanos == 0) {
                busyDeadlineNanos = now + budgetMillis * 1_000_000;
            }
            return (busyDeadlineNanos - now) / 1_000_000;
        }

        /** The delay before the next busy retry. */
        public long nextBusyDelayMillis(long budgetMillis) {
            return busyDelayMillis(busyStep++, busyLeftMillis(budgetMillis));
        }
    }
}
