package io.dqlite4j.r2dbc;

import io.dqlite4j.client.DqliteClient;
import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteMetrics;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.ExecResult;
import io.dqlite4j.client.NodeAddress;
import io.dqlite4j.client.PreparedStatementHandle;
import io.dqlite4j.client.RowStream;
import io.dqlite4j.client.ServerGeneration;
import io.dqlite4j.client.SessionMode;
import io.dqlite4j.session.FailurePolicy;
import io.dqlite4j.session.FailurePolicy.Decision;
import io.dqlite4j.session.FailurePolicy.Failure;
import io.dqlite4j.session.InDoubt;
import io.dqlite4j.session.QueryTimeoutException;
import io.dqlite4j.session.Session;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.sql.SqlStatement;
import io.dqlite4j.sql.StatementKind;
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
import io.dqlite4j.session.ReturningPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
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
 * connection broke or leadership was lost fails with {@link DqliteInDoubtR2dbcException}
 * (SQLState 08007). A transaction broken by a leader change fails with
 * {@code R2dbcTransientResourceException} (08006), and so does every further statement until
 * {@link #rollbackTransaction()} acknowledges the loss; the transaction can then be retried as a
 * whole.
 *
 * <p><b>SQLITE_BUSY</b> is retried with SQLite's backoff curve for up to {@code busy_timeout}
 * (or {@link #setLockWaitTimeout}) where that is safe: any single statement except COMMIT.
 */
public final class DqliteR2dbcConnection implements Connection {
    private static final SqlStatement BEGIN_ANALYSIS = SqlStatement.analyze("BEGIN");

    private final DqliteClient client;
    private final DqliteConfig config;
    private final String sqliteVersion;
    private final Session session;
    private final ConcurrentLinkedQueue<Supplier<CompletableFuture<?>>> ops = new ConcurrentLinkedQueue<>();
    private final AtomicInteger opWip = new AtomicInteger();
    private volatile boolean opBusy;
    /** The event loop of {@link #wire}, captured when it was opened; null if that failed. */
    private volatile java.util.concurrent.Executor wireLoop;
    private volatile boolean closed;
    /** The open transaction was begun read-only on a read-write connection: query_only is undone at its end. */
    private volatile boolean transactionReadOnly;
    /** The transaction was lost with its connection; statements fail until rollbackTransaction(). */
    private volatile boolean brokenTx;
    private volatile Throwable brokenCause;
    private volatile long statementTimeoutMillis;

    private DqliteR2dbcConnection(DqliteClient client, DqliteConnection wire, java.util.concurrent.Executor loop,
            String sqliteVersion) {
        this.client = client;
        this.config = client.config();
        this.session = new Session(config);
        session.attach(wire);
        this.wireLoop = loop;
        this.sqliteVersion = sqliteVersion;
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
        return conn.execSql(Session.queryOnlyPragma(true), Params.NONE).thenApply(r -> null);
    }

    /** The first value of the first row of a small result. */
    private static CompletableFuture<Object> firstValue(RowStream stream, java.util.concurrent.Executor loop) {
        return collect(stream, loop).thenApply(batches -> {
            for (RowBatch batch : batches) {
                if (batch.rowCount() > 0 && batch.columnCount() > 0) {
                    return batch.getObject(0, 0);
                }
            }
            return null;
        });
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
        return enqueue(() -> skip.getAsBoolean() ? CompletableFuture.completedFuture(null) : execute(ex));
    }

    /** Runs one execution now, inside the current operation of the queue, with every rule of a statement. */
    CompletableFuture<DqliteResult> execute(Execution ex) {
        return Lobs.resolve(ex.lobs, ex.params).thenCompose(v -> ex.returning() ? runReturning(ex) : run(ex));
    }

    /**
     * Writes a plain DML text (no parameters, no RETURNING) at once, behind whatever is in flight,
     * inside the current operation: for {@link PipelinedBatch}, which calls it only inside a
     * transaction that already did work, where no failure is retried. The answer is mapped like
     * any statement's; the request is on the wire when this returns, so calls keep their order.
     */
    CompletableFuture<DqliteResult> sendNow(Execution ex) {
        Runner runner = new Runner(ex);
        runner.sendNow();
        return runner.out;
    }

    /** DML with RETURNING: sent as it is where the server runs it correctly, else emulated. */
    private CompletableFuture<DqliteResult> runReturning(Execution ex) {
        return live().thenCompose(session::nativeReturning).handle((n, e) -> e == null && n)
                .thenCompose(n -> n ? run(ex.nativeReturning(ex.nativeSql))
                        : ex.refusal != null ? CompletableFuture.failedFuture(ex.refusal) : runPlan(ex));
    }

    // ------------------------------------------------------------------ emulated RETURNING

    /**
     * Runs an INSERT through its {@link ReturningPlan} (the steps JDBC runs too), each step under
     * the usual transaction, BUSY and failover rules, inside one operation of the queue.
     */
    private CompletableFuture<DqliteResult> runPlan(Execution ex) {
        ReturningPlan plan = ex.plan;
        boolean own = session.autoCommit() && !session.inTransaction();
        long[] m0 = new long[1];
        long[] inserted = new long[1];
        CompletableFuture<DqliteResult> work = step(own ? ReturningPlan.BEGIN : ReturningPlan.SET_SAVEPOINT, Params.NONE)
                .thenCompose(v -> step(plan.maxRowidSql(), Params.NONE).handle((r, e) -> {
                    if (e != null) {
                        Throwable cause = DqliteConnection.unwrap(e);
                        if (cause instanceof R2dbcException re && ReturningPlan.isNoRowid(re.getMessage())) {
                            throw new java.util.concurrent.CompletionException(
                                    new R2dbcNonTransientResourceException(plan.noRowidMessage(), SqlState.FEATURE_NOT_SUPPORTED.code(), re));
                        }
                        throw new java.util.concurrent.CompletionException(cause);
                    }
                    m0[0] = firstLong(r.batches());
                    return r;
                }))
                .thenCompose(v -> run(new Execution(SqlStatement.analyze(plan.dml()), plan.dml(), ex.params, null,
                        false, null, true, null)))
                .thenCompose(r -> {
                    long n = r.exec().rowsAffected();
                    long last = r.exec().lastInsertId();
                    inserted[0] = n;
                    return (n == 0 ? step(plan.rowsSql(true), Params.NONE)
                            : step(plan.rowsSql(false), plan.rowsParams(m0[0], last))).thenApply(rows -> {
                                long found = 0;
                                for (RowBatch b : rows.batches()) {
                                    found += b.rowCount();
                                }
                                String mismatch = plan.mismatch(n, found, m0[0], last);
                                if (mismatch != null) {
                                    throw new R2dbcNonTransientResourceException(mismatch, SqlState.FEATURE_NOT_SUPPORTED.code());
                                }
                                return rows;
                            });
                });
        return work.handle((rows, e) -> {
            if (e == null) {
                return step(own ? "COMMIT" : ReturningPlan.RELEASE, Params.NONE).handle((v, ce) -> {
                    if (ce != null) {
                        return undo(own, DqliteConnection.unwrap(ce)).<DqliteResult>thenApply(x -> null);
                    }
                    return CompletableFuture.completedFuture(DqliteResult.ofReadRows(rows.batches(), inserted[0]));
                }).thenCompose(f -> f);
            }
            return undo(own, DqliteConnection.unwrap(e)).<DqliteResult>thenApply(x -> null);
        }).thenCompose(f -> f);
    }

    /** Undoes the plan's work unless the server already ended it; fails with {@code failure}. */
    private CompletableFuture<Void> undo(boolean own, Throwable failure) {
        if (!session.inTransaction() || failure instanceof DqliteInDoubtR2dbcException) {
            return CompletableFuture.failedFuture(failure);
        }
        CompletableFuture<?> undone = own ? step("ROLLBACK", Params.NONE)
                : step(ReturningPlan.ROLLBACK_TO, Params.NONE).thenCompose(v -> step(ReturningPlan.RELEASE, Params.NONE));
        return undone.handle((v, e) -> {
            if (e != null) {
                failure.addSuppressed(DqliteConnection.unwrap(e));
            }
            throw new java.util.concurrent.CompletionException(failure);
        });
    }

    CompletableFuture<DqliteResult> step(String sql, Params params) {
        return run(Execution.step(sql, params));
    }

    private static long firstLong(List<RowBatch> batches) {
        for (RowBatch b : batches) {
            if (b.rowCount() > 0 && b.typeCode(0, 0) == 1) {
                return b.getLong(0, 0);
            }
        }
        throw new R2dbcNonTransientResourceException("SELECT coalesce(max(rowid), 0) returned no integer", SqlState.GENERAL_ERROR.code());
    }

    /** Reads a whole (small) result. */
    private static CompletableFuture<List<RowBatch>> collect(RowStream stream, java.util.concurrent.Executor loop) {
        CompletableFuture<List<RowBatch>> result = new CompletableFuture<>();
        List<RowBatch> batches = new ArrayList<>();
        RowStream.Subscriber subscriber = new RowStream.Subscriber() {
            @Override
            public void onBatch(RowBatch batch) {
                batches.add(batch);
                stream.request(1);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.complete(batches);
            }
        };
        EventLoops.run(loop, () -> {
            stream.subscribe(subscriber);
            stream.request(1);
        });
        return result;
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
        final Session.Attempts attempts = new Session.Attempts();
        /** False while only the lazy BEGIN is under way. */
        volatile boolean statementSent;
        /** Sent behind other requests of a pipelined batch: a failure is reported, never retried (order matters). */
        boolean pipelined;

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
            attempts.transactionHadWork(session.inTransaction());
            statementSent = false;
            try {
                step = checkServer(conn, ex).thenCompose(v -> beginIfNeeded(conn, ex)).thenCompose(v -> {
                    statementSent = true;
                    return timed(send(conn));
                });
            } catch (RuntimeException e) {
                step = CompletableFuture.failedFuture(e);
            }
            settle(conn, step);
        }

        /** Completes {@link #out} from the attempt's answer, through the failure rules when it failed. */
        private void settle(DqliteConnection conn, CompletableFuture<DqliteResult> step) {
            step.whenComplete((result, e) -> {
                if (e == null) {
                    session.onSuccess(ex.analysis);
                    out.complete(result);
                } else {
                    failed(conn, DqliteConnection.unwrap(e));
                }
            });
        }

        void sendNow() {
            pipelined = true;
            DqliteConnection conn = session.current();
            if (closed || brokenTx || conn == null || conn.isClosed()) {
                attempt(); // reports the closed connection or the lost transaction, sends nothing
                return;
            }
            attempts.transactionHadWork(session.inTransaction());
            statementSent = true;
            CompletableFuture<DqliteResult> step;
            try {
                step = timed(sendText(conn));
            } catch (RuntimeException e) {
                step = CompletableFuture.failedFuture(e);
            }
            settle(conn, step);
        }

        private CompletableFuture<DqliteResult> send(DqliteConnection conn) {
            if (ex.raw) {
                return ex.asQuery ? collect(conn.querySql(ex.sql, ex.params), loopOf(conn))
                        .thenApply(b -> DqliteResult.ofReadRows(b, -1))
                        : conn.execSql(ex.sql, ex.params).thenApply(r -> DqliteResult.ofExec(r, r.rowsAffected()));
            }
            if (cacheable(ex)) {
                return prepared(conn).thenCompose(h -> h == null ? sendText(conn) : sendPrepared(conn, h));
            }
            return sendText(conn);
        }

        private CompletableFuture<DqliteResult> sendText(DqliteConnection conn) {
            if (ex.asQuery) {
                RowSource rows = new RowSource(conn.querySql(ex.sql, ex.params), ex.countsRows(), loopOf(conn));
                return rows.start().thenApply(first -> DqliteResult.ofRows(rows));
            }
            return conn.execSql(ex.sql, ex.params)
                    .thenApply(r -> DqliteResult.ofUpdateCount(ex.analysis.isDml() ? r.rowsAffected() : 0));
        }

        /**
         * The server-side statement for the text, from the session's cache or prepared now; null
         * when the server counts parameters differently from the driver (the text then goes out
         * as it is, and the server's answer says what is wrong).
         */
        private CompletableFuture<PreparedStatementHandle> prepared(DqliteConnection conn) {
            PreparedStatementHandle cached = session.takeStatement(ex.sql, conn);
            CompletableFuture<PreparedStatementHandle> handle = cached != null ? CompletableFuture.completedFuture(cached)
                    : conn.prepare(ex.sql);
            return handle.thenApply(h -> {
                if (h.parameterCount() != ex.params.size()) {
                    session.giveStatement(h, conn);
                    return null;
                }
                return h;
            });
        }

        /**
         * Runs a cached statement. It goes back to the cache as soon as the request is written: the
         * server serves a connection's requests one after the other, so the next use of the same
         * statement id reaches it only after this execution is done.
         */
        private CompletableFuture<DqliteResult> sendPrepared(DqliteConnection conn, PreparedStatementHandle h) {
            if (ex.asQuery) {
                RowStream stream = conn.query(h, ex.params);
                session.giveStatement(h, conn);
                RowSource rows = new RowSource(stream, ex.countsRows(), loopOf(conn));
                return rows.start().thenApply(first -> DqliteResult.ofRows(rows));
            }
            CompletableFuture<ExecResult> answer = conn.exec(h, ex.params);
            session.giveStatement(h, conn);
            return answer.thenApply(r -> DqliteResult.ofUpdateCount(ex.analysis.isDml() ? r.rowsAffected() : 0));
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
                    new QueryTimeoutException("statement timeout of " + millis + " ms expired; dqlite cannot cancel "
                            + "a running statement, so the server still completes it and its answer is discarded")));
            return timed;
        }

        private void failed(DqliteConnection conn, Throwable cause) {
            if (cause instanceof R2dbcException r) {
                out.completeExceptionally(r);
                return;
            }
            SqlStatement a = ex.analysis;
            Failure failure = Session.classify(cause, ex.asQuery, a, statementSent);
            if (cause instanceof DqliteConnectionException) {
                dropWire(conn);
            }
            Decision decision = FailurePolicy.decide(session.situation(failure, a, attempts, ex.flipped));
            if (pipelined && (decision == Decision.RECONNECT_AND_RETRY || decision == Decision.RETRY_AFTER_DELAY
                    || decision == Decision.RERUN_AS_OTHER_KIND)) {
                decision = Decision.FAIL; // a re-run would land behind requests sent after it
            }
            switch (decision) {
                case RECONNECT_AND_RETRY -> {
                    attempts.reconnected();
                    attempt();
                }
                case RETRY_AFTER_DELAY -> {
                    DqliteMetrics.listeners().busyRetry();
                    CompletableFuture.delayedExecutor(
                            attempts.nextBusyDelayMillis(session.busyTimeoutMillis()), TimeUnit.MILLISECONDS)
                            .execute(this::attempt);
                }
                case RERUN_AS_OTHER_KIND -> {
                    ex.flipped = true;
                    ex.asQuery = !ex.asQuery;
                    attemptOn(conn);
                }
                case DONE -> {
                    session.onTransactionEnded();
                    out.complete(DqliteResult.ofUpdateCount(0));
                }
                case IN_DOUBT -> out.completeExceptionally(new DqliteInDoubtR2dbcException(
                        InDoubt.message(FailurePolicy.Role.of(a), failure, cause.getMessage()),
                        R2dbcExceptions.code(cause), cause));
                case TRANSACTION_LOST -> {
                    if (a.kind() != StatementKind.COMMIT) {
                        markBroken(cause);
                    }
                    out.completeExceptionally(R2dbcExceptions.transactionLost(cause));
                }
                default -> {
                    if (cause instanceof QueryTimeoutException) {
                        out.completeExceptionally(new R2dbcTimeoutException(cause.getMessage(), SqlState.TIMEOUT_EXPIRED.code(), cause));
                        return;
                    }
                    if (cause instanceof DqliteServerException se) {
                        session.onFailure(a, se.code(), se.serverMessage());
                    }
                    out.completeExceptionally(R2dbcExceptions.map(cause));
                }
            }
        }
    }

    /**
     * Whether a statement runs from the session's cache of server-side prepared statements: user
     * statements of the common kinds, one statement per text, without RETURNING (PREPARE refuses it).
     */
    private static boolean cacheable(Execution ex) {
        SqlStatement a = ex.analysis;
        if (!ex.userStatement || a.hasMultipleStatements() || a.hasReturning()) {
            return false;
        }
        StatementKind kind = a.kind();
        return kind == StatementKind.SELECT || kind.isDml();
    }

    /**
     * Wide parameter tuples need dqlite >= 1.12; refused before anything is sent. (DML with
     * RETURNING reaches here only for a server the session's probe found to run it.)
     */
    private static CompletableFuture<Void> checkServer(DqliteConnection conn, Execution ex) {
        return Session.parameterRefusal(conn, ex.params).thenAccept(refusal -> {
            if (refusal != null) {
                throw new R2dbcNonTransientResourceException(refusal, SqlState.WRONG_PARAMETER_COUNT.code());
            }
        });
    }

    /** With autocommit off, opens the driver's transaction before the first statement. */
    private CompletableFuture<Void> beginIfNeeded(DqliteConnection conn, Execution ex) {
        if (!session.needsLazyBegin(ex.analysis)) {
            return CompletableFuture.completedFuture(null);
        }
        return conn.execSql(session.beginStatement(), Params.NONE).thenAccept(r -> session.onSuccess(BEGIN_ANALYSIS));
    }

    /** The open wire connection, reconnecting to the (possibly new) leader when it is gone. */
    private CompletableFuture<DqliteConnection> live() {
        DqliteConnection current = session.current();
        if (current != null && !current.isClosed()) {
            return CompletableFuture.completedFuture(current);
        }
        if (current != null) {
            boolean inTx = session.inTransaction();
            dropWire(current);
            if (inTx) {
                Throwable why = current.closeCause();
                markBroken(why);
                return CompletableFuture.failedFuture(R2dbcExceptions.transactionLost(why));
            }
        }
        return client.openConnection().thenCompose(fresh -> {
            java.util.concurrent.Executor loop = fresh.executor();
            return prepareWire(fresh, session.readOnly()).handle((v, e) -> {
                if (e != null) {
                    fresh.close();
                    throw new java.util.concurrent.CompletionException(DqliteConnection.unwrap(e));
                }
                if (closed) {
                    fresh.close();
                    throw R2dbcExceptions.closed();
                }
                wireLoop = loop;
                session.attach(fresh);
                return fresh;
            });
        });
    }

    private java.util.concurrent.Executor loopOf(DqliteConnection conn) {
        return conn == session.current() ? wireLoop : null;
    }

    /** Closes a wire connection; when it is the current one, the server rolled back whatever was open on it. */
    private void dropWire(DqliteConnection conn) {
        if (session.detach(conn) && transactionReadOnly) {
            transactionReadOnly = false;
            session.readOnly(false); // the next wire connection starts read-write
        }
    }

    private void markBroken(Throwable cause) {
        brokenCause = cause;
        brokenTx = true;
    }

    private boolean trackerInTransaction() {
        return session.inTransaction();
    }

    // ------------------------------------------------------------------ transactions

    @Override
    public Publisher<Void> beginTransaction() {
        return beginTransaction(EmptyDefinition.INSTANCE);
    }

    /**
     * Begins a transaction with the BEGIN of {@code session_mode}. Supported attributes:
     * {@link TransactionDefinition#ISOLATION_LEVEL} (SERIALIZABLE only) and
     * {@link TransactionDefinition#READ_ONLY}: a read-only transaction on a read-write connection
     * sets {@code PRAGMA query_only} and begins with a plain BEGIN (SQLite refuses BEGIN
     * IMMEDIATE under query_only); commit or rollback makes the connection read-write again.
     * {@link TransactionDefinition#NAME} and {@link TransactionDefinition#LOCK_WAIT_TIMEOUT} are
     * accepted and ignored.
     */
    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        if (definition == null) {
            throw new IllegalArgumentException("definition must not be null");
        }
        return op(() -> {
            IsolationLevel level = definition.getAttribute(TransactionDefinition.ISOLATION_LEVEL);
            if (level != null && !IsolationLevel.SERIALIZABLE.equals(level)) {
                return failed(unsupportedIsolation(level));
            }
            if (trackerInTransaction() || brokenTx) {
                return failed(new R2dbcNonTransientResourceException("cannot start a transaction within a transaction",
                        SqlState.ACTIVE_SQL_TRANSACTION.code()));
            }
            boolean readOnlyTx = Boolean.TRUE.equals(definition.getAttribute(TransactionDefinition.READ_ONLY))
                    && !session.readOnly();
            CompletableFuture<?> prepare = CompletableFuture.completedFuture(null);
            if (readOnlyTx) {
                prepare = run(Execution.internal(Session.queryOnlyPragma(true))).thenApply(r -> {
                    session.readOnly(true);
                    transactionReadOnly = true;
                    return null;
                });
            }
            return prepare.thenCompose(v -> run(Execution.internal(session.beginStatement())))
                    .handle((r, e) -> e)
                    .thenCompose(e -> e == null ? CompletableFuture.completedFuture(null)
                            : endReadOnly().thenCompose(v -> failed(e)));
        });
    }

    /** After the transaction of a read-only {@link #beginTransaction} ends: the connection writes again. */
    private CompletableFuture<Void> endReadOnly() {
        if (!transactionReadOnly) {
            return CompletableFuture.completedFuture(null);
        }
        transactionReadOnly = false;
        session.readOnly(false);
        DqliteConnection conn = session.live();
        if (conn == null) {
            return CompletableFuture.completedFuture(null); // a new wire connection starts read-write
        }
        return conn.execSql(Session.queryOnlyPragma(false), Params.NONE).handle((r, e) -> {
            if (e != null) {
                dropWire(conn); // never leave a connection read-only behind the caller's back
            }
            return null;
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
                return endReadOnly().thenCompose(v -> failed(R2dbcExceptions.transactionLost(why)));
            }
            if (!trackerInTransaction()) {
                return endReadOnly();
            }
            return run(Execution.internal("COMMIT")).handle((r, e) -> e)
                    .thenCompose(e -> endReadOnly().thenCompose(v -> e == null ? CompletableFuture.<Void>completedFuture(null)
                            : failed(e)));
        });
    }

    /**
     * Sends ROLLBACK when the tracker says a transaction or an untracked savepoint may be open;
     * otherwise completes without a round trip. A transaction lost with its connection counts as
     * rolled back, and so does a server answer "no transaction is active".
     */
    @Override
    public Publisher<Void> rollbackTransaction() {
        return op(() -> rollbackNow().handle((v, e) -> e)
                .thenCompose(e -> endReadOnly().thenCompose(v -> e == null ? CompletableFuture.<Void>completedFuture(null)
                        : failed(e))));
    }

    private CompletableFuture<Void> rollbackNow() {
        if (brokenTx) {
            brokenTx = false;
            brokenCause = null;
            return CompletableFuture.completedFuture(null);
        }
        if (!session.needsRollback()) {
            return CompletableFuture.completedFuture(null);
        }
        DqliteConnection conn = session.current();
        if (conn == null || conn.isClosed()) {
            dropWire(conn); // the server rolled back with the socket
            return CompletableFuture.completedFuture(null);
        }
        return run(Execution.internal("ROLLBACK")).thenAccept(r -> session.onTransactionEnded());
    }

    /**
     * {@code SAVEPOINT name}; outside a transaction the BEGIN of {@code session_mode} is sent first.
     * A name that is not a bare ASCII identifier is double-quoted (and then tracked as untracked:
     * a pool's rollback on return always sends ROLLBACK), as in the JDBC driver.
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    @Override
    public Publisher<Void> createSavepoint(String name) {
        String sql = "SAVEPOINT " + savepointSql(name);
        return op(() -> {
            CompletableFuture<?> begin = trackerInTransaction() || brokenTx ? CompletableFuture.completedFuture(null)
                    : run(Execution.internal(session.beginStatement()));
            return begin.thenCompose(v -> run(Execution.internal(sql))).thenApply(r -> null);
        });
    }

    /**
     * {@code RELEASE SAVEPOINT name}.
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        String sql = "RELEASE SAVEPOINT " + savepointSql(name);
        return op(() -> run(Execution.internal(sql)).thenApply(r -> null));
    }

    /**
     * {@code ROLLBACK TO SAVEPOINT name}: undoes the work after the savepoint, which stays active.
     *
     * @throws IllegalArgumentException if {@code name} is null or empty
     */
    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        String sql = "ROLLBACK TO SAVEPOINT " + savepointSql(name);
        return op(() -> run(Execution.internal(sql)).thenApply(r -> null));
    }

    static String savepointSql(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("savepoint name must not be null or empty");
        }
        return Session.savepointSql(name);
    }

    /**
     * {@code false} opens a transaction lazily before the next statement (and after each commit or
     * rollback); {@code true} commits an open transaction first.
     */
    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return op(() -> {
            if (session.autoCommit() == autoCommit) {
                return CompletableFuture.completedFuture(null);
            }
            if (autoCommit && trackerInTransaction()) {
                return run(Execution.internal("COMMIT")).thenApply(r -> {
                    session.autoCommit(true);
                    return null;
                });
            }
            session.autoCommit(autoCommit);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** True when autocommit is on and no transaction (or untracked savepoint) is open. */
    @Override
    public boolean isAutoCommit() {
        return session.autoCommit() && !brokenTx && !trackerInTransaction();
    }

    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return IsolationLevel.SERIALIZABLE;
    }

    /** Only SERIALIZABLE: dqlite runs every transaction serializable (one writer, snapshot reads). */
    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
        if (isolationLevel == null) {
            throw new IllegalArgumentException("isolationLevel must not be null");
        }
        return FuturePublisher.of(() -> IsolationLevel.SERIALIZABLE.equals(isolationLevel)
                ? CompletableFuture.completedFuture(null) : failed(unsupportedIsolation(isolationLevel)));
    }

    private static R2dbcException unsupportedIsolation(IsolationLevel level) {
        return new R2dbcNonTransientResourceException("dqlite runs every transaction SERIALIZABLE (one writer at a "
                + "time, readers see a consistent snapshot); isolation level " + level.asSql() + " cannot be provided",
                SqlState.FEATURE_NOT_SUPPORTED.code());
    }

    /** The budget for the driver's SQLITE_BUSY retries ({@code busy_timeout}); zero disables them. */
    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null");
        }
        return FuturePublisher.of(() -> {
            session.busyTimeoutMillis(timeout.toMillis());
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
        if (timeout == null) {
            throw new IllegalArgumentException("timeout must not be null");
        }
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
        return new DqliteR2dbcStatement(this, sql);
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
        if (depth == null) {
            throw new IllegalArgumentException("depth must not be null");
        }
        return FuturePublisher.of(() -> {
            DqliteConnection conn = session.current();
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
        session.detach(session.current());
        session.onTransactionEnded();
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
        DqliteConnection conn = session.current();
        return conn == null || conn.isClosed() ? null : conn.address().toString();
    }

    /** Requests sent over this connection's lifetime (all wire connections it used); for tests and metrics. */
    public long roundTrips() {
        return session.roundTrips();
    }

    /**
     * The most requests the current wire connection ever had in flight at once (0 while
     * disconnected): more than 1 shows a pipelined batch; for tests and diagnostics.
     */
    public int maxRequestsInFlight() {
        DqliteConnection conn = session.current();
        return conn == null ? 0 : conn.maxRequestsInFlight();
    }

    /** The server generation of the current wire connection, probed once per wire connection. */
    public CompletableFuture<ServerGeneration> serverGeneration() {
        return live().thenCompose(DqliteConnection::generation);
    }

    DqliteConfig config() {
        return config;
    }

    Session session() {
        return session;
    }

    private Publisher<Void> op(Supplier<CompletableFuture<Void>> work) {
        return FuturePublisher.of(() -> enqueue(work));
    }

    private static <T> CompletableFuture<T> failed(Throwable t) {
        return CompletableFuture.failedFuture(t);
    }

    @Override
    public String toString() {
        DqliteConnection conn = session.current();
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
