package io.dqlite4j.jdbc;

import io.dqlite4j.client.DqliteInDoubtException;
import io.dqlite4j.client.DqliteConnection;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.DqliteTimeoutException;
import io.dqlite4j.client.NoLeaderException;
import io.dqlite4j.client.SqlFailure;
import io.dqlite4j.sql.SqlState;
import io.dqlite4j.wire.ProtocolException;
import java.io.IOException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.time.DateTimeException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Translates failures of the native client (and of client-side validation) into
 * {@link SQLException}s whose subclass and SQLState jOOQ, HikariCP and Spring understand
 * (docs/architecture.md, "Errors"). jOOQ never looks at a non-xerial driver's vendor
 * code, so the SQLState is what decides between {@code IntegrityConstraintViolationException},
 * {@code DataException} and a plain {@code DataAccessException}; HikariCP evicts a connection on
 * a class-08 state or a {@link SQLTimeoutException}.
 *
 * <h2>Server failures ({@link DqliteServerException}), by code</h2>
 * <table>
 *   <caption>Mapping of server codes</caption>
 *   <tr><th>code</th><th>exception</th><th>SQLState</th></tr>
 *   <tr><td>CONSTRAINT (19): UNIQUE 2067, PRIMARYKEY 1555</td><td>SQLIntegrityConstraintViolationException</td><td>23505</td></tr>
 *   <tr><td>FOREIGNKEY 787 / NOTNULL 1299 / CHECK 275</td><td>same</td><td>23503 / 23502 / 23514</td></tr>
 *   <tr><td>other CONSTRAINT codes</td><td>same</td><td>23000</td></tr>
 *   <tr><td>MISMATCH 20 / TOOBIG 18 / RANGE 25</td><td>SQLDataException</td><td>22000 / 22001 / 22023</td></tr>
 *   <tr><td>BUSY 5, LOCKED 6 (all extended forms)</td><td>SQLTransactionRollbackException</td><td>40001</td></tr>
 *   <tr><td>ERROR 1: "cannot start a transaction within a transaction"</td><td>SQLException</td><td>25001</td></tr>
 *   <tr><td>ERROR 1: "cannot commit/rollback/release ...", "... no transaction is active"</td><td>SQLException</td><td>25000</td></tr>
 *   <tr><td>ERROR 1: "no such savepoint"</td><td>SQLException</td><td>3B001</td></tr>
 *   <tr><td>ERROR 1: raft collapse ("server is shutting down", "operation canceled",
 *       "no connection to remote server")</td><td>SQLTransientConnectionException</td><td>08006</td></tr>
 *   <tr><td>ERROR 1: "no such table" / "no such column"</td><td>SQLSyntaxErrorException</td><td>42S02 / 42S22</td></tr>
 *   <tr><td>other ERROR 1</td><td>SQLSyntaxErrorException</td><td>42000</td></tr>
 *   <tr><td>READONLY 8</td><td>SQLException</td><td>25006</td></tr>
 *   <tr><td>AUTH 23</td><td>SQLSyntaxErrorException</td><td>42000</td></tr>
 *   <tr><td>not leader 10250/8202, raft leak 7, NOTFOUND 12 "no database opened"</td><td>SQLTransientConnectionException</td><td>08006</td></tr>
 *   <tr><td>leadership lost 10506/8458</td><td>{@link DqliteInDoubtSQLException}</td><td>08007</td></tr>
 *   <tr><td>anything else</td><td>SQLException</td><td>HY000</td></tr>
 * </table>
 * The vendor code is the server's extended code and the message is the server's text, verbatim.
 *
 * <h2>Client failures</h2>
 * {@link DqliteInDoubtException} → {@link DqliteInDoubtSQLException} (08007);
 * {@link NoLeaderException} → {@link SQLTransientConnectionException} (08001);
 * {@link DqliteTimeoutException} → {@link SQLTimeoutException} (HYT00);
 * any other {@link DqliteConnectionException} → {@link SQLTransientConnectionException} (08006);
 * {@link ProtocolException} → {@link SQLNonTransientConnectionException} (08S01);
 * {@link IOException} → {@link SQLTransientConnectionException} (08006);
 * {@link TimeoutException} → {@link SQLTimeoutException} (HYT00);
 * {@link CancellationException}, {@link InterruptedException} → SQLException (HY008);
 * {@link UnsupportedOperationException} → {@link SQLFeatureNotSupportedException} (0A000);
 * {@link IllegalArgumentException}, {@link DateTimeException}, {@link ArithmeticException} →
 * {@link SQLDataException} (22023); {@link IllegalStateException} and anything else →
 * SQLException (HY000). An {@link SQLException} is returned unchanged.
 *
 * <p>{@link CompletionException} and {@link ExecutionException} wrappers are removed first; the
 * unwrapped throwable becomes the cause of the result, so the dqlite exception (with its code and
 * {@code sentBeforeFailure}) stays reachable with {@code getCause()}. The SQLState is decided by
 * {@link SqlFailure} (shared with the R2DBC driver); this class picks the subclass from it.
 */
