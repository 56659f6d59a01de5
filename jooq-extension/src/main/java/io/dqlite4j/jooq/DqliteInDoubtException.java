package io.dqlite4j.jooq;

import org.jooq.exception.DataAccessException;

/**
 * A COMMIT whose outcome is unknown: the connection to the leader failed (or leadership was lost)
 * after the COMMIT was sent, so the transaction <strong>may or may not have been applied</strong>
 * by the cluster. The driver reports this with SQLState {@code 08007} ("transaction resolution
 * unknown"); the {@link java.sql.SQLException} stays reachable as {@link #getCause()}.
 *
 * <p>Never retry the transaction blindly: doing so could apply it twice. Find out what happened
 * (for example by reading back a business key) and decide in the application.
 * {@link DqliteTransactions#retrying} never retries it.
 *
 * <p>This type deliberately does <em>not</em> extend {@link DqliteConnectionLostException}, so
 * that a handler that retries on lost connections cannot catch it by accident.
 */
public class DqliteInDoubtException extends DataAccessException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message
     * @param cause the driver's failure, normally an {@link java.sql.SQLException} with SQLState
     *     {@code 08007}
     */
    public DqliteInDoubtException(String message, Throwable cause) {
        super(message, cause);
    }
}
