package io.dqlite4j.jooq;

import io.dqlite4j.sql.SqlState;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Objects;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.exception.DataAccessException;

/**
 * The dqlite {@link ExecuteListener}: enforces the transaction rules, rejects SQL that SQLite
 * cannot run, translates driver failures into meaningful jOOQ exceptions and optionally logs slow
 * statements. {@link DqliteDSL} installs the default instance ({@link #create()}).
 *
 * <h2>Transaction rules</h2>
 * Inside a transaction managed by {@link DqliteTransactionProvider} (it records that in the
 * configuration's {@code data()}), user SQL that starts with {@code BEGIN} fails with a
 * {@link DataAccessException} whose cause is an {@link SQLException} with SQLState {@code 25001}
 * and message "cannot start a transaction within a transaction"; a raw {@code COMMIT},
 * {@code END} or {@code ROLLBACK} fails likewise with SQLState {@code 25000}. {@code SAVEPOINT},
 * {@code RELEASE} and {@code ROLLBACK TO} are allowed. Outside a managed transaction nothing is
 * checked (the JDBC driver tracks raw transaction control itself). Both checks happen in
 * {@link #prepareStart(ExecuteContext)}, that is before the statement is prepared, so nothing
 * reaches the server. Every statement of a multi-statement string is checked.
 *
 * <h2>Unsupported SQL</h2>
 * The OSS {@code SQLITE} dialect renders some API that SQLite cannot run instead of rejecting
 * it. The listener rejects, before anything is sent, rendered SQL containing: {@code MERGE}
 * statements, {@code FOR UPDATE} / {@code FOR NO KEY UPDATE}, {@code FOR SHARE} /
 * {@code FOR KEY SHARE}, {@code LATERAL (...)} and {@code CREATE/ALTER/DROP SEQUENCE}. The
 * {@link DataAccessException} names the construct and says why; its cause is an
 * {@link SQLFeatureNotSupportedException} with SQLState {@code 0A000}. Keywords inside string
 * literals, quoted names and comments are ignored. Turn the guard off with
 * {@link Builder#rejectUnsupportedSql(boolean)}.
 *
 * <h2>Exception translation</h2>
 * The dqlite JDBC driver sets SQLStates, so jOOQ itself already maps class {@code 23} to
 * {@link org.jooq.exception.IntegrityConstraintViolationException} and class {@code 22} to
 * {@link org.jooq.exception.DataException}. In {@link #exception(ExecuteContext)} this listener
 * additionally maps class {@code 08} to {@link DqliteConnectionLostException} ({@code 08007} to
 * {@link DqliteInDoubtException}) and class {@code 40} to {@link DqliteBusyException}. The
 * {@link SQLException} is always kept as the cause, so {@link SQLException#getErrorCode()} (the
 * SQLite extended code) stays reachable; {@link #extendedCode(DataAccessException)} reads it.
 *
 * <h2>Slow statements</h2>
 * With {@link Builder#slowStatementThreshold(Duration)}, every statement whose prepare and
 * execute took at least the threshold is logged at {@link Level#WARNING} on the
 * {@link System.Logger} named {@code io.dqlite4j.jooq.DqliteExecuteListener} (or the one given to
 * {@link Builder#slowStatementLogger(Logger)}), with its SQL but without bind values. The time
 * runs from {@code prepareStart} (which includes the server round trip that prepares the
 * statement) to {@code executeEnd}; fetching rows is not included.
 *
 * <p>One instance is shared by every execution and thread: it holds only its immutable
 * configuration and keeps per-execution state in {@link ExecuteContext#data()}.
 */
public final class DqliteExecuteListener implements ExecuteListener {
    private static final long serialVersionUID = 1L;

    /** The message SQLite itself uses for a nested BEGIN. */
    static final String NESTED_BEGIN_MESSAGE = "cannot start a transaction within a transaction";

    private static final String DEFAULT_LOGGER = DqliteExecuteListener.class.getName();
    private static final DqliteExecuteListener DEFAULT = new Builder().build();
    private static final int CACHEABLE_SQL = 4096;
    private static final int CACHE_LIMIT = 1024;
    private static final Object CLEAN = new Object();
    /** Remembered inspections by (in transaction, guard on); see {@link #inspect}. */
    @SuppressWarnings("unchecked")
    private static final java.util.concurrent.ConcurrentHashMap<String, Object>[] INSPECTIONS =
            new java.util.concurrent.ConcurrentHashMap[] {new java.util.concurrent.ConcurrentHashMap<>(),
                new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>(),
                new java.util.concurrent.ConcurrentHashMap<>()};
    /** Longest SQL text put into a slow-statement log line. */
    private static final int MAX_LOGGED_SQL = 2000;

