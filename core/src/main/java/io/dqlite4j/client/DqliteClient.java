package io.dqlite4j.client;

import io.dqlite4j.wire.DumpFile;
import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.NodeRole;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.Request;
import io.dqlite4j.wire.Response;
import io.dqlite4j.wire.RowBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The native, non-blocking dqlite client: the entry point for SQL over dqlite's wire protocol and
 * for cluster administration.
 *
 * <pre>{@code
 * DqliteClient client = DqliteClient.connect("dqlite://localhost:9001/mydb").join();
 * client.execute("INSERT INTO t(v) VALUES (?)", "x").join();
 * QueryResult r = client.query("SELECT v FROM t").join();
 * }</pre>
 *
 * <p>The URL's hosts are seeds: the client finds the Raft leader from them and talks only to it.
 * {@link #openConnection()} gives a dedicated connection (what the JDBC and R2DBC drivers use);
 * {@link #execute} and {@link #query} share one connection that is re-established on the new
 * leader after a failover. A statement is re-run there when the server certainly did not run it
 * (refused as "not leader" or with its database closed, or never written) or when it only reads;
 * a write that was sent and got no answer may have been applied and fails with
 * {@link DqliteInDoubtException} instead. Re-runs stop after {@code max_attempts} or once
 * {@code max_elapsed} (default {@code timeout}) has passed, so one call returns within about
 * twice {@code timeout} even against a server that truncates its answers (docs/servers.md).
 *
 * <p>Administration ({@link #leader()}, {@link #cluster()}, {@link #addNode}, {@link #assignRole},
 * {@link #removeNode}, {@link #transferLeadership}, {@link #describe}, {@link #setWeight},
 * {@link #dump}) opens a short-lived connection per call. Thread-safe.
 */
public final class DqliteClient implements AutoCloseable {
    private final DqliteConfig config;
    private final LeaderFinder finder;
    private final Object sharedLock = new Object();
    private CompletableFuture<DqliteConnection> shared; // guarded by sharedLock
    private volatile boolean closed;

    private DqliteClient(DqliteConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.finder = new LeaderFinder(config);
    }

    /** A client for the cluster named by a {@code dqlite://host:port[,host:port]/db?params} URL; nothing is sent yet. */
    public static DqliteClient create(String url) {
        return new DqliteClient(DqliteUrl.parse(url));
    }

    /** A client with the given configuration; nothing is sent yet. */
    public static DqliteClient create(DqliteConfig config) {
        return new DqliteClient(config);
    }

    /**
     * Connects to the cluster named by the URL: finds the leader and opens the URL's database,
     * so that a wrong address or an unreachable cluster fails here rather than on first use.
     */
    public static CompletableFuture<DqliteClient> connect(String url) {
        DqliteConfig config;
        try {
            config = DqliteUrl.parse(url);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connect(config);
    }

    /** Like {@link #connect(String)} with an already parsed configuration. */
    public static CompletableFuture<DqliteClient> connect(DqliteConfig config) {
        DqliteClient client = new DqliteClient(config);
        return client.sharedConnection().thenApply(c -> client).whenComplete((c, e) -> {
            if (e != null) {
                client.close();
            }
        });
    }

    /** This client's configuration. */
    public DqliteConfig config() {
        return config;
    }

    /** The address of the last confirmed leader, or null. */
    public NodeAddress lastKnownLeader() {
        return finder.lastLeader();
    }

    // ------------------------------------------------------------------ SQL

    /**
     * A new connection to the leader with the configuration's database opened. Leader discovery
     * runs as configured; an OPEN refused because leadership moved starts discovery again.
     */
    public CompletableFuture<DqliteConnection> openConnection() {
        return openConnection(config.database());
    }

    /** A new connection to the leader with {@code database} opened. */
    public CompletableFuture<DqliteConnection> openConnection(String database) {
        checkOpen();
        return withRetry(attempt -> finder.connect().thenCompose(conn -> conn.open(database).handle((v, e) -> {
            if (e != null) {
                conn.close();
                throw asRuntime(e);
            }
            return conn;
        })));
    }

    /**
     * A new connection to the leader with the configuration's database opened, whose I/O is done
     * by the threads that wait for its answers ({@link DqliteConnection#dialDirect}): the fastest
     * kind for a blocking caller. Blocks: leader discovery runs as configured, then the leader is
     * dialled directly and the database opened; an attempt that certainly did not reach a leader
     * (refused, "not leader", database closed) is retried like {@link #openConnection()}.
     *
     * @param budgetMillis how long the whole attempt may take
     * @throws DqliteException when no attempt succeeds
     * @throws java.util.concurrent.TimeoutException when the budget runs out first
     */
    public DqliteConnection openDirectConnection(long budgetMillis)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        checkOpen();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        for (int attempt = 1; ; attempt++) {
            Throwable failure;
            try {
                return directAttempt(deadline);
            } catch (java.util.concurrent.ExecutionException e) {
                failure = DqliteConnection.unwrap(e);
            } catch (DqliteException e) {
                failure = e;
            }
            if (!isRetryable(failure) || attempt >= config.maxAttempts() || closed) {
                throw asRuntime(failure);
            }
            finder.forgetLeader();
            long delayNanos = TimeUnit.MILLISECONDS.toNanos(retryDelayMillis(attempt));
            if (deadline - System.nanoTime() < delayNanos) {
                throw new java.util.concurrent.TimeoutException("no connection to the leader within " + budgetMillis
                        + " ms; last failure: " + failure.getMessage());
            }
            TimeUnit.NANOSECONDS.sleep(delayNanos);
        }
    }

    private DqliteConnection directAttempt(long deadline)
            throws InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
        DqliteConnection known = directToLastLeader(deadline);
        if (known != null) {
            return known;
        }
        DqliteConnection probe = finder.connect().get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
        NodeAddress leader = probe.address();
        probe.close();
        DqliteConnection conn = DqliteConnection.dialDirect(leader, config);
        conn.watchSilence(finder::markSilent);
        try {
            conn.open(config.database()).get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            return conn;
        } catch (InterruptedException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException | RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    /**
     * The fast path when the leader is known: one direct connection that asks LEADER, and OPENs
     * if the node confirms it still leads. Null (connection closed, leader forgotten) otherwise,
     * so that full discovery runs.
     */
    private DqliteConnection directToLastLeader(long deadline) throws InterruptedException {
        NodeAddress known = finder.lastLeader();
        if (known == null || finder.isSuspect(known)) {
            return null;
        }
        DqliteConnection conn = null;
        boolean opened = false;
        try {
            conn = DqliteConnection.dialDirect(known, config);
            conn.watchSilence(finder::markSilent);
            long budget = Math.min(remainingNanos(deadline), config.attemptTimeout().toNanos());
            Response.Server server = conn.leader().get(budget, TimeUnit.NANOSECONDS);
            if (server.knowsLeader() && known.equals(NodeAddress.parse(server.address()))) {
                conn.open(config.database()).get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
                opened = true;
                return conn;
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
            // fall through to discovery, which records why
        } finally {
            if (!opened && conn != null) {
                conn.close();
            }
        }
        finder.forgetLeader();
        return null;
    }

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /**
     * Runs SQL that returns no rows (EXEC_SQL) on the shared connection, in autocommit mode
     * unless the SQL itself opens a transaction. Retried on the new leader only if it certainly
     * did not run.
     */
    public CompletableFuture<ExecResult> execute(String sql, Object... params) {
        Params p = Params.of(params);
        return onShared(sql, conn -> conn.execSql(sql, p));
    }

    /** Runs a query (QUERY_SQL) on the shared connection and buffers every row (up to {@code max_total_rows}). */
    public CompletableFuture<QueryResult> query(String sql, Object... params) {
        Params p = Params.of(params);
        return onShared(sql, conn -> collect(conn.querySql(sql, p)));
    }

    private static CompletableFuture<QueryResult> collect(RowStream stream) {
        CompletableFuture<QueryResult> result = new CompletableFuture<>();
        List<List<Object>> rows = new ArrayList<>();
        String[][] columns = new String[1][];
        stream.subscribe(new RowStream.Subscriber() {
            @Override
            public void onBatch(RowBatch batch) {
                if (columns[0] == null) {
                    columns[0] = batch.columns();
                }
                for (int r = 0; r < batch.rowCount(); r++) {
                    Object[] row = new Object[batch.columnCount()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = batch.getObject(r, c);
                    }
                    rows.add(Arrays.asList(row));
                }
                stream.request(1);
            }

            @Override
            public void onError(Throwable error) {
                result.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                result.complete(new QueryResult(columns[0] == null ? List.of() : List.of(columns[0]), rows));
            }
        });
        stream.request(1);
        return result;
    }

    /**
     * Runs one statement on the shared connection with the native client's retry rules:
     * <ul>
     *   <li>A connection failure that certainly did not run the statement (never written, refused
     *       as "not leader", database closed), or any connection failure of a read-only
     *       statement, is re-run on the (new) leader.
     *   <li>A write that was sent and got no answer (the connection broke, the server stayed
     *       silent for {@code timeout}, or its answer was garbage) may have been applied: it
     *       fails with {@link DqliteInDoubtException} and is never re-run.
     *   <li>SQLITE_BUSY on a single statement other than COMMIT is re-run with a growing delay
     *       for up to {@code busy_timeout}.
     * </ul>
     * Re-runs for connection failures are bounded by {@code max_attempts} and by elapsed time:
     * none starts once {@link #retryBudgetNanos} has passed since the call began.
     */
    private <T> CompletableFuture<T> onShared(String sql, Function<DqliteConnection, CompletableFuture<T>> action) {
        checkOpen();
        CompletableFuture<T> result = new CompletableFuture<>();
        sharedAttempt(sql, action, new Retries(System.nanoTime()), result);
        return result;
    }

    /** Progress of one call's re-runs. */
    private static final class Retries {
        final long startNanos;
        int connectionRetries;
        int busySteps;
        long busyDeadline;

        Retries(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    private <T> void sharedAttempt(String sql, Function<DqliteConnection, CompletableFuture<T>> action, Retries retries,
            CompletableFuture<T> result) {
        started(() -> sharedConnection().thenCompose(conn -> started(() -> action.apply(conn)))).whenComplete((value, e) -> {
            if (e == null) {
                result.complete(value);
                return;
            }
            Throwable cause = DqliteConnection.unwrap(e);
            long delay = -1;
            if (cause instanceof DqliteConnectionException dce) {
                dropShared();
                boolean sent = dce.sentBeforeFailure() || dce instanceof DqliteInDoubtException;
                Effect effect = sent ? effectOf(sql) : Effect.NONE;
                if (effect == Effect.MAY_HAVE_WRITTEN) {
                    result.completeExceptionally(dce instanceof DqliteInDoubtException ? dce : inDoubt(dce));
                    return;
                }
                if (!(dce instanceof NoLeaderException) && (!sent || effect == Effect.NONE)) {
                    long next = retryDelayMillis(++retries.connectionRetries);
                    if (retries.connectionRetries < config.maxAttempts()
                            && withinRetryBudget(retries.startNanos, next) && !closed) {
                        delay = next;
                    }
                }
            } else if (cause instanceof DqliteServerException se && se.primaryCode() == ErrorCodes.SQLITE_BUSY
                    && busyRetrySafe(sql)) {
                delay = busyDelayMillis(retries);
            }
            if (delay < 0) {
                result.completeExceptionally(cause);
            } else {
                Transport.group().schedule(() -> sharedAttempt(sql, action, retries, result), delay,
                        TimeUnit.MILLISECONDS);
            }
        });
    }

    /** What a statement may have changed if it ran. */
    private enum Effect {
        /** Nothing durable: a read, or transaction control that is lost with the connection anyway. */
        NONE,
        /** A write, a COMMIT or something unknown: it may have been applied. */
        MAY_HAVE_WRITTEN,
        /** Transaction control other than COMMIT: not in doubt, but not re-run on another connection either. */
        SESSION_ONLY
    }

    private static Effect effectOf(String sql) {
        io.dqlite4j.sql.SqlStatement analysis = io.dqlite4j.sql.SqlStatement.analyze(sql);
        if (analysis.hasMultipleStatements()) {
            return Effect.MAY_HAVE_WRITTEN;
        }
        switch (analysis.kind()) {
            case SELECT:
            case EMPTY:
                return analysis.hasReturning() ? Effect.MAY_HAVE_WRITTEN : Effect.NONE;
            case BEGIN:
            case ROLLBACK:
            case ROLLBACK_TO:
            case SAVEPOINT:
                return Effect.SESSION_ONLY;
            default:
                return Effect.MAY_HAVE_WRITTEN;
        }
    }

    private static DqliteInDoubtException inDoubt(DqliteConnectionException cause) {
        return new DqliteInDoubtException("the write was sent but no answer came (" + cause.getMessage()
                + "); it may or may not have been applied and is not retried", cause.code(), cause);
    }

    /** BUSY is re-run only for one statement that is not COMMIT: SQLite then applied nothing of it. */
    private static boolean busyRetrySafe(String sql) {
        io.dqlite4j.sql.SqlStatement analysis = io.dqlite4j.sql.SqlStatement.analyze(sql);
        return !analysis.hasMultipleStatements() && analysis.kind() != io.dqlite4j.sql.StatementKind.COMMIT;
    }

    /**
     * The delay before the next BUSY re-run (1 ms doubling, at most 100 ms), or -1 once
     * {@code busy_timeout} (counted from the first BUSY) would be passed.
     */
    private long busyDelayMillis(Retries retries) {
        long busyTimeout = config.busyTimeout().toNanos();
        if (busyTimeout == 0 || closed) {
            return -1;
        }
        long now = System.nanoTime();
        if (retries.busySteps == 0) {
            retries.busyDeadline = now + busyTimeout;
        }
        long delay = Math.min(100, 1L << Math.min(7, retries.busySteps++));
        return now + TimeUnit.MILLISECONDS.toNanos(delay) - retries.busyDeadline < 0 ? delay : -1;
    }

    /**
     * How long after a call began a re-run may still start: {@code max_elapsed} when set, else
     * {@code timeout}. Each attempt itself waits at most {@code timeout} of server silence (plus
     * leader discovery), so a native call against a server that truncates every answer returns
     * within about twice {@code timeout}.
     */
    private long retryBudgetNanos() {
        return config.maxElapsed().orElse(config.timeout()).toNanos();
    }

    private boolean withinRetryBudget(long startNanos, long delayMillis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis) - startNanos < retryBudgetNanos();
    }

    private CompletableFuture<DqliteConnection> sharedConnection() {
        synchronized (sharedLock) {
            CompletableFuture<DqliteConnection> current = shared;
            if (current == null || current.isCompletedExceptionally()
                    || (current.isDone() && current.join().isClosed())) {
                current = openConnection();
                shared = current;
            }
            return current;
        }
    }

    /** Closes the shared connection after a connection failure and forgets the leader it reached. */
    private void dropShared() {
        dropSharedQuietly();
        finder.forgetLeader();
    }

    /**
     * Runs {@code action}, retrying up to {@code max_attempts} times, and while the retry budget
     * lasts, when it fails with a {@link DqliteConnectionException} that certainly did not run on
     * the server.
     */
    private <T> CompletableFuture<T> withRetry(Function<Integer, CompletableFuture<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        retryLoop(action, 1, System.nanoTime(), result);
        return result;
    }

    private <T> void retryLoop(Function<Integer, CompletableFuture<T>> action, int attempt, long startNanos,
            CompletableFuture<T> result) {
        started(() -> action.apply(attempt)).whenComplete((value, e) -> {
            if (e == null) {
                result.complete(value);
                return;
            }
            Throwable cause = DqliteConnection.unwrap(e);
            long delay = retryDelayMillis(attempt);
            if (isRetryable(cause) && attempt < config.maxAttempts() && withinRetryBudget(startNanos, delay) && !closed) {
                finder.forgetLeader();
                Transport.group().schedule(() -> retryLoop(action, attempt + 1, startNanos, result), delay,
                        TimeUnit.MILLISECONDS);
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    /** Whether a failed attempt certainly did not run and may go to the (new) leader again. */
    private static boolean isRetryable(Throwable cause) {
        return cause instanceof DqliteConnectionException dce && !dce.sentBeforeFailure()
                && !(cause instanceof NoLeaderException);
    }

    /** Backoff before attempt {@code attempt + 1}: 50 ms doubling, at most 1 s. */
    private static long retryDelayMillis(int attempt) {
        return Math.min(1000, 50L << Math.min(5, attempt - 1));
    }

    // ------------------------------------------------------------------ administration

    /** The current leader, confirmed by asking it (its role is reported as VOTER). */
    public CompletableFuture<NodeInfo> leader() {
        return onLeader(conn -> conn.leader().thenApply(s -> new NodeInfo(s.id(), s.address(), NodeRole.VOTER)));
    }

    /** The cluster's members with their roles, as the leader reports them. */
    public CompletableFuture<List<NodeInfo>> cluster() {
        return onLeader(conn -> conn.send(new Request.Cluster()).thenApply(r -> ((Response.Servers) r).nodes()));
    }

    /**
     * Adds a node to the configuration. dqlite always adds a node as a spare; for another role an
     * ASSIGN follows on the same connection. Not atomic: if the ASSIGN fails, call
     * {@link #assignRole} again rather than adding twice.
     */
    public CompletableFuture<Void> addNode(long id, String address, NodeRole role) {
        NodeAddress parsed = NodeAddress.parse(address);
        Objects.requireNonNull(role, "role");
        if (id == 0) {
            throw new IllegalArgumentException("node id 0 is reserved; use a non-zero id");
        }
        return onLeader(conn -> conn.send(new Request.Add(id, parsed.toString())).thenCompose(r -> role == NodeRole.SPARE
                ? CompletableFuture.completedFuture(null)
                : conn.send(new Request.Assign(id, role)).thenApply(x -> (Void) null)));
    }

    /** Changes a node's role (promote or demote). */
    public CompletableFuture<Void> assignRole(long id, NodeRole role) {
        Objects.requireNonNull(role, "role");
        return onLeader(conn -> conn.send(new Request.Assign(id, role)).thenApply(r -> null));
    }

    /** Removes a node from the configuration. Removing the leader needs a transfer first. */
    public CompletableFuture<Void> removeNode(long id) {
        return onLeader(conn -> conn.send(new Request.Remove(id)).thenApply(r -> null));
    }

    /**
     * Asks the leader to hand leadership to voter {@code id} (0: let Raft choose). Completes once
     * the server reports the transfer done.
     */
    public CompletableFuture<Void> transferLeadership(long id) {
        return onLeader(conn -> conn.send(new Request.Transfer(id)).thenApply(r -> {
            finder.forgetLeader();
            dropSharedQuietly();
            return (Void) null;
        }));
    }

    /** A node's failure domain and weight (DESCRIBE, always format 0). */
    public CompletableFuture<NodeMetadata> describe(String address) {
        return onNode(NodeAddress.parse(address), conn -> conn.send(new Request.Describe())
                .thenApply(r -> new NodeMetadata(((Response.Metadata) r).failureDomain(), ((Response.Metadata) r).weight())));
    }

    /** Sets a node's weight (node-local, in memory). */
    public CompletableFuture<Void> setWeight(String address, long weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be >= 0, not " + weight);
        }
        return onNode(NodeAddress.parse(address), conn -> conn.send(new Request.Weight(weight)).thenApply(r -> null));
    }

    /** The database's files (main file and WAL), by file name, read from the leader. */
    public CompletableFuture<Map<String, byte[]>> dump(String database) {
        Objects.requireNonNull(database, "database");
        return onLeader(conn -> conn.send(new Request.Dump(database)).thenApply(r -> {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (DumpFile f : ((Response.Files) r).files()) {
                files.put(f.name(), f.content());
            }
            return files;
        }));
    }

    /** Closes the shared connection (if any); the next shared call opens a new one. */
    private void dropSharedQuietly() {
        synchronized (sharedLock) {
            CompletableFuture<DqliteConnection> current = shared;
            shared = null;
            if (current != null) {
                current.thenAccept(DqliteConnection::close);
            }
        }
    }

    private <T> CompletableFuture<T> onLeader(Function<DqliteConnection, CompletableFuture<T>> action) {
        checkOpen();
        return withRetry(attempt -> finder.connect().thenCompose(conn -> run(conn, action)));
    }

    private <T> CompletableFuture<T> onNode(NodeAddress address, Function<DqliteConnection, CompletableFuture<T>> action) {
        checkOpen();
        return DqliteConnection.dial(address, config).thenCompose(conn -> run(conn, action));
    }

    private static <T> CompletableFuture<T> run(DqliteConnection conn, Function<DqliteConnection, CompletableFuture<T>> action) {
        return started(() -> action.apply(conn)).whenComplete((r, e) -> conn.close());
    }

    /** The future {@code start} returns, or a failed one if it throws instead. */
    private static <T> CompletableFuture<T> started(java.util.function.Supplier<CompletableFuture<T>> start) {
        try {
            return start.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("client is closed");
        }
    }

    private static RuntimeException asRuntime(Throwable e) {
        Throwable cause = DqliteConnection.unwrap(e);
        return cause instanceof RuntimeException re ? re : new DqliteException(cause.getMessage(), cause);
    }

    /** Closes the shared connection. Connections from {@link #openConnection()} are the caller's to close. */
    @Override
    public void close() {
        closed = true;
        dropSharedQuietly();
    }

    @Override
    public String toString() {
        return "DqliteClient[" + config.seeds() + "/" + config.database() + "]";
    }
}
