package io.dqlite4j.client;

import io.dqlite4j.sql.SqlState;
import io.dqlite4j.wire.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A failure classified the way SQL callers need it: the message to show, the SQLState that decides
 * what tooling does with it, and the SQLite extended code. The JDBC driver turns it into an
 * {@code SQLException} subclass and the R2DBC driver into an {@code R2dbcException} subclass, so
 * both report the same state for the same failure.
 *
 * <p>Server failures ({@link DqliteServerException}) are classified by code: CONSTRAINT (19) by
 * its extended code into 23505 (UNIQUE 2067, PRIMARYKEY 1555), 23503 (FOREIGNKEY 787), 23502
 * (NOTNULL 1299), 23514 (CHECK 275) or 23000; MISMATCH 20, TOOBIG 18, RANGE 25 into 22000, 22001,
 * 22023; BUSY 5 and LOCKED 6 into 40001; READONLY 8 into 25006; AUTH 23 into 42000; ERROR 1 by its
 * text ("cannot start a transaction within a transaction" 25001; "cannot commit/rollback/release",
 * "no transaction is active" 25000; "no such savepoint" 3B001; the raft collapse messages 08006;
 * "no such table" 42S02; "no such column" 42S22; otherwise 42000); not leader, the raft leak and
 * NOTFOUND "no database opened" into 08006; leadership lost into 08007; anything else HY000. The
 * message is the server's text, verbatim.
 *
 * <p>Client failures: {@link DqliteInDoubtException} 08007; {@link NoLeaderException} 08001;
 * {@link DqliteTimeoutException} HYT00; other {@link DqliteConnectionException}s 08006;
 * {@link UnsupportedSqlException} 0A000; {@link ProtocolException} 08S01; {@link IOException}
 * 08006; {@link TimeoutException} HYT00; {@link CancellationException} and
 * {@link InterruptedException} HY008; {@link UnsupportedOperationException} 0A000;
 * {@link IllegalArgumentException}, {@link DateTimeException}, {@link ArithmeticException} 22023;
 * anything else HY000. {@link CompletionException} and {@link ExecutionException} wrappers are
 * removed first; the unwrapped failure is the {@link #cause()}.
 *
 * @param message the message, prefixed with the caller's context when one was given
 * @param state the SQLState
 * @param vendorCode the SQLite extended code, 0 when there is none
 * @param cause the unwrapped failure
 */
public record SqlFailure(String message, SqlState state, int vendorCode, Throwable cause) {
    /**
     * Raft errors the server reduces to code 1 that mean the node is going away; the Python stack
     * treats them as disconnects too. Matched on the whole message, never a substring: code-1
     * text can be user-controlled.
     */
    private static final Set<String> RAFT_COLLAPSE = Set.of(
            "server is shutting down", "operation canceled", "no connection to remote server");

    public SqlFailure {
        Objects.requireNonNull(state, "state");
    }

    /**
     * Classifies a failure, prefixing the message with {@code context} (for example the operation)
     * as {@code "context: message"}.
     *
     * @param context a short prefix for the message, or null/blank for none
     * @param failure the failure, possibly wrapped in {@link CompletionException} or {@link ExecutionException}
     */
    public static SqlFailure of(String context, Throwable failure) {
        Throwable e = DqliteConnection.unwrap(Objects.requireNonNull(failure, "failure"));
        if (e instanceof DqliteException dqlite) {
            return fromDqlite(context, dqlite);
        }
        String message = message(context, e);
        SqlState state;
        if (e instanceof ProtocolException) {
            state = SqlState.COMMUNICATION_LINK_FAILURE;
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            state = SqlState.CONNECTION_FAILURE;
        } else if (e instanceof TimeoutException) {
            state = SqlState.TIMEOUT_EXPIRED;
        } else if (e instanceof CancellationException || e instanceof InterruptedException) {
            state = SqlState.OPERATION_CANCELED; // before IllegalStateException: CancellationException is one
        } else if (e instanceof UnsupportedOperationException) {
            state = SqlState.FEATURE_NOT_SUPPORTED;
        } else if (e instanceof IllegalArgumentException || e instanceof DateTimeException
                || e instanceof ArithmeticException) {
            // Client-side validation and value conversion: the data, not the connection, is wrong.
            state = SqlState.INVALID_PARAMETER_VALUE;
        } else {
            state = SqlState.GENERAL_ERROR;
        }
        return new SqlFailure(message, state, 0, e);
    }

    private static SqlFailure fromDqlite(String context, DqliteException e) {
        int vendor = vendorCode(e.code());
        if (e instanceof DqliteServerException server) {
            String text = server.serverMessage() != null ? server.serverMessage() : e.getMessage();
            return fromServer(prefix(context, text), server.code(), text, e);
        }
        String message = message(context, e);
        if (e instanceof UnsupportedSqlException) {
            return new SqlFailure(message, SqlState.FEATURE_NOT_SUPPORTED, 0, e);
        }
        // Most specific first: these are all DqliteConnectionException subclasses.
        if (e instanceof DqliteInDoubtException) {
            return new SqlFailure(message, SqlState.TRANSACTION_RESOLUTION_UNKNOWN, vendor, e);
        }
        if (e instanceof NoLeaderException) {
            return new SqlFailure(message, SqlState.CONNECTION_UNABLE_TO_CONNECT, vendor, e);
        }
        if (e instanceof DqliteTimeoutException) {
            return new SqlFailure(message, SqlState.TIMEOUT_EXPIRED, vendor, e);
        }
        if (e instanceof DqliteConnectionException) {
            // The client already decided the connection is gone (and whether a code was ambiguous).
            return new SqlFailure(message, SqlState.CONNECTION_FAILURE, vendor, e);
        }
        if (e.getCause() instanceof InterruptedException) {
            return new SqlFailure(message, SqlState.OPERATION_CANCELED, vendor, e);
        }
        if (e.code() != DqliteException.NO_CODE) {
            return fromServer(message, e.code(), e.getMessage(), e);
        }
        return new SqlFailure(message, SqlState.GENERAL_ERROR, vendor, e);
    }

    private static SqlFailure fromServer(String message, long code, String serverText, Throwable cause) {
        return new SqlFailure(message, serverState(code, serverText), vendorCode(code), cause);
    }

    private static SqlState serverState(long code, String serverText) {
        if (ErrorCodes.isLeadershipLost(code)) {
            // Not classified by the client: be conservative, the write may have been applied.
            return SqlState.TRANSACTION_RESOLUTION_UNKNOWN;
        }
        if (ErrorCodes.isNotLeader(code) || code == ErrorCodes.RAFT_NOT_LEADER_LEAK) {
            return SqlState.CONNECTION_FAILURE;
        }
        switch (ErrorCodes.primary(code)) {
            case 19: // SQLITE_CONSTRAINT
                return constraintState(code);
            case 20: // SQLITE_MISMATCH
                return SqlState.DATA_EXCEPTION;
            case 18: // SQLITE_TOOBIG
                return SqlState.STRING_DATA_RIGHT_TRUNCATION;
            case 25: // SQLITE_RANGE: more bind values than the statement has
                return SqlState.INVALID_PARAMETER_VALUE;
            case 5: // SQLITE_BUSY, incl. BUSY_RECOVERY 261, BUSY_SNAPSHOT 517, BUSY_TIMEOUT 773
            case 6: // SQLITE_LOCKED
                return SqlState.SERIALIZATION_FAILURE;
            case 8: // SQLITE_READONLY
                return SqlState.READ_ONLY_SQL_TRANSACTION;
            case 23: // SQLITE_AUTH
                return SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
            case 12: // SQLITE_NOTFOUND: after a leadership change the server forgets the OPEN
                return serverText != null && serverText.startsWith("no database opened")
                        ? SqlState.CONNECTION_FAILURE : SqlState.GENERAL_ERROR;
            case 1: // SQLITE_ERROR
                return errorMessageState(serverText);
            default:
                return SqlState.GENERAL_ERROR;
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
    private static SqlState errorMessageState(String serverText) {
        String m = serverText == null ? "" : serverText.strip().toLowerCase(Locale.ROOT);
        if (m.startsWith("cannot start a transaction within a transaction")) {
            return SqlState.ACTIVE_SQL_TRANSACTION;
        }
        if (m.startsWith("cannot commit") || m.startsWith("cannot rollback") || m.startsWith("cannot release")
                || m.endsWith("no transaction is active")) {
            return SqlState.INVALID_TRANSACTION_STATE;
        }
        if (m.startsWith("no such savepoint")) {
            return SqlState.INVALID_SAVEPOINT_SPECIFICATION;
        }
        if (RAFT_COLLAPSE.contains(m)) {
            return SqlState.CONNECTION_FAILURE;
        }
        return m.startsWith("no such table") ? SqlState.UNDEFINED_TABLE
                : m.startsWith("no such column") ? SqlState.UNDEFINED_COLUMN
                : SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION;
    }

    /** The extended code as an int vendor code; 0 (JDBC's "none") when absent or too large. */
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
