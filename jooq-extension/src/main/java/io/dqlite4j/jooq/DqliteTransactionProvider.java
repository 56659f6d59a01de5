package io.dqlite4j.jooq;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * The dqlite {@link TransactionProvider}: owns BEGIN, COMMIT, ROLLBACK and savepoints for
 * {@code DSLContext.transaction}, {@code transactionResult} and their async forms (and for
 * {@code transactionPublisher} without an R2DBC connection factory).
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li><b>Outermost block.</b> Acquires one connection from the connection provider and pins it
 *       for the whole block, nested blocks included (every statement run through the lambda's
 *       {@link Configuration} uses it). It then calls {@link Connection#setAutoCommit(boolean)
 *       setAutoCommit(false)} if the connection was in autocommit mode: the dqlite driver opens
 *       the transaction lazily, with the {@code BEGIN} its {@code session_mode} asks for
 *       (IMMEDIATE by default). Commit is {@link Connection#commit()}, then autocommit is
 *       restored and the connection released; rollback is {@link Connection#rollback()}, then
 *       the same.</li>
 *   <li><b>Nested blocks</b> use {@code SAVEPOINT jooq_sp_N}, {@code RELEASE SAVEPOINT jooq_sp_N}
 *       on success and {@code ROLLBACK TO SAVEPOINT jooq_sp_N} followed by the {@code RELEASE} on
 *       failure. {@code N} is the nesting depth, counting the outermost block as 1 (so the first
 *       nested block uses {@code jooq_sp_2}). The names are bare ASCII, which the driver's
 *       savepoint tracker understands. These statements run through jOOQ, so execute listeners
 *       and logging see them.</li>
 *   <li><b>Failures.</b> When the lambda throws, jOOQ calls {@link #rollback} and rethrows the
 *       original exception; a failure of the rollback itself is added to it as suppressed (never
 *       replaces it). A COMMIT that fails with SQLState {@code 08007} raises
 *       {@link DqliteInDoubtException}: the transaction may or may not have been applied, and
 *       it is never retried. Other COMMIT failures are translated like statement failures
 *       ({@link DqliteBusyException}, {@link DqliteConnectionLostException},
 *       {@link org.jooq.exception.IntegrityConstraintViolationException}, ...); the transaction is
 *       then rolled back.</li>
 * </ul>
 *
 * <p>While a block runs, the provider records it in the lambda configuration's
 * {@link Configuration#data()}; {@link DqliteExecuteListener} uses that to reject raw
 * {@code BEGIN}/{@code COMMIT}/{@code ROLLBACK}, and {@link #isInTransaction(Configuration)}
 * exposes it.
 *
 * <p>Always run the statements of a transaction through the {@link Configuration} the lambda
 * receives ({@code DSL.using(cfg)}); statements run through the outer {@code DSLContext} are not
 * part of the managed transaction (with a {@code DataSource} they even use another connection).
 *
 * <p>If autocommit was already off when the block began (the caller manages the JDBC transaction),
 * the block joins the caller's transaction: the final commit or rollback still ends it, and
 * autocommit stays off. If the final {@code ROLLBACK} itself fails, autocommit is not switched
 * back on (that would commit a transaction the server may still hold open); a pool resets the
 * connection on return.
 *
 * <p>The provider is stateless and thread-safe; one instance serves a whole application.
 */
public final class DqliteTransactionProvider implements TransactionProvider {
    private static final Logger LOG = System.getLogger(DqliteTransactionProvider.class.getName());
    private static final String SAVEPOINT_PREFIX = "jooq_sp_";

    /** Keys in {@link Configuration#data()}. */
    enum DataKey {
        /** The {@link TransactionState} of the enclosing managed transaction. */
        DQLITE_TRANSACTION
    }

    private final ConnectionProvider connectionProvider;

    /**
     * A provider that takes its connection from the configuration's {@link ConnectionProvider}
     * when the outermost block begins (the usual choice; {@link DqliteDSL} uses it).
     */
    public DqliteTransactionProvider() {
        this.connectionProvider = null;
    }

    /**
     * A provider that takes its connections from {@code connectionProvider}, whatever the
     * configuration holds (the counterpart of {@code new DefaultTransactionProvider(cp)}).
     *
     * @param connectionProvider the source of connections; null means the configuration's
     */
    public DqliteTransactionProvider(ConnectionProvider connectionProvider) {
        this.connectionProvider = connectionProvider;
    }

    /**
     * Whether {@code configuration} belongs to a transaction block that this provider manages and
     * that has not ended yet: the configuration a transaction lambda receives, or one derived from
     * it.
     */
    public static boolean isInTransaction(Configuration configuration) {
        return configuration != null && activeState(configuration) != null;
    }

    @Override
    public void begin(TransactionContext ctx) {
        Configuration cfg = ctx.configuration();
        TransactionState state = activeState(cfg);
        if (state == null) {
            beginOutermost(ctx, cfg);
        } else {
            beginNested(ctx, state);
        }
    }

    @Override
    public void commit(TransactionContext ctx) {
        TransactionState state = activeState(ctx.configuration());
        Frame frame = state == null ? null : state.peek();
        if (frame == null || frame.owner != ctx) {
            throw new DataAccessException("Cannot commit: no transaction block of DqliteTransactionProvider is "
                    + "open for this TransactionContext");
        }
        if (frame.savepoint != null) {
            // On failure the frame stays; jOOQ then calls rollback(), which removes it.
            ctx.dsl().execute("RELEASE SAVEPOINT " + frame.savepoint);
            state.pop(frame);
            return;
        }
        try {
            state.connection.commit();
        } catch (SQLException e) {
            throw commitFailure(e);
        }
        state.pop(frame);
        // Committed: later failures must not make the block look failed (jOOQ would roll back).
        RuntimeException cleanup = finish(state, true);
        if (cleanup != null) {
            LOG.log(Level.WARNING, "transaction committed, but restoring autocommit or releasing the connection failed",
                    cleanup);
        }
    }

    @Override
    public void rollback(TransactionContext ctx) {
        TransactionState state = activeState(ctx.configuration());
        Frame frame = state == null ? null : state.peek();
        if (frame == null || frame.owner != ctx) {
            // begin() failed before this block was opened: nothing to undo.
            return;
        }
        if (frame.savepoint != null) {
            try {
                ctx.dsl().execute("ROLLBACK TO SAVEPOINT " + frame.savepoint);
                // Only after a successful ROLLBACK TO: releasing would otherwise keep the changes.
                ctx.dsl().execute("RELEASE SAVEPOINT " + frame.savepoint);
            } finally {
                state.pop(frame);
            }
            return;
        }
        RuntimeException failure = null;
        try {
            state.connection.rollback();
        } catch (SQLException e) {
            failure = Errors.translateOperation("ROLLBACK", e);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            state.pop(frame);
        }
        RuntimeException cleanup = finish(state, failure == null);
        if (failure == null) {
            failure = cleanup;
        } else if (cleanup != null) {
            failure.addSuppressed(cleanup);
        }
        if (failure != null) {
            throw failure;
        }
    }

    // -----------------------------------------------------------------------------------------

    private void beginOutermost(TransactionContext ctx, Configuration cfg) {
        // A configuration kept from an ended block still holds that block's (released) connection.
        TransactionState stale = (TransactionState) cfg.data(DataKey.DQLITE_TRANSACTION);
        ConnectionProvider source = connectionProvider != null ? connectionProvider
                : stale != null ? stale.source
                : cfg.connectionProvider();
        Connection connection;
        try {
            connection = source.acquire();
        } catch (DataAccessException e) {
            // e.g. DataSourceConnectionProvider wraps the driver's failure in a plain DataAccessException.
            SQLException cause = e.getClass() == DataAccessException.class ? Errors.sqlException(e) : null;
            DataAccessException specific = cause == null ? null : Errors.dqliteSpecific(null, cause);
            if (specific == null) {
                throw e;
            }
            DataAccessException translated = Errors.translateOperation("Acquiring a connection", cause);
            throw translated;
        }
        if (connection == null) {
            throw new DataAccessException("Cannot begin a transaction: the ConnectionProvider returned no connection");
        }
        boolean restoreAutoCommit;
        try {
            restoreAutoCommit = connection.getAutoCommit();
            if (restoreAutoCommit) {
                connection.setAutoCommit(false);
            }
        } catch (SQLException | RuntimeException e) {
            RuntimeException failure = e instanceof SQLException s ? Errors.translateOperation("setAutoCommit(false) (BEGIN)", s) : (RuntimeException) e;
            try {
                source.release(connection);
            } catch (RuntimeException releaseFailure) {
                failure.addSuppressed(releaseFailure);
            }
            throw failure;
        }
        TransactionState state = new TransactionState(source, connection, restoreAutoCommit);
        state.push(new Frame(ctx, null));
        cfg.data(DataKey.DQLITE_TRANSACTION, state);
        cfg.set(new DefaultConnectionProvider(connection));
    }

    private static void beginNested(TransactionContext ctx, TransactionState state) {
        String savepoint = SAVEPOINT_PREFIX + (state.depth() + 1);
        ctx.dsl().execute("SAVEPOINT " + savepoint);
        state.push(new Frame(ctx, savepoint));
    }

    private static DataAccessException commitFailure(SQLException e) {
        if (Errors.AMBIGUOUS_COMMIT.equals(e.getSQLState())) {
            return new DqliteInDoubtException("COMMIT failed: " + e.getMessage()
                    + " (the transaction may or may not have been applied; it is not retried)", e);
        }
        return Errors.translateOperation("COMMIT", e);
    }

    /**
     * Ends the outermost block: restores autocommit (only when {@code restore} is allowed) and
     * releases the connection. Returns the failure of these steps, or null.
     */
    private static RuntimeException finish(TransactionState state, boolean restore) {
        state.ended = true;
        RuntimeException failure = null;
        if (restore && state.restoreAutoCommit) {
            try {
                state.connection.setAutoCommit(true);
            } catch (SQLException e) {
                failure = Errors.translateOperation("setAutoCommit(true) after the transaction", e);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        try {
            state.source.release(state.connection);
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }

    private static TransactionState activeState(Configuration cfg) {
        Object state = cfg.data(DataKey.DQLITE_TRANSACTION);
        return state instanceof TransactionState s && !s.ended ? s : null;
    }

    /** One open block: the outermost one has no savepoint. */
    private record Frame(TransactionContext owner, String savepoint) {
    }

    /**
     * The state of one outermost block and its nested blocks, shared through the (shallow-copied)
     * {@code data()} of every configuration derived from the block's configuration.
     */
    static final class TransactionState {
        final ConnectionProvider source;
        final Connection connection;
        final boolean restoreAutoCommit;
        private final Deque<Frame> frames = new ArrayDeque<>();
        volatile boolean ended;

        TransactionState(ConnectionProvider source, Connection connection, boolean restoreAutoCommit) {
            this.source = source;
            this.connection = connection;
            this.restoreAutoCommit = restoreAutoCommit;
        }

        synchronized void push(Frame frame) {
            frames.push(frame);
        }

        synchronized Frame peek() {
            return frames.peek();
        }

        synchronized int depth() {
            return frames.size();
        }

        synchronized void pop(Frame frame) {
            if (frames.peek() == frame) {
                frames.pop();
            }
        }
    }
}
