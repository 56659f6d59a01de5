package io.dqlite4j.jooq;

import io.dqlite4j.client.DqliteException;
import io.dqlite4j.sql.SqlState;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.DataException;
import org.jooq.exception.IntegrityConstraintViolationException;

/** SQLState-based translation of driver failures, shared by the listener, provider and retry helper. */
final class Errors {
    /** SQLState of a COMMIT whose outcome is unknown ("transaction resolution unknown"). */
    static final String AMBIGUOUS_COMMIT = SqlState.TRANSACTION_RESOLUTION_UNKNOWN.code();
    /** SQLState of a busy or locked database ("serialization failure"). */
    static final String BUSY = SqlState.SERIALIZATION_FAILURE.code();
    /** SQLState of a connection that failed while in use. */
    static final String CONNECTION_FAILURE = SqlState.CONNECTION_FAILURE.code();
    /** SQLState of a connection that could not be established. */
    static final String UNABLE_TO_CONNECT = SqlState.CONNECTION_UNABLE_TO_CONNECT.code();

    /** Bound on cause-chain walks, against cyclic chains. */
    private static final int MAX_DEPTH = 32;

    private Errors() {
    }

    /** jOOQ's message format: {@code SQL [sql]; message}, or the message alone without SQL. */
    static String message(String sql, Throwable e) {
        return sql == null ? String.valueOf(e.getMessage()) : "SQL [" + sql + "]; " + e.getMessage();
    }

    /**
     * The dqlite-specific exception for {@code e}, or null when jOOQ's own translation is already
     * right: class 08 becomes {@link DqliteConnectionLostException} ({@code 08007}, or a native
     * client {@link io.dqlite4j.client.DqliteInDoubtException} in the chain, becomes
     * {@link DqliteInDoubtException}), class 40 becomes {@link DqliteBusyException}.
     */
    static DataAccessException dqliteSpecific(String sql, SQLException e) {
        String state = e.getSQLState();
        if (AMBIGUOUS_COMMIT.equals(state) || hasCause(e, io.dqlite4j.client.DqliteInDoubtException.class)) {
            return new DqliteInDoubtException(message(sql, e), e);
        }
        if (state == null) {
            return null;
        }
        if (SqlState.isConnectionError(state)) {
            return new DqliteConnectionLostException(message(sql, e), e);
        }
        if (state.startsWith("40")) {
            return new DqliteBusyException(message(sql, e), e);
        }
        return null;
    }

    /**
     * The full translation used where jOOQ does not translate (JDBC calls made by the transaction
     * provider, opening a connection): the dqlite-specific types, then jOOQ's class 22 and 23
     * types, else {@link DataAccessException}. The message is {@code "<operation> failed: <driver
     * message>"}.
     */
    static DataAccessException translateOperation(String operation, SQLException e) {
        String message = operation + " failed: " + e.getMessage();
        String state = e.getSQLState();
        if (AMBIGUOUS_COMMIT.equals(state) || hasCause(e, io.dqlite4j.client.DqliteInDoubtException.class)) {
            return new DqliteInDoubtException(message, e);
        }
        if (SqlState.isConnectionError(state)) {
            return new DqliteConnectionLostException(message, e);
        }
        if (state != null && state.startsWith("40")) {
            return new DqliteBusyException(message, e);
        }
        if (state != null && state.startsWith("23")) {
            return new IntegrityConstraintViolationException(message, e);
        }
        if (state != null && state.startsWith("22")) {
            return new DataException(message, e);
        }
        return new DataAccessException(message, e);
    }

    /** The first {@link SQLException} in the cause chain of {@code t} (including {@code t}), or null. */
    static SQLException sqlException(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** The SQLState of the first {@link SQLException} in the cause chain that has one, or null. */
    static String sqlState(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    /** Whether the cause chain of {@code t} (including {@code t}) holds an instance of {@code type}. */
    static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code t} certainly says the commit's outcome is unknown. */
    static boolean isAmbiguousCommit(Throwable t) {
        if (hasCause(t, DqliteInDoubtException.class)
                || hasCause(t, io.dqlite4j.client.DqliteInDoubtException.class)) {
            return true;
        }
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof SQLException s && AMBIGUOUS_COMMIT.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SQLite extended result code carried by {@code t}: the vendor code of the first
     * {@link SQLException} in the chain with a non-zero one, else the code of the first native
     * {@link DqliteException} that has one, else -1.
     */
    static long extendedCode(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof SQLException s && s.getErrorCode() != 0) {
                return s.getErrorCode();
            }
        }
        depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof DqliteException d && d.code() != DqliteException.NO_CODE) {
                return d.code();
            }
        }
        return -1;
    }
}
