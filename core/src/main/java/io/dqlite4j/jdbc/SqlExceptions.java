package io.dqlite4j.jdbc;

import io.dqlite4j.client.AmbiguousCommitException;
import io.dqlite4j.client.DqliteConnectionException;
import io.dqlite4j.client.DqliteException;
import io.dqlite4j.client.DqliteServerException;
import io.dqlite4j.client.DqliteTimeoutException;
import io.dqlite4j.client.ErrorCodes;
import io.dqlite4j.client.NoLeaderException;
import io.dqlite4j.wire.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Translates failures of the native client (and of client-side validation) into
 * {@link SQLException}s whose subclass and SQLState jOOQ, HikariCP and Spring understand
 * (DESIGN.md §4 "Errors", JOOQ-NOTES.md §2.5). jOOQ never looks at a non-xerial driver's vendor
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
 *   <tr><td>leadership lost 10506/8458</td><td>{@link AmbiguousCommitSQLException}</td><td>08007</td></tr>
 *   <tr><td>anything else</td><td>SQLException</td><td>HY000</td></tr>
 * </table>
 * The vendor code is the server's extended code and the message is the server's text, verbatim.
 *
 * <h2>Client failures</h2>
 * {@link AmbiguousCommitException} → {@link AmbiguousCommitSQLException} (08007);
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
 * {@code sentBeforeFailure}) stays reachable with {@code getCause()}.
 */
public final class SqlExceptions {
    /** Bounds the unwrapping loop against pathological self-referencing wrappers. */
    private static final int MAX_UNWRAP = 16;
    /** Bounds the walk of {@link #isDisconnect(SQLException)} over causes and chained exceptions. */
    private static final int MAX_WALK = 64;

    /**
     * Raft errors the server reduces to code 1 that mean the node is going away; the Python stack
     * treats them as disconnects too. Matched on the whole message, never a substring: code-1
     * text can be user-controlled.
     */
    private static final Set<String> RAFT_COLLAPSE = Set.of(
            "server is shutting down", "operation canceled", "no connection to remote server");

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
        Throwable e = unwrap(t);
        if (e instanceof SQLException sql) {
            return sql;
        }
        if (e instanceof DqliteException dqlite) {
            return fromDqlite(context, dqlite);
        }
        String message = message(context, e);
        if (e instanceof ProtocolException) {
            return new SQLNonTransientConnectionException(message, SqlState.COMMUNICATION_LINK_FAILURE.code(), 0, e);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return new SQLTransientConnectionException(message, SqlState.CONNECTION_FAILURE.code(), 0, e);
        }
        if (e instanceof TimeoutException) {
            return new SQLTimeoutException(message, SqlState.TIMEOUT_EXPIRED.code(), 0, e);
        }
        // Before IllegalStateException: CancellationException is one.
        if (e instanceof CancellationException || e instanceof InterruptedException) {
            return new SQLException(message, SqlState.OPERATION_CANCELED.code(), 0, e);
        }
        if (e instanceof UnsupportedOperationException) {
            return new SQLFeatureNotSupportedException(message, SqlState.FEATURE_NOT_SUPPORTED.code(), 0, e);
        }
        if (e instanceof IllegalArgumentException || e instanceof DateTimeException || e instanceof ArithmeticException) {
            // Client-side validation and value conversion: the data, not the connection, is wrong.
            return new SQLDataException(message, SqlState.INVALID_PARAMETER_VALUE.code(), 0, e);
        }
        return new SQLException(message, SqlState.GENERAL_ERROR.code(), 0, e);
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

