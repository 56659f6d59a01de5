package io.dqlite4j.r2dbc;

import io.dqlite4j.client.AmbiguousCommitException;
import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteMetrics;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.ErrorCodes;
import io.dqlite4j.client.NodeAddress;
import io.dqlite4j.client.RowStream;
import io.dqlite4j.client.ServerGeneration;
import io.dqlite4j.client.SessionMode;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
import io.dqlite4j.sql.TransactionTracker;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.RowBatch;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;

/**
 * An R2DBC connection to a dqlite cluster: one socket to the Raft leader with the URL's database
 * opened. Nothing blocks: every operation is a chain of futures completed by the connection's
 * I/O thread.
 *
 * <p><b>Ordering.</b> Operations (statement executions, transaction calls) run one at a time in
 * the order they were subscribed to. A query counts as done for this purpose once its first
 * batch arrived: the next request is then written behind it and answered after its last row, so
 * the rows of a result must be consumed (or the subscription cancelled) before later statements
 * complete.
 *
 * <p><b>Transactions.</b> Autocommit is on by default: each statement is its own replicated
 * transaction. {@link #beginTransaction()} sends the BEGIN of {@code session_mode} (IMMEDIATE by
 * default); {@code setAutoCommit(false)} instead opens a transaction lazily before the next
 * statement, as the JDBC driver does. {@link #commitTransaction()} and
 * {@link #rollbackTransaction()} cost no round trip when the {@link TransactionTracker} (the JDBC
 * driver's) knows nothing is open. Savepoint names must be bare ASCII identifiers
 * ({@code [A-Za-z_][A-Za-z0-9_]*}); {@link #createSavepoint} outside a transaction begins one
 * first. Isolation is always SERIALIZABLE.
 *
 * <p><b>Failover</b> follows the native client and the JDBC driver. The first statement after
 * the leader changed reconnects through leader discovery. A statement that the old leader
 * certainly did not run (refused as "not leader", or never written) or a plain read is re-run on
 * the new leader, outside a transaction, up to {@code max_attempts} times. What may have been
 * applied is reported, never retried: a COMMIT, or an autocommit write, in flight when the
 * connection broke or leadership was lost fails with {@link DqliteAmbiguousCommitException}
 * (SQLState 08007). A transaction broken by a leader change fails with
 * {@code R2dbcTransientResourceException} (08006), and so does every further statement until
 * {@link #rollbackTransaction()} acknowledges the loss; the transaction can then be retried as a
 * whole.
 *
 * <p><b>SQLITE_BUSY</b> is retried with SQLite's backoff curve for up to {@code busy_timeout}
 * (or {@link #setLockWaitTimeout}) where that is safe: any single statement except COMMIT.
 */
public final class DqliteR2dbcConnection implements Connection {
    private static final long[] BUSY_DELAYS_MILLIS = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
    private static final SqlStatement BEGIN_ANALYSIS = SqlStatement.analyze("BEGIN");
    private static final Pattern BARE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DqliteClient client;
    private final DqliteConfig config;
    private final boolean readOnly;
    private final String sqliteVersion;
    private final TransactionTracker tracker = new TransactionTracker(); // guarded by itself
    private final ConcurrentLinkedQueue<Supplier<CompletableFuture<?>>> ops = new ConcurrentLinkedQueue<>();
    private final AtomicInteger opWip = new AtomicInteger();
    private final AtomicLong retiredRoundTrips = new AtomicLong();
    private volatile boolean opBusy;
    private volatile DqliteConnection wire;
    /** The event loop of {@link #wire}, captured when it was opened; null if that failed. */
    private volatile java.util.concurrent.Executor wireLoop;
    private volatile boolean closed;
    private volatile boolean autoCommit = true;
    /** The transaction was lost with its connection; statements fail until rollbackTransaction(). */
    private volatile boolean brokenTx;
    private volatile Throwable brokenCause;
    private volatile long busyTimeoutMillis;
    private volatile long statementTimeoutMillis;

    private DqliteR2dbcConnection(DqliteClient client, DqliteConnection wire, java.util.concurrent.Executor loop,
            String sqliteVersion) {
        this.client = client;
        this.config = client.config();
        this.wire = wire;
        this.wireLoop = loop;
        this.sqliteVersion = sqliteVersion;
        this.readOnly = config.sessionMode() == SessionMode.READ_ONLY;
        this.busyTimeoutMillis = config.busyTimeout().toMillis();
    }

