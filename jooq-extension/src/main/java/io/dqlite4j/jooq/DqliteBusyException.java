package io.dqlite4j.jooq;

import org.jooq.exception.DataAccessException;

/**
 * The database was busy or locked by another writer (SQLState class {@code 40}, SQLITE_BUSY /
 * SQLITE_LOCKED) and the driver's own busy retries ran out. The transaction did not happen; it may
 * be retried as a whole, for example with {@link DqliteTransactions#retrying}. The
 * {@link java.sql.SQLException} stays reachable as {@link #getCause()}.
 */
public class DqliteBusyException extends DataAccessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message
     * @param cause the driver's failure, normally an {@link java.sql.SQLException} with SQLState
     *     {@code 40001}
     */
    public DqliteBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