    // ------------------------------------------------------------------------------------------

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        for (int i = 0; i < MAX_UNWRAP
                && (e instanceof CompletionException || e instanceof ExecutionException)
                && e.getCause() != null; i++) {
            e = e.getCause();
        }
        return e;
    }

    private static SQLException fromDqlite(String context, DqliteException e) {
        int vendor = vendorCode(e.code());
        if (e instanceof DqliteServerException server) {
            String text = server.serverMessage() != null ? server.serverMessage() : e.getMessage();
            return fromServer(prefix(context, text), server.code(), text, e);
        }
        String message = message(context, e);
        if (e instanceof io.dqlite4j.client.UnsupportedSqlException) {
            return new SQLFeatureNotSupportedException(message, SqlState.FEATURE_NOT_SUPPORTED.code(), 0, e);
        }
        // Most specific first: these are all DqliteConnectionException subclasses.
        if (e instanceof AmbiguousCommitException) {
            return new AmbiguousCommitSQLException(message, vendor, e);
        }
        if (e instanceof NoLeaderException) {
            return new SQLTransientConnectionException(message, SqlState.CONNECTION_UNABLE_TO_CONNECT.code(), vendor, e);
        }
        if (e instanceof DqliteTimeoutException) {
            return new SQLTimeoutException(message, SqlState.TIMEOUT_EXPIRED.code(), vendor, e);
        }
        if (e instanceof DqliteConnectionException) {
            // The client already decided the connection is gone (and whether a code was ambiguous).
            return new SQLTransientConnectionException(message, SqlState.CONNECTION_FAILURE.code(), vendor, e);
        }
        if (e.getCause() instanceof InterruptedException) {
            return new SQLException(message, SqlState.OPERATION_CANCELED.code(), vendor, e);
        }
        if (e.code() != DqliteException.NO_CODE) {
            return fromServer(message, e.code(), e.getMessage(), e);
        }
        return new SQLException(message, SqlState.GENERAL_ERROR.code(), vendor, e);
    }

    private static SQLException fromServer(String message, long code, String serverText, Throwable cause) {
        int vendor = vendorCode(code);
        if (ErrorCodes.isLeadershipLost(code)) {
            // Not classified by the client: be conservative, the write may have been applied.
            return new AmbiguousCommitSQLException(message, vendor, cause);
        }
        if (ErrorCodes.isNotLeader(code) || code == ErrorCodes.RAFT_NOT_LEADER_LEAK) {
            return connectionFailure(message, vendor, cause);
        }
        int primary = ErrorCodes.primary(code);
        switch (primary) {
            case 19: // SQLITE_CONSTRAINT
                return new SQLIntegrityConstraintViolationException(message, constraintState(code).code(), vendor, cause);
            case 20: // SQLITE_MISMATCH
                return new SQLDataException(message, SqlState.DATA_EXCEPTION.code(), vendor, cause);
            case 18: // SQLITE_TOOBIG
                return new SQLDataException(message, SqlState.STRING_DATA_RIGHT_TRUNCATION.code(), vendor, cause);
            case 25: // SQLITE_RANGE: more bind values than the statement has
                return new SQLDataException(message, SqlState.INVALID_PARAMETER_VALUE.code(), vendor, cause);
            case 5: // SQLITE_BUSY, incl. BUSY_RECOVERY 261, BUSY_SNAPSHOT 517, BUSY_TIMEOUT 773
            case 6: // SQLITE_LOCKED
                return new SQLTransactionRollbackException(message, SqlState.SERIALIZATION_FAILURE.code(), vendor, cause);
            case 8: // SQLITE_READONLY
                return new SQLException(message, SqlState.READ_ONLY_SQL_TRANSACTION.code(), vendor, cause);
            case 23: // SQLITE_AUTH
                return new SQLSyntaxErrorException(message, SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION.code(), vendor, cause);
            case 12: // SQLITE_NOTFOUND: after a leadership change the server forgets the OPEN
                if (serverText != null && serverText.startsWith("no database opened")) {
                    return connectionFailure(message, vendor, cause);
                }
                return new SQLException(message, SqlState.GENERAL_ERROR.code(), vendor, cause);
            case 1: // SQLITE_ERROR
                return fromErrorMessage(message, serverText, vendor, cause);
            default:
                return new SQLException(message, SqlState.GENERAL_ERROR.code(), vendor, cause);
        }
    }

    private static SqlState constraintState(long code) {
        if (code == 2067 || code == 1555) { // UNIQUE, PRIMARYKEY
            return SqlState.UNIQUE_VIOLATION;
        }
        if (code == 787) { // FOREIGNKEY
            return SqlState.FOREIGN_KEY_VIOLATION;
        }
        if (code == 1299) { // NOTNULL
            return SqlState.NOT_NULL_VIOLATION;
        }
        if (code == 275) { // CHECK
            return SqlState.CHECK_VIOLATION;
        }
        return SqlState.INTEGRITY_CONSTRAINT_VIOLATION;
    }

    /** SQLITE_ERROR covers syntax errors, transaction-state errors and raft failures alike. */
    private static SQLException fromErrorMessage(String message, String serverText, int vendor, Throwable cause) {
        String m = serverText == null ? "" : serverText.strip().toLowerCase(Locale.ROOT);
        if (m.startsWith("cannot start a transaction within a transaction")) {
            return new SQLException(message, SqlState.ACTIVE_SQL_TRANSACTION.code(), vendor, cause);
        }
        if (m.startsWith("cannot commit") || m.startsWith("cannot rollback") || m.startsWith("cannot release")
                || m.endsWith("no transaction is active")) {
            return new SQLException(message, SqlState.INVALID_TRANSACTION_STATE.code(), vendor, cause);
        }
        if (m.startsWith("no such savepoint")) {
            return new SQLException(message, SqlState.INVALID_SAVEPOINT_SPECIFICATION.code(), vendor, cause);
        }
        if (RAFT_COLLAPSE.contains(m)) {
            return connectionFailure(message, vendor, cause);
        }
        SqlState state = m.startsWith("no such table") ? SqlState.UNDEFINED_TABLE
                : m.startsWith("no such column") ? SqlState.UNDEFINED_COLUMN
                : SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
        return new SQLSyntaxErrorException(message, state.code(), vendor, cause);
    }

    private static SQLException connectionFailure(String message, int vendor, Throwable cause) {
        return new SQLTransientConnectionException(message, SqlState.CONNECTION_FAILURE.code(), vendor, cause);
    }

    /** The extended code as JDBC's int vendor code; 0 (JDBC's "none") when absent or too large. */
    private static int vendorCode(long code) {
        return code >= 0 && code <= Integer.MAX_VALUE ? (int) code : 0;
    }

    private static String message(String context, Throwable e) {
        String text = e.getMessage();
        if (text == null || text.isEmpty()) {
            text = e.getClass().getName();
        }
        return prefix(context, text);
    }

    private static String prefix(String context, String text) {
        return context == null || context.isBlank() ? text : context + ": " + text;
    }
}