    /** Finds the leader, opens the database and reads the server's SQLite version. */
    static CompletableFuture<DqliteR2dbcConnection> open(DqliteClient client) {
        boolean readOnly = client.config().sessionMode() == SessionMode.READ_ONLY;
        return client.openConnection().thenCompose(conn -> {
            java.util.concurrent.Executor loop = conn.executor();
            return prepareWire(conn, readOnly)
                    .thenCompose(v -> firstValue(conn.querySql("SELECT sqlite_version()", Params.NONE), loop))
                    .handle((version, e) -> {
                        if (e != null) {
                            conn.close();
                            throw new java.util.concurrent.CompletionException(DqliteConnection.unwrap(e));
                        }
                        return new DqliteR2dbcConnection(client, conn, loop, String.valueOf(version));
                    });
        });
    }

    private static CompletableFuture<Void> prepareWire(DqliteConnection conn, boolean readOnly) {
        if (!readOnly) {
            return CompletableFuture.completedFuture(null);
        }
        return conn.execSql("PRAGMA query_only = 1", Params.NONE).thenApply(r -> null);
    }

    /** The first value of the first row of a small result. */
    private static CompletableFuture<Object> firstValue(RowStream stream, java.util.concurrent.Executor loop) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        Object[] value = new Object[1];
        RowStream.Subscriber subscriber = new RowStream.Subscriber() {
            @Override
            public void onBatch(RowBatch batch) {
                if (value[0] == null && batch.rowCount() > 0 && batch.columnCount() > 0) {
                    value[0] = batch.getObject(0, 0);
                }
                stream.request(1);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.complete(value[0]);
            }
        };
        EventLoops.run(loop, () -> {
            stream.subscribe(subscriber);
            stream.request(1);
        });
        return result;
    }

    // ------------------------------------------------------------------ operation queue

    /**
     * Queues an operation; it starts when every operation queued before it is done. The returned
     * future completes with the operation's outcome. A closed connection fails it unstarted.
     */
    <T> CompletableFuture<T> enqueue(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        ops.offer(() -> {
            CompletableFuture<T> f;
            if (closed) {
                f = CompletableFuture.failedFuture(R2dbcExceptions.closed());
            } else {
                try {
                    f = work.get();
                } catch (Throwable t) {
                    f = CompletableFuture.failedFuture(t);
                }
            }
            return f.whenComplete((v, e) -> {
                if (e != null) {
                    outcome.completeExceptionally(DqliteConnection.unwrap(e));
                } else {
                    outcome.complete(v);
                }
            });
        });
        drainOps();
        return outcome;
    }

    private void drainOps() {
        if (opWip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            while (!opBusy) {
                Supplier<CompletableFuture<?>> op = ops.poll();
                if (op == null) {
                    break;
                }
                opBusy = true;
                op.get().whenComplete((v, e) -> {
                    opBusy = false;
                    drainOps();
                });
            }
            missed = opWip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** Queues one statement execution; completes with its result, or null if {@code skip} said so when its turn came. */
    CompletableFuture<DqliteResult> submit(Execution ex, BooleanSupplier skip) {
        return enqueue(() -> skip.getAsBoolean() ? CompletableFuture.completedFuture(null)
                : Lobs.resolve(ex.lobs, ex.params).thenCompose(v -> run(ex)));
    }

    // ------------------------------------------------------------------ execution core

    /** Runs one execution under the transaction, failover and BUSY rules. Called inside an operation. */
    private CompletableFuture<DqliteResult> run(Execution ex) {
        Runner runner = new Runner(ex);
        runner.attempt();
        return runner.out;
    }

    private final class Runner {
        final Execution ex;
        final CompletableFuture<DqliteResult> out = new CompletableFuture<>();
        long busyDeadline;
        int busyStep;
        int reconnects;

        Runner(Execution ex) {
            this.ex = ex;
        }

        void attempt() {
            if (closed) {
                out.completeExceptionally(R2dbcExceptions.closed());
                return;
            }
            if (brokenTx) {
                out.completeExceptionally(R2dbcExceptions.transactionLost(brokenCause));
                return;
            }
            live().whenComplete((conn, e) -> {
                if (e != null) {
                    out.completeExceptionally(R2dbcExceptions.map(e));
                } else {
                    attemptOn(conn);
                }
            });
        }

        private void attemptOn(DqliteConnection conn) {
            CompletableFuture<DqliteResult> step;
            try {
                step = checkServer(conn, ex).thenCompose(v -> beginIfNeeded(conn, ex)).thenCompose(v -> timed(send(conn)));
            } catch (RuntimeException e) {
                step = CompletableFuture.failedFuture(e);
            }
            step.whenComplete((result, e) -> {
                if (e == null) {
                    trackSuccess(ex.analysis);
                    out.complete(result);
                } else {
                    failed(conn, DqliteConnection.unwrap(e));
                }
            });
        }

        private CompletableFuture<DqliteResult> send(DqliteConnection conn) {
            if (ex.asQuery) {
                RowSource rows = new RowSource(conn.querySql(ex.sql, ex.params), ex.countsRows(), loopOf(conn));
                return rows.start().thenApply(first -> DqliteResult.ofRows(rows));
            }
            return conn.execSql(ex.sql, ex.params)
                    .thenApply(r -> DqliteResult.ofUpdateCount(ex.analysis.isDml() ? r.rowsAffected() : 0));
        }

        /** Applies the statement timeout to the first answer; a late answer is discarded. */
        private CompletableFuture<DqliteResult> timed(CompletableFuture<DqliteResult> answer) {
            long millis = statementTimeoutMillis;
            if (!ex.userStatement || millis <= 0) {
                return answer;
            }
            CompletableFuture<DqliteResult> timed = new CompletableFuture<>();
            answer.whenComplete((r, e) -> {
                boolean won = e == null ? timed.complete(r) : timed.completeExceptionally(e);
                if (!won && r != null) {
                    r.discard();
                }
            });
            CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> timed.completeExceptionally(
                    new R2dbcTimeoutException("statement timeout of " + millis + " ms expired; dqlite cannot cancel "
                            + "a running statement, so the server still completes it and its answer is discarded",
                            "HYT00")));
            return timed;
        }

        private void failed(DqliteConnection conn, Throwable cause) {
            if (cause instanceof R2dbcException r) {
                out.completeExceptionally(r);
                return;
            }
            SqlStatement a = ex.analysis;
            if (cause instanceof DqliteConnectionException dce) {
                boolean inTx = trackerInTransaction();
                dropWire(conn);
                boolean sent = dce instanceof AmbiguousCommitException || dce.sentBeforeFailure();
                boolean retry = !inTx && !(dce instanceof AmbiguousCommitException) && (!sent || ex.isRead())
                        && !a.isTransactionControl() && ++reconnects < config.maxAttempts();
                if (retry) {
                    attempt();
                    return;
                }
                int code = R2dbcExceptions.code(dce);
                if (a.kind() == StatementKind.COMMIT && inTx) {
                    out.completeExceptionally(sent
                            ? new DqliteAmbiguousCommitException("the connection to the leader broke while COMMIT was "
                                    + "in flight (" + dce.getMessage() + "); the transaction may or may not have been "
                                    + "applied and is not retried", code, dce)
                            : R2dbcExceptions.transactionLost(dce));
                    return;
                }
                if (inTx) {
                    if (a.kind() != StatementKind.ROLLBACK) {
                        markBroken(dce);
                    }
                    out.completeExceptionally(R2dbcExceptions.transactionLost(dce));
                    return;
                }
                if (sent && autoCommit && !ex.isRead() && !a.kind().isTransactionVerb()
                        && a.kind() != StatementKind.EMPTY) {
                    out.completeExceptionally(new DqliteAmbiguousCommitException("the connection to the leader broke "
                            + "while an autocommit write was in flight (" + dce.getMessage() + "); it may or may not "
                            + "have been applied and is not retried", code, dce));
                    return;
                }
                out.completeExceptionally(R2dbcExceptions.map(dce));
                return;
            }
            if (cause instanceof DqliteServerException se) {
                if (!ex.flipped && wrongRequestKind(se)) {
                    ex.flipped = true;
                    ex.asQuery = !ex.asQuery;
                    attemptOn(conn);
                    return;
                }
                if (se.primaryCode() == ErrorCodes.SQLITE_BUSY && busyRetryAllowed(a)) {
                    long now = System.nanoTime();
                    if (busyDeadline == 0) {
                        busyDeadline = now + TimeUnit.MILLISECONDS.toNanos(busyTimeoutMillis);
                    }
                    long left = TimeUnit.NANOSECONDS.toMillis(busyDeadline - now);
                    if (left > 0) {
                        long delay = Math.min(left, BUSY_DELAYS_MILLIS[Math.min(busyStep++, BUSY_DELAYS_MILLIS.length - 1)]);
                        DqliteMetrics.listeners().busyRetry();
                        CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(this::attempt);
                        return;
                    }
                }
                trackFailure(a, se.code(), se.serverMessage());
            }
            out.completeExceptionally(R2dbcExceptions.map(cause));
        }

        /** The analyzer guessed wrong (a PRAGMA or unusual statement): the server wants the other request. */
        private boolean wrongRequestKind(DqliteServerException se) {
            String msg = String.valueOf(se.serverMessage());
            if (ex.asQuery) {
                // 1.11.1 answers QUERY of a statement with no result columns with code 1 "not an error".
                return se.code() == ErrorCodes.SQLITE_ERROR && msg.contains("not an error");
            }
            StatementKind kind = ex.analysis.kind();
            return (kind == StatementKind.PRAGMA || kind == StatementKind.OTHER)
                    && (se.code() == ErrorCodes.SQLITE_ROW || msg.contains("rows yielded when none expected"));
        }
    }

    private boolean busyRetryAllowed(SqlStatement analysis) {
        return busyTimeoutMillis > 0 && analysis.kind() != StatementKind.COMMIT && !analysis.hasMultipleStatements();
    }

    /** RETURNING and wide parameter tuples need a dqlite ≥ 1.12 server; refused before anything is sent. */
    private static CompletableFuture<Void> checkServer(DqliteConnection conn, Execution ex) {
        boolean returning = ex.analysis.hasReturning();
        boolean wide = ex.params.isWide();
        if (!returning && !wide) {
            return CompletableFuture.completedFuture(null);
        }
        return conn.generation().thenAccept(generation -> {
            if (returning && !generation.supportsReturning()) {
                throw new R2dbcNonTransientResourceException("RETURNING is refused on this dqlite server (1.11): such a "
                        + "statement makes the node abort on its next write; nothing was sent. Run the DML and a SELECT "
                        + "instead", "0A000");
            }
            if (wide && !generation.supportsWideParams()) {
                throw new R2dbcNonTransientResourceException("this dqlite server (1.11) accepts at most 255 parameters "
                        + "per statement, got " + ex.params.size() + "; nothing was sent", "07001");
            }
        });
    }

    /** With autocommit off, opens the driver's transaction before the first statement. */
    private CompletableFuture<Void> beginIfNeeded(DqliteConnection conn, Execution ex) {
        if (autoCommit || trackerInTransaction()) {
            return CompletableFuture.completedFuture(null);
        }
        StatementKind kind = ex.analysis.kind();
        if (kind == StatementKind.BEGIN || kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK
                || kind == StatementKind.EMPTY) {
            return CompletableFuture.completedFuture(null);
        }
        return conn.execSql(config.sessionMode().beginStatement(), Params.NONE)
                .thenAccept(r -> trackSuccess(BEGIN_ANALYSIS));
    }

    /** The open wire connection, reconnecting to the (possibly new) leader when it is gone. */
    private CompletableFuture<DqliteConnection> live() {
        DqliteConnection current = wire;
        if (current != null && !current.isClosed()) {
            return CompletableFuture.completedFuture(current);
        }
        if (current != null) {
            boolean inTx = trackerInTransaction();
            dropWire(current);
            if (inTx) {
                Throwable why = current.closeCause();
                markBroken(why);
                return CompletableFuture.failedFuture(R2dbcExceptions.transactionLost(why));
            }
        }
        return client.openConnection().thenCompose(fresh -> {
            java.util.concurrent.Executor loop = fresh.executor();
            return prepareWire(fresh, readOnly).handle((v, e) -> {
                if (e != null) {
                    fresh.close();
                    throw new java.util.concurrent.CompletionException(DqliteConnection.unwrap(e));
                }
                if (closed) {
                    fresh.close();
                    throw R2dbcExceptions.closed();
                }
                wireLoop = loop;
                wire = fresh;
                return fresh;
            });
        });
    }

    private java.util.concurrent.Executor loopOf(DqliteConnection conn) {
        return conn == wire ? wireLoop : null;
    }

    /** Closes a wire connection; when it is the current one, the server rolled back whatever was open on it. */
    private void dropWire(DqliteConnection conn) {
        if (conn == null) {
            return;
        }
        boolean current;
        synchronized (tracker) {
            current = wire == conn;
            if (current) {
                wire = null;
                tracker.onConnectionLost();
            }
        }
        if (current) {
            retiredRoundTrips.addAndGet(conn.requestsSent());
        }
        conn.close();
    }

    private void markBroken(Throwable cause) {
        brokenCause = cause;
        brokenTx = true;
    }

    private boolean trackerInTransaction() {
        synchronized (tracker) {
            return tracker.inTransaction();
        }
    }

    private void trackSuccess(SqlStatement analysis) {
        synchronized (tracker) {
            tracker.onSuccess(analysis);
        }
    }

    private void trackFailure(SqlStatement analysis, long code, String message) {
        synchronized (tracker) {
            tracker.onFailure(analysis, code, message);
        }
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public Publisher<Void> beginTransaction() {
        return beginTransaction(EmptyDefinition.INSTANCE);
    }

    /**
     * Begins a transaction with the BEGIN of {@code session_mode}. Supported attributes:
     * {@link TransactionDefinition#ISOLATION_LEVEL} (SERIALIZABLE only),
     * {@link TransactionDefinition#READ_ONLY} (true only on a {@code session_mode=read_only}
     * connection); {@link TransactionDefinition#NAME} and
     * {@link TransactionDefinition#LOCK_WAIT_TIMEOUT} are accepted and ignored.
     */
    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        Objects.requireNonNull(definition, "definition must not be null");
        return op(() -> {
            IsolationLevel level = definition.getAttribute(TransactionDefinition.ISOLATION_LEVEL);
            if (level != null && !IsolationLevel.SERIALIZABLE.equals(level)) {
                return failed(unsupportedIsolation(level));
            }
            Boolean ro = definition.getAttribute(TransactionDefinition.READ_ONLY);
            if (Boolean.TRUE.equals(ro) && !readOnly) {
                return failed(new R2dbcNonTransientResourceException("read-only transactions need a connection made "
                        + "with session_mode=read_only (dqlite has no per-transaction read-only mode)", "0A000"));
            }
            if (trackerInTransaction()) {
                return failed(new R2dbcNonTransientResourceException("cannot start a transaction within a transaction",
                        "25001"));
            }
            return run(Execution.internal(config.sessionMode().beginStatement())).thenApply(r -> null);
        });
    }

    /** Sends COMMIT if a transaction is open; otherwise completes without a round trip. */
    @Override
    public Publisher<Void> commitTransaction() {
        return op(() -> {
            if (brokenTx) {
                Throwable why = brokenCause;
                brokenTx = false;
                brokenCause = null;
                return failed(R2dbcExceptions.transactionLost(why));
            }
            if (!trackerInTransaction()) {
                return CompletableFuture.completedFuture(null);
            }
            return run(Execution.internal("COMMIT")).thenApply(r -> null);
        });
    }

    /**
     * Sends ROLLBACK when the tracker says a transaction or an untracked savepoint may be open;
     * otherwise completes without a round trip. A transaction lost with its connection counts as
     * rolled back, and so does a server answer "no transaction is active".
     */
    @Override
    public Publisher<Void> rollbackTransaction() {
        return op(this::rollbackNow);
    }

    private CompletableFuture<Void> rollbackNow() {
        if (brokenTx) {
            brokenTx = false;
            brokenCause = null;
            return CompletableFuture.completedFuture(null);
        }
        boolean needed;
        synchronized (tracker) {
            needed = tracker.needsRollbackOnReturn();
        }
        if (!needed) {
            return CompletableFuture.completedFuture(null);
        }
        DqliteConnection conn = wire;
        if (conn == null || conn.isClosed()) {
            dropWire(conn); // the server rolled back with the socket
            return CompletableFuture.completedFuture(null);
        }
        return conn.execSql("ROLLBACK", Params.NONE).handle((r, e) -> {
            if (e == null) {
                synchronized (tracker) {
                    tracker.reset();
                }
                return null;
            }
            Throwable cause = DqliteConnection.unwrap(e);
            if (cause instanceof DqliteConnectionException) {
                dropWire(conn);
                return null;
            }
            if (cause instanceof DqliteServerException se && se.serverMessage().contains("no transaction is active")) {
                synchronized (tracker) {
                    tracker.reset();
                }
                return null;
            }
            throw R2dbcExceptions.map(cause);
        });
    }

    /**
     * {@code SAVEPOINT name}; outside a transaction the BEGIN of {@code session_mode} is sent first.
     *
     * @throws IllegalArgumentException unless {@code name} is a bare ASCII identifier {@code [A-Za-z_][A-Za-z0-9_]*}
     */
    @Override
    public Publisher<Void> createSavepoint(String name) {
        checkSavepointName(name);
        return op(() -> {
            CompletableFuture<?> begin = trackerInTransaction() || brokenTx ? CompletableFuture.completedFuture(null)
                    : run(Execution.internal(config.sessionMode().beginStatement()));
            return begin.thenCompose(v -> run(Execution.internal("SAVEPOINT " + name))).thenApply(r -> null);
        });
    }

    /**
     * {@code RELEASE SAVEPOINT name}.
     *
     * @throws IllegalArgumentException unless {@code name} is a bare ASCII identifier
     */
    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        checkSavepointName(name);
        return op(() -> run(Execution.internal("RELEASE SAVEPOINT " + name)).thenApply(r -> null));
    }

    /**
     * {@code ROLLBACK TO SAVEPOINT name}: undoes the work after the savepoint, which stays active.
     *
     * @throws IllegalArgumentException unless {@code name} is a bare ASCII identifier
     */
    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        checkSavepointName(name);
        return op(() -> run(Execution.internal("ROLLBACK TO SAVEPOINT " + name)).thenApply(r -> null));
    }

    static void checkSavepointName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("savepoint name must not be null");
        }
        if (!BARE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("savepoint name must be a bare ASCII identifier [A-Za-z_][A-Za-z0-9_]*, "
                    + "not '" + name + "' (quoted or non-ASCII names cannot be tracked)");
        }
    }

    /**
     * {@code false} opens a transaction lazily before the next statement (and after each commit or
     * rollback); {@code true} commits an open transaction first.
     */
    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return op(() -> {
            if (this.autoCommit == autoCommit) {
                return CompletableFuture.completedFuture(null);
            }
            if (autoCommit && trackerInTransaction()) {
                return run(Execution.internal("COMMIT")).thenApply(r -> {
                    this.autoCommit = true;
                    return null;
                });
            }
            this.autoCommit = autoCommit;
            return CompletableFuture.completedFuture(null);
        });
    }

    /** True when autocommit is on and no transaction (or untracked savepoint) is open. */
    @Override
    public boolean isAutoCommit() {
        return autoCommit && !brokenTx && !trackerInTransaction();
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return IsolationLevel.SERIALIZABLE;
    }

    /** Only SERIALIZABLE: dqlite runs every transaction serializable (one writer, snapshot reads). */
    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
        Objects.requireNonNull(isolationLevel, "isolationLevel must not be null");
        return FuturePublisher.of(() -> IsolationLevel.SERIALIZABLE.equals(isolationLevel)
                ? CompletableFuture.completedFuture(null) : failed(unsupportedIsolation(isolationLevel)));
    }

    private static R2dbcException unsupportedIsolation(IsolationLevel level) {
        return new R2dbcNonTransientResourceException("dqlite runs every transaction SERIALIZABLE (one writer at a "
                + "time, readers see a consistent snapshot); isolation level " + level.asSql() + " cannot be provided",
                "0A000");
    }

    /** The budget for the driver's SQLITE_BUSY retries ({@code busy_timeout}); zero disables them. */
    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        return FuturePublisher.of(() -> {
            busyTimeoutMillis = Math.max(0, timeout.toMillis());
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * Limits the wait for a statement's first answer; zero means none. On expiry the statement
     * fails with {@link R2dbcTimeoutException}; the server still runs it to completion (dqlite
     * cannot cancel a statement) and its answer is discarded.
     */
    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        return FuturePublisher.of(() -> {
            statementTimeoutMillis = Math.max(0, timeout.toMillis());
            return CompletableFuture.completedFuture(null);
        });
    }

    // ------------------------------------------------------------------ statements and lifecycle

    @Override
    public Statement createStatement(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("sql must not be null");
        }
        return new DqliteStatement(this, sql);
    }

    @Override
    public Batch createBatch() {
        return new DqliteBatch(this);
    }

    @Override
    public ConnectionMetadata getMetadata() {
        return new ConnectionMetadata() {
            @Override
            public String getDatabaseProductName() {
                return "dqlite";
            }

            @Override
            public String getDatabaseVersion() {
                return sqliteVersion;
            }

            @Override
            public String toString() {
                return "dqlite (SQLite " + sqliteVersion + ")";
            }
        };
    }

    /**
     * {@link ValidationDepth#LOCAL}: open, and the socket to the leader is up.
     * {@link ValidationDepth#REMOTE}: additionally the node still confirms that it leads the
     * cluster (a LEADER request, within {@code timeout}; no SQL state is touched).
     */
    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        Objects.requireNonNull(depth, "depth must not be null");
        return FuturePublisher.of(() -> {
            DqliteConnection conn = wire;
            if (closed || conn == null || conn.isClosed()) {
                return CompletableFuture.completedFuture(false);
            }
            if (depth == ValidationDepth.LOCAL) {
                return CompletableFuture.completedFuture(true);
            }
            return conn.leader().orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS).handle((server, e) -> {
                if (e != null || !server.knowsLeader()) {
                    return false;
                }
                try {
                    return NodeAddress.parse(server.address()).equals(conn.address());
                } catch (IllegalArgumentException bad) {
                    return false;
                }
            });
        });
    }

    /** Closes the socket at once; the server rolls back anything still open. Idempotent. */
    @Override
    public Publisher<Void> close() {
        return FuturePublisher.of(() -> {
            closeNow();
            return CompletableFuture.completedFuture(null);
        });
    }

    void initialStatementTimeout(Duration timeout) {
        statementTimeoutMillis = Math.max(0, timeout.toMillis());
    }

    void closeSilently() {
        closeNow();
    }

    private void closeNow() {
        closed = true;
        DqliteConnection conn;
        synchronized (tracker) {
            conn = wire;
            wire = null;
            tracker.reset();
        }
        if (conn != null) {
            retiredRoundTrips.addAndGet(conn.requestsSent());
            conn.close();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** Whether the driver believes a transaction (or an untracked savepoint) is open. */
    public boolean inTransaction() {
        return brokenTx || trackerInTransaction();
    }

    /** The leader this connection talks to, or null while disconnected. */
    public String leaderAddress() {
        DqliteConnection conn = wire;
        return conn == null || conn.isClosed() ? null : conn.address().toString();
    }

    /** Requests sent over this connection's lifetime (all wire connections it used); for tests and metrics. */
    public long roundTrips() {
        DqliteConnection conn = wire;
        return retiredRoundTrips.get() + (conn != null ? conn.requestsSent() : 0);
    }

    /** The server generation of the current wire connection, probed once per wire connection. */
    public CompletableFuture<ServerGeneration> serverGeneration() {
        return live().thenCompose(DqliteConnection::generation);
    }

    DqliteConfig config() {
        return config;
    }

    private Publisher<Void> op(Supplier<CompletableFuture<Void>> work) {
        return FuturePublisher.of(() -> enqueue(work));
    }

    private static <T> CompletableFuture<T> failed(Throwable t) {
        return CompletableFuture.failedFuture(t);
    }

    @Override
    public String toString() {
        DqliteConnection conn = wire;
        return "DqliteR2dbcConnection[" + (conn != null ? conn : config.seeds() + "/" + config.database())
                + (closed ? ", closed" : "") + "]";
    }

    /** A transaction definition with no attributes. */
    private enum EmptyDefinition implements TransactionDefinition {
        INSTANCE;

        @Override
        public <T> T getAttribute(io.r2dbc.spi.Option<T> option) {
            return null;
        }
    }
}