    /** Key of the per-execution start time ({@link System#nanoTime()}) in {@link ExecuteContext#data()}. */
    private enum DataKey {
        SLOW_STATEMENT_START
    }

    private final long slowThresholdNanos;
    private final boolean rejectUnsupportedSql;
    private final transient Logger logger;

    private DqliteExecuteListener(Builder b) {
        this.slowThresholdNanos = b.slowStatementThreshold == null ? -1 : b.slowStatementThreshold.toNanos();
        this.rejectUnsupportedSql = b.rejectUnsupportedSql;
        this.logger = b.logger != null ? b.logger : System.getLogger(DEFAULT_LOGGER);
    }

    /**
     * The default listener: transaction rules, the unsupported-SQL guard and exception
     * translation on; no slow-statement logging. A shared instance.
     */
    public static DqliteExecuteListener create() {
        return DEFAULT;
    }

    /** A builder for a listener with non-default options. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The SQLite extended result code carried by a jOOQ exception: the vendor code
     * ({@link SQLException#getErrorCode()}) of the first {@link SQLException} in the cause chain
     * that has a non-zero one; failing that, the code of a native
     * {@link io.dqlite4j.client.DqliteException} in the chain; failing that, {@code -1}.
     *
     * <p>For example {@code 2067} (SQLITE_CONSTRAINT_UNIQUE), {@code 5} (SQLITE_BUSY),
     * {@code 10250} (dqlite "not leader"). The primary code is {@code code & 0xff}.
     *
     * @param e the exception, may be null (gives -1)
     * @return the extended code, or -1 when none is known
     */
    public static long extendedCode(DataAccessException e) {
        return e == null ? -1 : Errors.extendedCode(e);
    }

    /** Whether {@code rejectUnsupportedSql} is on. */
    public boolean rejectsUnsupportedSql() {
        return rejectUnsupportedSql;
    }

    /** The slow-statement threshold, or null when slow statements are not logged. */
    public Duration slowStatementThreshold() {
        return slowThresholdNanos < 0 ? null : Duration.ofNanos(slowThresholdNanos);
    }

    @Override
    public void prepareStart(ExecuteContext ctx) {
        check(ctx);
        if (slowThresholdNanos >= 0 && ctx.data(DataKey.SLOW_STATEMENT_START) == null) {
            ctx.data(DataKey.SLOW_STATEMENT_START, System.nanoTime());
        }
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        // A statement kept open (keepStatement(true)) is re-executed without prepareStart; its SQL
        // was checked when it was prepared.
        if (slowThresholdNanos >= 0 && ctx.data(DataKey.SLOW_STATEMENT_START) == null) {
            ctx.data(DataKey.SLOW_STATEMENT_START, System.nanoTime());
        }
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        if (slowThresholdNanos < 0) {
            return;
        }
        Object start = ctx.data(DataKey.SLOW_STATEMENT_START);
        if (!(start instanceof Long startNanos)) {
            return;
        }
        long elapsed = System.nanoTime() - startNanos;
        Logger log = logger();
        if (elapsed >= slowThresholdNanos && log.isLoggable(Level.WARNING)) {
            log.log(Level.WARNING, "slow statement: {0} ms (threshold {1} ms), {2} row(s): {3}",
                    elapsed / 1_000_000, slowThresholdNanos / 1_000_000, ctx.rows(), loggedSql(ctx));
        }
    }

    @Override
    public void exception(ExecuteContext ctx) {
        RuntimeException current = ctx.exception();
        if (current instanceof DqliteConnectionLostException
                || current instanceof DqliteBusyException
                || current instanceof DqliteInDoubtException) {
            return;
        }
        SQLException sqlException = ctx.sqlException();
        if (sqlException == null) {
            // e.g. a DataSource that failed to hand out a connection: jOOQ wraps that itself.
            if (current == null || current.getClass() != DataAccessException.class) {
                return;
            }
            sqlException = Errors.sqlException(current);
            if (sqlException == null) {
                return;
            }
        }
        DataAccessException translated = Errors.dqliteSpecific(ctx.sql(), sqlException);
        if (translated != null) {
            ctx.exception(translated);
        }
    }

