package io.dqlite4j.client;

import io.dqlite4j.client.tls.TlsSettings;
import io.dqlite4j.wire.Params;
import io.dqlite4j.wire.ProtocolException;
import io.dqlite4j.wire.Request;
import io.dqlite4j.wire.WireCodec;
import io.dqlite4j.wire.Response;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TCP connection to one dqlite node.
 *
 * <p>Requests are encoded on the calling thread and written in order, joining a FIFO of in-flight
 * requests; each decoded message is handed to the oldest. Several requests may be in flight at
 * once (pipelining): the server reads a request only after it has answered the previous one, so
 * their order is preserved. When the connection breaks, every in-flight request fails together.
 *
 * <p>Two kinds exist. {@link #dial} puts the socket on a shared Netty event loop, so that nothing
 * ever blocks the caller (R2DBC, the native client). {@link #dialDirect} lets the thread that
 * waits for an answer read the socket itself, sparing a blocking caller (JDBC) two thread
 * hand-offs per round trip. Both behave the same otherwise.
 *
 * <p>A request the server leaves unanswered for longer than {@code timeout} (time spent with
 * reading paused by a slow consumer does not count) breaks the connection.
 *
 * <p>Failures that mean this node can no longer serve the connection (not leader, leadership
 * lost, database closed after a leadership change) fail the request with a
 * {@link DqliteConnectionException} and close the connection; ordinary SQL failures leave it open.
 * Thread-safe; usually owned by one JDBC connection or one R2DBC connection at a time.
 */
public final class DqliteConnection implements AutoCloseable {
    private static final int MAX_UNWRAP = 16;

    private final Link link;
    private final NodeAddress address;
    private final DqliteConfig config;
    private volatile long timeoutNanos;
    private final ArrayDeque<Pending> inflight = new ArrayDeque<>(); // touched only inside link.execute
    private final AtomicLong requestsSent = new AtomicLong();
    /** The most requests that were ever awaiting their answers at once (written only inside link.execute). */
    private volatile int maxInFlight;
    private volatile boolean closed;
    private volatile Throwable closeCause;
    private volatile String database;
    private volatile ServerGeneration generation;
    private volatile boolean returningAllowed;
    private long lastProgressNanos; // inside link.execute only
    /** Told when the server leaves a request unanswered for the whole timeout; see {@link #watchSilence}. */
    private volatile java.util.function.Consumer<NodeAddress> silenceListener;

    private DqliteConnection(Link link, NodeAddress address, DqliteConfig config) {
        this.link = link;
        this.address = address;
        this.config = config;
        this.timeoutNanos = config.timeout().toNanos();
        this.lastProgressNanos = System.nanoTime();
    }

    /**
     * Connects to one node and sends the protocol handshake. The future fails with a
     * {@link DqliteConnectionException} if the node cannot be reached within {@code dial_timeout}.
     * The connection's I/O runs on a shared Netty event loop: nothing ever blocks the caller.
     */
    public static CompletableFuture<DqliteConnection> dial(NodeAddress address, DqliteConfig config) {
        CompletableFuture<DqliteConnection> result = new CompletableFuture<>();
        DqliteConnection[] holder = new DqliteConnection[1];
        ChannelFuture connect = Transport.bootstrap(connectMillis(config))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        NettyLink link = new NettyLink(ch);
                        DqliteConnection conn = new DqliteConnection(link, address, config);
                        holder[0] = conn;
                        link.bind(conn);
                    }
                })
                .connect(address.toSocketAddress());
        TlsSettings tls = config.tlsOrNull();
        long dialDeadline = System.nanoTime() + config.dialTimeout().toNanos();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(cannotConnect(address, f.cause()));
                return;
            }
            DqliteConnection conn = holder[0];
            if (tls == null) {
                conn.register(connect.channel(), result);
                return;
            }
            // Added to the active channel, the handler starts the handshake at once; the rest of
            // the dial budget bounds it.
            SslHandler ssl;
            try {
                ssl = new SslHandler(tls.newEngine(address.host(), address.port()));
            } catch (RuntimeException e) {
                conn.close();
                result.completeExceptionally(tlsFailure(address, e));
                return;
            }
            ssl.setHandshakeTimeoutMillis(Math.max(1, TimeUnit.NANOSECONDS.toMillis(dialDeadline - System.nanoTime())));
            connect.channel().pipeline().addFirst("tls", ssl);
            ssl.handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    conn.register(connect.channel(), result);
                } else {
                    conn.close();
                    result.completeExceptionally(tlsFailure(address, h.cause()));
                }
            });
        });
        return result;
    }

    /** After connect (and TLS): starts the watchdog and sends the protocol handshake. */
    private void register(Channel ch, CompletableFuture<DqliteConnection> result) {
        ((NettyLink) link).startWatchdog(this, timeoutNanos);
        ch.writeAndFlush(WireCodec.handshake(ch.alloc())).addListener(w -> {
            if (w.isSuccess() && config.trustServerHeartbeat()) {
                adoptServerHeartbeat(result);
            } else if (w.isSuccess()) {
                result.complete(this);
            } else {
                close();
                result.completeExceptionally(new DqliteConnectionException("handshake with " + address
                        + " failed: " + w.cause().getMessage(), DqliteException.NO_CODE, false, w.cause()));
            }
        });
    }

    /**
     * Connects to one node and sends the handshake, blocking the caller (at most
     * {@code dial_timeout}). The connection's I/O is done by the threads that use it: a request
     * is written by its caller and the thread that waits for an answer reads it, so a blocking
     * round trip costs no thread hand-off. Its futures make progress only while a thread waits on
     * them ({@code get}/{@code join}); callbacks run on that thread. Meant for blocking callers
     * such as the JDBC driver.
     *
     * @throws DqliteConnectionException when the node cannot be reached or the handshake fails
     */
    public static DqliteConnection dialDirect(NodeAddress address, DqliteConfig config) {
        DirectLink link;
        try {
            link = DirectLink.connect(address, config, connectMillis(config));
        } catch (IOException | RuntimeException e) {
            throw cannotConnect(address, e);
        }
        DqliteConnection conn = new DqliteConnection(link, address, config);
        link.bind(conn);
        conn.link.execute(() -> conn.link.write(WireCodec.handshake(conn.link.alloc())));
        if (conn.closed) {
            throw new DqliteConnectionException("handshake with " + address + " failed"
                    + describe(conn.closeCause), DqliteException.NO_CODE, false, conn.closeCause);
        }
        if (config.trustServerHeartbeat()) {
            CompletableFuture<DqliteConnection> registered = new CompletableFuture<>();
            conn.adoptServerHeartbeat(registered);
            try {
                conn.link.pumpUntil(registered::isDone, System.nanoTime() + conn.timeoutNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                conn.close();
                throw new DqliteConnectionException("interrupted while registering with " + address, e);
            }
            if (!registered.isDone()) {
                conn.close();
                throw new DqliteTimeoutException("no WELCOME from " + address + " within the timeout", false);
            }
            registered.join();
        }
        return conn;
    }

    private static int connectMillis(DqliteConfig config) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, config.dialTimeout().toMillis()));
    }

    /** A failed TLS handshake: the cause is the {@link javax.net.ssl.SSLException} where there is one. */
    static DqliteConnectionException tlsFailure(NodeAddress address, Throwable cause) {
        Throwable ssl = cause;
        while (ssl != null && !(ssl instanceof javax.net.ssl.SSLException)) {
            ssl = ssl.getCause();
        }
        Throwable reported = ssl;
        if (reported == null) {
            // The node hung up mid-handshake (a plain TCP node does, on a ClientHello).
            reported = new javax.net.ssl.SSLHandshakeException("the server closed the connection during the TLS"
                    + " handshake (is it serving plain TCP rather than TLS?)");
            reported.initCause(cause);
        }
        return new DqliteConnectionException("TLS handshake with " + address + " failed: " + reported.getMessage()
                + TLS_HINT, DqliteException.NO_CODE, false, reported);
    }

    private static final String TLS_HINT = " (check that the node serves TLS, that tls_ca trusts its certificate,"
            + " that the certificate names the address or tls_server_name, and that tls_cert/tls_key are the"
            + " cluster's client certificate)";

    private static DqliteConnectionException cannotConnect(NodeAddress address, Throwable cause) {
        if (cause instanceof javax.net.ssl.SSLException) {
            return tlsFailure(address, cause);
        }
        String why = cause instanceof ConnectException ? "connection refused"
                : cause instanceof java.net.SocketTimeoutException ? "no answer within dial_timeout"
                : String.valueOf(cause.getMessage());
        return new DqliteConnectionException("cannot connect to " + address + ": " + why, DqliteException.NO_CODE,
                false, cause);
    }

    private static String describe(Throwable cause) {
        return cause == null ? "" : ": " + cause.getMessage();
    }

    /**
     * With {@code trust_server_heartbeat}: registers the connection (CLIENT) and widens the read
     * deadline to the heartbeat the server announces in WELCOME, capped at 300 s.
     */
    private void adoptServerHeartbeat(CompletableFuture<DqliteConnection> result) {
        sendRaw(new Request.Client(0)).whenComplete((r, e) -> {
            if (e != null) {
                close();
                result.completeExceptionally(e);
                return;
            }
            long heartbeatMillis = Math.min(300_000, Math.max(0, ((Response.Welcome) r).heartbeatTimeoutMillis()));
            timeoutNanos = Math.max(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(heartbeatMillis));
            result.complete(this);
        });
    }

    /** The node this connection talks to. */
    public NodeAddress address() {
        return address;
    }

    /**
     * The event loop this connection's I/O runs on. Work submitted here never contends with the
     * connection's own I/O, which is how the R2DBC driver calls into row streams without ever
     * blocking an event-loop thread. A {@link #dialDirect direct} connection has no event loop:
     * its executor runs tasks on the calling thread.
     */
    public java.util.concurrent.Executor executor() {
        return link.executor();
    }

    /** How long the server may stay silent while an answer is due (widened by a trusted heartbeat). */
    long timeoutNanos() {
        return timeoutNanos;
    }

    /** The configuration this connection was made with. */
    public DqliteConfig config() {
        return config;
    }

    /** The database OPEN opened on this connection, or null. */
    public String database() {
        return database;
    }

    /** Whether the connection is closed (by the caller, the server, or a failure). */
    public boolean isClosed() {
        return closed;
    }

    /** Why the connection closed, if it did because of a failure. */
    public Throwable closeCause() {
        return closeCause;
    }

    /** Requests written to this connection so far; a round-trip counter for tests and metrics. */
    public long requestsSent() {
        return requestsSent.get();
    }

    /** The most requests this connection ever had written and unanswered at once: 1 unless something pipelined. */
    public int maxRequestsInFlight() {
        return maxInFlight;
    }

    // ---------------------------------------------------------------- requests

    /** LEADER: which node this node believes leads the cluster. */
    public CompletableFuture<Response.Server> leader() {
        return send(new Request.Leader()).thenApply(Response.Server.class::cast);
    }

    /** OPEN: opens {@code name} on this connection (one database per connection). */
    public CompletableFuture<Void> open(String name) {
        return send(new Request.Open(name)).thenApply(r -> {
            if (((Response.Db) r).databaseId() != 0) {
                throw protocolFailure(new ProtocolException("OPEN answered database id "
                        + ((Response.Db) r).databaseId() + ", expected 0"));
            }
            database = name;
            return null;
        });
    }

    /**
     * Refuses DML with RETURNING before anything is sent: dqlite 1.11.1 and 1.18.1 fail such a
     * statement and then abort on the next write (docs/protocol.md §9.8, verified on both). The
     * substring test keeps the common case free of a full analysis.
     */
    static void refuseUnsafeSql(String sql) {
        if (sql.length() >= 9 && containsIgnoreCase(sql, "returning")) {
            io.dqlite4j.sql.SqlStatement analysis = io.dqlite4j.sql.SqlStatement.analyze(sql);
            boolean unsafe = false;
            for (io.dqlite4j.sql.SqlStatement part : analysis.hasMultipleStatements() ? analysis.statements()
                    : java.util.List.of(analysis)) {
                unsafe |= part.hasReturning() && part.isDml();
            }
            if (unsafe) {
                throw new UnsupportedSqlException("DML with RETURNING is never sent to dqlite: the server fails it and "
                        + "then aborts on its next write; run the statement without RETURNING and SELECT the rows");
            }
        }
    }

    private static boolean containsIgnoreCase(String s, String lowerNeedle) {
        int n = lowerNeedle.length();
        for (int i = 0, last = s.length() - n; i <= last; i++) {
            if (s.regionMatches(true, i, lowerNeedle, 0, n)) {
                return true;
            }
        }
        return false;
    }

    /** EXEC_SQL: runs SQL text that returns no rows. */
    public CompletableFuture<ExecResult> execSql(String sql, Params params) {
        refuseUnsafeSql(sql);
        return send(new Request.ExecSql(sql, params)).thenApply(DqliteConnection::toExecResult);
    }

    /** QUERY_SQL: runs one statement and streams its rows. */
    public RowStream querySql(String sql, Params params) {
        if (!returningAllowed) {
            refuseUnsafeSql(sql);
        }
        return stream(new Request.QuerySql(sql, params));
    }

    /**
     * Lets DML with RETURNING through QUERY_SQL (only there: EXEC_SQL and PREPARE keep refusing
     * it). For a server known to run it correctly (dqlite 1.18.3 and newer; the session's probe
     * decides, see docs/protocol.md "RETURNING").
     */
    public void allowReturningQueries() {
        returningAllowed = true;
    }

    /** Whether {@link #allowReturningQueries()} was called. */
    public boolean returningQueriesAllowed() {
        return returningAllowed;
    }

    /** PREPARE: compiles one statement on the server. */
    public CompletableFuture<PreparedStatementHandle> prepare(String sql) {
        refuseUnsafeSql(sql);
        return send(new Request.Prepare(sql)).thenApply(r -> {
            Response.Stmt stmt = (Response.Stmt) r;
            return new PreparedStatementHandle(this, stmt.statementId(), (int) stmt.parameterCount(), sql);
        });
    }

    /** EXEC of a prepared statement. */
    public CompletableFuture<ExecResult> exec(PreparedStatementHandle statement, Params params) {
        checkAlive(statement);
        return send(new Request.Exec(statement.id(), params)).thenApply(DqliteConnection::toExecResult);
    }

    /**
     * Several EXECs of one prepared statement, written back to back and answered in order. The
     * futures complete one by one; after the first failure the server has still run the later
     * requests (each is independent), so every future reports its own outcome.
     */
    public List<CompletableFuture<ExecResult>> execPipelined(PreparedStatementHandle statement, List<Params> batch) {
        checkAlive(statement);
        Request[] requests = new Request[batch.size()];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = new Request.Exec(statement.id(), batch.get(i));
        }
        List<CompletableFuture<Response>> sent = sendAll(requests);
        return sent.stream().map(f -> f.thenApply(DqliteConnection::toExecResult)).toList();
    }

    /** QUERY of a prepared statement. */
    public RowStream query(PreparedStatementHandle statement, Params params) {
        checkAlive(statement);
        return stream(new Request.Query(statement.id(), params));
    }

    /**
     * FINALIZE: frees a prepared statement. The handle is marked dead first, so it can never be
     * sent again; finalizing twice, or after the connection closed, sends nothing.
     */
    public CompletableFuture<Void> finalizeStatement(PreparedStatementHandle statement) {
        if (statement.connection() != this) {
            throw new IllegalArgumentException("statement belongs to another connection");
        }
        if (!statement.kill() || closed) {
            return CompletableFuture.completedFuture(null);
        }
        return send(new Request.Finalize(statement.id())).thenApply(r -> null);
    }

    /**
     * Which server generation this node runs, asked once per connection with a request that is
     * safe on both ({@link Request.GenerationProbe}).
     */
    public CompletableFuture<ServerGeneration> generation() {
        ServerGeneration known = generation;
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<Response> probe = sendRaw(new Request.GenerationProbe());
        return probe.handle((r, e) -> {
            if (e != null) {
                Throwable cause = unwrap(e);
                if (cause instanceof DqliteServerException se && se.code() == ErrorCodes.DQLITE_PARSE) {
                    generation = ServerGeneration.MODERN;
                    return generation;
                }
                throw cause instanceof RuntimeException re ? re : new DqliteException(cause.getMessage(), cause);
            }
            generation = ServerGeneration.LEGACY;
            return generation;
        });
    }

    /** Any request, answered by its success response (a FAILURE fails the future). */
    public CompletableFuture<Response> send(Request request) {
        return sendRaw(request);
    }

    private CompletableFuture<Response> sendRaw(Request request) {
        Single pending = new Single(request);
        DqliteMetrics.listeners().request();
        write(pending, encode(request));
        return pending.future;
    }

    private List<CompletableFuture<Response>> sendAll(Request[] requests) {
        Single[] pendings = new Single[requests.length];
        ByteBuf out = link.alloc().buffer(requests.length * 64);
        try {
            for (int i = 0; i < requests.length; i++) {
                pendings[i] = new Single(requests[i]);
                DqliteMetrics.listeners().request();
                WireCodec.encode(requests[i], out, config.maxMessageSize());
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        writeAll(pendings, out);
        return java.util.Arrays.stream(pendings).map(p -> p.future).toList();
    }

    private RowStream stream(Request request) {
        RowStream stream = new RowStream(request, this, config.maxTotalRows(), config.maxContinuationFrames());
        write(stream, encode(request));
        return stream;
    }

    private ByteBuf encode(Request request) {
        ByteBuf out = link.alloc().buffer(64);
        try {
            WireCodec.encode(request, out, config.maxMessageSize());
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private void write(Pending pending, ByteBuf frame) {
        writeAll(new Pending[] {pending}, frame);
    }

    private void writeAll(Pending[] pendings, ByteBuf frames) {
        link.execute(() -> {
            if (!closed && inflight.isEmpty()) {
                link.beforeIdleWrite();
            }
            if (closed) {
                frames.release();
                for (Pending p : pendings) {
                    p.fail(notSent());
                }
                return;
            }
            if (inflight.isEmpty()) {
                lastProgressNanos = System.nanoTime();
            }
            for (Pending p : pendings) {
                inflight.add(p);
            }
            if (inflight.size() > maxInFlight) {
                maxInFlight = inflight.size();
            }
            requestsSent.addAndGet(pendings.length);
            link.write(frames);
        });
    }

    private DqliteConnectionException notSent() {
        Throwable cause = closeCause;
        return new DqliteConnectionException("connection to " + address + " is closed"
                + (cause != null ? ": " + cause.getMessage() : ""), DqliteException.NO_CODE, false, cause);
    }

    private static void checkAlive(PreparedStatementHandle statement) {
        if (!statement.isAlive()) {
            throw new IllegalStateException("prepared statement is finalized or its connection closed: " + statement);
        }
    }

    private static ExecResult toExecResult(Response r) {
        Response.Result result = (Response.Result) r;
        return new ExecResult(result.lastInsertId(), result.rowsAffected());
    }

    // ---------------------------------------------------------------- failures

    /** The exception a FAILURE answer to {@code request} becomes. */
    DqliteException failureException(Request request, Response.Failure f) {
        long code = f.code();
        String msg = f.message();
        boolean runsSql = request instanceof Request.Exec || request instanceof Request.ExecSql
                || request instanceof Request.Query || request instanceof Request.QuerySql;
        boolean writes = request instanceof Request.Exec || request instanceof Request.ExecSql;
        if (ErrorCodes.isNotLeader(code) || (code == ErrorCodes.RAFT_NOT_LEADER_LEAK && runsSql)) {
            return new DqliteConnectionException(address + " is not the leader (" + msg + ")", code, false, null);
        }
        if (ErrorCodes.isLeadershipLost(code)) {
            if (writes) {
                return new DqliteInDoubtException("leadership lost while the write was being replicated by "
                        + address + " (" + msg + "); it may or may not have been applied", code, null);
            }
            return new DqliteConnectionException(address + " lost leadership (" + msg + ")", code, true, null);
        }
        if (isDatabaseGone(f)) {
            return new DqliteConnectionException(address + " closed this connection's database, "
                    + "probably after a leadership change (" + msg + ")", code, false, null);
        }
        if (code == ErrorCodes.SQLITE_BUSY && msg.contains("checkpoint in progress")) {
            return new DqliteConnectionException(address + " dropped the transaction: " + msg, code, false, null);
        }
        return new DqliteServerException(code, msg);
    }

    private static boolean isDatabaseGone(Response.Failure f) {
        return f.code() == ErrorCodes.SQLITE_NOTFOUND && f.message().startsWith("no database opened");
    }

    /** Closes the connection after a failure that means this node cannot serve it any more. */
    void afterFailure(Response.Failure f) {
        long code = f.code();
        if (ErrorCodes.isNotLeader(code) || ErrorCodes.isLeadershipLost(code) || isDatabaseGone(f)
                || code == ErrorCodes.RAFT_NOT_LEADER_LEAK
                || (code == ErrorCodes.SQLITE_BUSY && f.message().contains("checkpoint in progress"))) {
            breakConnection(new DqliteConnectionException(address + " can no longer serve this connection: "
                    + f.message(), code, true, null));
        }
    }

    private DqliteException protocolFailure(ProtocolException e) {
        breakConnection(e);
        return new DqliteConnectionException("protocol error on connection to " + address + ": " + e.getMessage(), e);
    }

    /**
     * Closes the socket and fails every in-flight request. The socket is closed at once from any
     * thread (which also wakes a thread reading it); the requests are failed in I/O order.
     */
    private void breakConnection(Throwable cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        closed = true;
        link.close();
        DqliteConnectionException lost = cause instanceof DqliteConnectionException dce ? dce
                : new DqliteConnectionException("connection to " + address + " lost: " + cause.getMessage(),
                        DqliteException.NO_CODE, true, cause);
        link.execute(() -> {
            Pending p;
            while ((p = inflight.poll()) != null) {
                p.fail(lost);
            }
        });
    }

    /** The Netty watchdog's periodic check (on the event loop). */
    void checkTimeout() {
        Pending head = inflight.peek();
        if (head == null || closed) {
            return;
        }
        long now = System.nanoTime();
        if (head.readPaused()) {
            lastProgressNanos = now;
            return;
        }
        if (now - lastProgressNanos > timeoutNanos) {
            onSilence();
        }
    }

    /**
     * Registers who learns that this connection's node went silent (a request unanswered for the
     * whole timeout), so that leader discovery stops waiting on a frozen node.
     */
    void watchSilence(java.util.function.Consumer<NodeAddress> listener) {
        this.silenceListener = listener;
    }

    /** The server has been silent for {@code timeout} while an answer was due. */
    void onSilence() {
        silent("no answer from " + address + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                + " ms (timeout); connection closed");
    }

    private void silent(String why) {
        java.util.function.Consumer<NodeAddress> listener = silenceListener;
        if (listener != null && !closed) {
            listener.accept(address);
        }
        breakConnection(new DqliteTimeoutException(why, true));
    }

    /**
     * Closes the connection because its caller gave up waiting for an answer (a statement or
     * network timeout shorter than {@code timeout}): in-flight requests fail as sent and
     * unanswered (in doubt if they write), and leader discovery treats the node as silent, as
     * when the connection's own timeout fires.
     */
    public void abandon() {
        if (!closed) {
            silent("the caller stopped waiting for an answer from " + address + "; connection closed");
        }
    }

    void pauseReading() {
        link.pauseReading();
    }

    void resumeReading() {
        link.resumeReading();
    }

    /** Whether threads waiting for this connection's answers must read them themselves ({@link #dialDirect}). */
    boolean waitersDriveIo() {
        return link.waitersDriveIo();
    }

    /** Reads and dispatches answers until {@code done} holds or the deadline passes; see {@link #dialDirect}. */
    void pumpUntil(java.util.function.BooleanSupplier done, long deadlineNanos) throws InterruptedException {
        link.pumpUntil(done, deadlineNanos);
    }

    /** Closes the socket; requests still in flight fail with a {@link DqliteConnectionException}. */
    @Override
    public void close() {
        if (!closed) {
            breakConnection(new DqliteConnectionException("connection to " + address + " closed by the client",
                    DqliteException.NO_CODE, true, null));
        }
    }

    /** Completes when the socket is closed. */
    public CompletableFuture<Void> closeFuture() {
        return link.closeFuture();
    }

    /** The cause inside CompletionException / ExecutionException wrappers. */
    public static Throwable unwrap(Throwable e) {
        // Bounded against pathological wrappers that cause each other.
        for (int i = 0; i < MAX_UNWRAP && (e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null; i++) {
            e = e.getCause();
        }
        return e;
    }

    @Override
    public String toString() {
        return "DqliteConnection[" + address + (database != null ? "/" + database : "") + (closed ? ", closed" : "") + "]";
    }

    /** A request answered by exactly one message. */
    private final class Single extends Pending {
        final CompletableFuture<Response> future = link.newFuture();

        Single(Request request) {
            super(request);
        }

        @Override
        boolean onResponse(Response response, DqliteConnection conn) {
            if (response instanceof Response.Failure f) {
                future.completeExceptionally(failureException(request, f));
                afterFailure(f);
            } else if (response.type() == request.successType()) {
                future.complete(response);
            } else {
                throw new ProtocolException("expected response type " + request.successType() + " to "
                        + request.getClass().getSimpleName() + ", got " + response.getClass().getSimpleName());
            }
            return true;
        }

        @Override
        void fail(Throwable cause) {
            future.completeExceptionally(cause);
        }
    }

    // ---------------------------------------------------------------- events from the link

    /** One whole frame from the server; the caller keeps ownership of the buffer. */
    void onFrame(ByteBuf frame) {
        try {
            Response response;
            try {
                response = WireCodec.decode(frame);
            } catch (RuntimeException e) {
                // Whatever the bytes were, this connection can no longer be trusted to be in step.
                throw e instanceof ProtocolException pe ? pe : new ProtocolException("undecodable answer: " + e, e);
            }
            Pending head = inflight.peek();
            if (head == null) {
                throw new ProtocolException("server sent " + response.getClass().getSimpleName()
                        + " with no request waiting");
            }
            lastProgressNanos = System.nanoTime();
            if (head.onResponse(response, this) && inflight.peek() == head) {
                inflight.poll();
            }
        } catch (ProtocolException e) {
            breakConnection(new DqliteConnectionException("protocol error on connection to " + address + ": "
                    + e.getMessage(), DqliteException.NO_CODE, true, e));
        }
    }

    /** Whether more than one answer is due (the link then asks the kernel to ACK at once). */
    boolean moreAnswersDue() {
        return inflight.size() > 1;
    }

    void onClosedByServer() {
        breakConnection(new DqliteConnectionException("connection to " + address + " closed by the server",
                DqliteException.NO_CODE, true, null));
    }

    void onFrameTooLong(Throwable tooLong) {
        breakConnection(new DqliteConnectionException("protocol error on connection to " + address
                + ": message exceeds max_message_size=" + config.maxMessageSize() + " (" + tooLong.getMessage()
                + ")", DqliteException.NO_CODE, true, new ProtocolException(tooLong.getMessage(), tooLong)));
    }

    void onIoFailure(Throwable failure) {
        if (failure instanceof IOException) {
            breakConnection(new DqliteConnectionException("connection to " + address + " failed: "
                    + failure.getMessage(), DqliteException.NO_CODE, true, failure));
        } else {
            breakConnection(failure);
        }
    }
}