final class SqlExceptions {
    /** Bounds the walk of {@link #isDisconnect(SQLException)} over causes and chained exceptions. */
    private static final int MAX_WALK = 64;

    private SqlExceptions() {
    }

    /**
     * Maps a failure to an {@link SQLException}; see the class comment for the mapping.
     *
     * @param t the failure, possibly wrapped in {@link CompletionException} or {@link ExecutionException}
     * @return the mapped exception with the (unwrapped) failure as its cause, or {@code t}'s
     *     unwrapped {@link SQLException} itself
     */
    public static SQLException toSqlException(Throwable t) {
        return toSqlException(null, t);
    }

    /**
     * Maps a failure to an {@link SQLException}, prefixing the message with {@code context}
     * (for example the operation or the SQL) as {@code "context: message"}.
     *
     * @param context a short prefix for the message, or null/blank for none
     * @param t the failure, possibly wrapped in {@link CompletionException} or {@link ExecutionException}
     * @return the mapped exception with the (unwrapped) failure as its cause, or {@code t}'s
     *     unwrapped {@link SQLException} itself (unchanged, without the context)
     */
    public static SQLException toSqlException(String context, Throwable t) {
        Objects.requireNonNull(t, "t");
        Throwable e = DqliteConnection.unwrap(t);
        if (e instanceof SQLException sql) {
            return sql;
        }
        return fromFailure(SqlFailure.of(context, e));
    }

    /** The {@link SQLException} subclass for a classified failure, chosen by its SQLState. */
    static SQLException fromFailure(SqlFailure f) {
        String state = f.state().code();
        String message = f.message();
        int vendor = f.vendorCode();
        Throwable cause = f.cause();
        switch (f.state()) {
            case TRANSACTION_RESOLUTION_UNKNOWN:
                return new DqliteInDoubtSQLException(message, vendor, cause);
            case COMMUNICATION_LINK_FAILURE:
                return new SQLNonTransientConnectionException(message, state, vendor, cause);
            case TIMEOUT_EXPIRED:
                return new SQLTimeoutException(message, state, vendor, cause);
            case FEATURE_NOT_SUPPORTED:
                return new SQLFeatureNotSupportedException(message, state, vendor, cause);
            default:
                break;
        }
        switch (state.substring(0, 2)) {
            case "08":
                return new SQLTransientConnectionException(message, state, vendor, cause);
            case "22":
                return new SQLDataException(message, state, vendor, cause);
            case "23":
                return new SQLIntegrityConstraintViolationException(message, state, vendor, cause);
            case "40":
                return new SQLTransactionRollbackException(message, state, vendor, cause);
            case "42":
                return new SQLSyntaxErrorException(message, state, vendor, cause);
            default:
                return new SQLException(message, state, vendor, cause);
        }
    }

    /**
     * Whether the failure means the connection is unusable, so a pool should discard it: a
     * class-08 SQLState anywhere in the exception, its {@link SQLException#getNextException()
     * chain} or its causes, or a {@link DqliteConnectionException} (timeouts included) or
     * {@link ProtocolException} among the causes.
     */
    public static boolean isDisconnect(SQLException e) {
        if (e == null) {
            return false;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> queue = new ArrayDeque<>();
        queue.add(e);
        while (!queue.isEmpty() && seen.size() < MAX_WALK) {
            Throwable x = queue.poll();
            if (!seen.add(x)) {
                continue;
            }
            if (x instanceof DqliteConnectionException || x instanceof ProtocolException) {
                return true;
            }
            if (x instanceof SQLException sql) {
                if (SqlState.isConnectionError(sql.getSQLState())) {
                    return true;
                }
                if (sql.getNextException() != null) {
                    queue.add(sql.getNextException());
                }
            }
            if (x.getCause() != null) {
                queue.add(x.getCause());
            }
        }
        return false;
    }
}