    private void check(ExecuteContext ctx) {
        boolean inTransaction = DqliteTransactionProvider.isInTransaction(ctx.configuration());
        if (!inTransaction && !rejectUnsupportedSql) {
            return;
        }
        String sql = ctx.sql();
        SqlInspector.Finding finding = inspect(sql, inTransaction, rejectUnsupportedSql);
        if (finding != null) {
            throw rejection(sql, finding);
        }
    }

    /**
     * {@link SqlInspector#inspect}, remembered per text: jOOQ renders the same SQL for every
     * execution of a query shape, and scanning it again was a few per cent of a point select's
     * client time. Bounded: a flood of one-off texts restarts the cache instead of growing it.
     */
    private static SqlInspector.Finding inspect(String sql, boolean inTransaction, boolean guard) {
        if (sql == null || sql.length() > CACHEABLE_SQL) {
            return SqlInspector.inspect(sql, inTransaction, guard);
        }
        java.util.concurrent.ConcurrentHashMap<String, Object> cache = INSPECTIONS[(inTransaction ? 2 : 0) + (guard ? 1 : 0)];
        Object known = cache.get(sql);
        if (known == null) {
            SqlInspector.Finding f = SqlInspector.inspect(sql, inTransaction, guard);
            known = f == null ? CLEAN : f;
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(sql, known);
        }
        return known == CLEAN ? null : (SqlInspector.Finding) known;
    }

    static DataAccessException rejection(String sql, SqlInspector.Finding finding) {
        SQLException cause;
        switch (finding.kind()) {
            case NESTED_BEGIN:
                cause = new SQLException(NESTED_BEGIN_MESSAGE, SqlState.ACTIVE_SQL_TRANSACTION.code());
                break;
            case TRANSACTION_CONTROL:
                cause = new SQLException("cannot " + finding.keyword()
                        + " inside a transaction managed by DqliteTransactionProvider: the transaction provider "
                        + "owns COMMIT and ROLLBACK (return from the transaction lambda to commit, throw to roll "
                        + "back; use savepoints or a nested transaction for partial rollback)",
                        SqlState.INVALID_TRANSACTION_STATE.code());
                break;
            default:
                SqlInspector.Unsupported u = finding.unsupported();
                cause = new SQLFeatureNotSupportedException("dqlite cannot run " + u.construct() + ": " + u.reason(),
                        SqlState.FEATURE_NOT_SUPPORTED.code());
                break;
        }
        return new DataAccessException(Errors.message(sql, cause), cause);
    }

    /** The logger; falls back to the default one after deserialisation (the field is transient). */
    private Logger logger() {
        return logger != null ? logger : System.getLogger(DEFAULT_LOGGER);
    }

    private static String loggedSql(ExecuteContext ctx) {
        String[] batch = ctx.batchSQL();
        String sql = batch != null && batch.length > 1 ? String.join("; ", batch) : ctx.sql();
        if (sql == null) {
            sql = "";
        }
        return sql.length() <= MAX_LOGGED_SQL ? sql : sql.substring(0, MAX_LOGGED_SQL) + "...";
    }

    /** Options of a {@link DqliteExecuteListener}. Not thread-safe; the built listener is. */
    public static final class Builder {
        private Duration slowStatementThreshold;
        private boolean rejectUnsupportedSql = true;
        private Logger logger;

        private Builder() {
        }

        /**
         * Logs statements whose prepare plus execute time reaches {@code threshold}; null (the
         * default) turns slow-statement logging off.
         *
         * @throws IllegalArgumentException if {@code threshold} is negative
         */
        public Builder slowStatementThreshold(Duration threshold) {
            if (threshold != null && threshold.isNegative()) {
                throw new IllegalArgumentException("slowStatementThreshold must not be negative: " + threshold);
            }
            this.slowStatementThreshold = threshold;
            return this;
        }

        /**
         * The logger for slow statements; default {@code System.getLogger(
         * "io.dqlite4j.jooq.DqliteExecuteListener")}.
         */
        public Builder slowStatementLogger(Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /** Whether to reject SQL that SQLite cannot run (default true); see the class comment. */
        public Builder rejectUnsupportedSql(boolean reject) {
            this.rejectUnsupportedSql = reject;
            return this;
        }

        /** The listener. */
        public DqliteExecuteListener build() {
            return new DqliteExecuteListener(this);
        }
    }
}
